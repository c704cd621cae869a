"""Schedule risk: Monte Carlo simulation of a plan and the forecasts drawn from it.

>>> forecast = run_risk(portfolio=portfolio, plan=plan, runs=100_000, seed=1)
>>> forecast.finish.p80, forecast.p_meet_deadline, forecast.recommended
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from carveout.lazy import lazy_exports

if TYPE_CHECKING:
    from carveout.risk.distributions import Shape
    from carveout.risk.engine import Samples, simulate
    from carveout.risk.forecast import Forecast, build_forecast
    from carveout.risk.from_plan import model_from_plan
    from carveout.risk.model import RiskModel, TrancheTerms
    from carveout.risk.network import Network, build_network
    from carveout.risk.run import run_risk

_EXPORTS: dict[str, str] = {
    "Shape": "carveout.risk.distributions",
    "Samples": "carveout.risk.engine",
    "simulate": "carveout.risk.engine",
    "Forecast": "carveout.risk.forecast",
    "build_forecast": "carveout.risk.forecast",
    "model_from_plan": "carveout.risk.from_plan",
    "RiskModel": "carveout.risk.model",
    "TrancheTerms": "carveout.risk.model",
    "Network": "carveout.risk.network",
    "build_network": "carveout.risk.network",
    "run_risk": "carveout.risk.run",
}
"""Where each public name lives (see :mod:`carveout.lazy`)."""

__all__ = [
    "Forecast",
    "Network",
    "RiskModel",
    "Samples",
    "Shape",
    "TrancheTerms",
    "build_forecast",
    "build_network",
    "model_from_plan",
    "run_risk",
    "simulate",
]


__getattr__ = lazy_exports(__name__, _EXPORTS)
