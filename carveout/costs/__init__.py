"""Fair cost allocation: cost games from the catalogue, Shapley value, nucleolus,
the Faulhaber subsidy test and each party's subsidy-free range (the core), the
fair-share ledger and exit settlements. Pure: data in, result out.

The functions live in their modules (``carveout.costs.shapley.shapley``,
``carveout.costs.nucleolus.nucleolus``, …) so the module names stay importable.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from carveout.lazy import lazy_exports

if TYPE_CHECKING:
    from carveout.costs.core import CoreRange, core_range
    from carveout.costs.games import (
        AirportGame,
        CatalogueGame,
        CostGame,
        PowerCurve,
        ServiceCost,
        TableCurve,
        TableGame,
    )
    from carveout.costs.nucleolus import LeastCore, Nucleolus
    from carveout.costs.report import CostReport, cost_report
    from carveout.costs.shapley import ShapleyValue

_EXPORTS: dict[str, str] = {
    "CoreRange": "carveout.costs.core",
    "core_range": "carveout.costs.core",
    "AirportGame": "carveout.costs.games",
    "CatalogueGame": "carveout.costs.games",
    "CostGame": "carveout.costs.games",
    "PowerCurve": "carveout.costs.games",
    "ServiceCost": "carveout.costs.games",
    "TableCurve": "carveout.costs.games",
    "TableGame": "carveout.costs.games",
    "LeastCore": "carveout.costs.nucleolus",
    "Nucleolus": "carveout.costs.nucleolus",
    "CostReport": "carveout.costs.report",
    "cost_report": "carveout.costs.report",
    "ShapleyValue": "carveout.costs.shapley",
}
"""Where each public name lives (see :mod:`carveout.lazy`)."""

__all__ = [
    "AirportGame",
    "CatalogueGame",
    "CoreRange",
    "CostGame",
    "CostReport",
    "LeastCore",
    "Nucleolus",
    "PowerCurve",
    "ServiceCost",
    "ShapleyValue",
    "TableCurve",
    "TableGame",
    "core_range",
    "cost_report",
]


__getattr__ = lazy_exports(__name__, _EXPORTS)
