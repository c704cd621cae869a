"""Schedule risk: Monte Carlo simulation of a plan and the forecasts drawn from it.

>>> forecast = run_risk(portfolio=portfolio, plan=plan, runs=100_000, seed=1)
>>> forecast.finish.p80, forecast.p_meet_deadline, forecast.recommended
"""

from carveout.risk.distributions import Shape
from carveout.risk.engine import Samples, simulate
from carveout.risk.forecast import Forecast, build_forecast
from carveout.risk.from_plan import model_from_plan
from carveout.risk.model import RiskModel, TrancheTerms
from carveout.risk.network import Network, build_network
from carveout.risk.run import run_risk

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
