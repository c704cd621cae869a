"""Fair cost allocation: cost games from the catalogue, Shapley value, nucleolus,
the Faulhaber subsidy test and the cross-subsidy ledger. Pure: data in, result out.

The functions live in their modules (``carveout.costs.shapley.shapley``,
``carveout.costs.nucleolus.nucleolus``, …) so the module names stay importable.
"""

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

__all__ = [
    "AirportGame",
    "CatalogueGame",
    "CostGame",
    "CostReport",
    "LeastCore",
    "Nucleolus",
    "PowerCurve",
    "ServiceCost",
    "ShapleyValue",
    "TableCurve",
    "TableGame",
    "cost_report",
]
