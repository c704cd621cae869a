"""The stored risk forecast of a scenario, as the Risk page and others show it."""

from __future__ import annotations

from datetime import date, timedelta

from pydantic import BaseModel

from carveout.risk.forecast import Forecast
from carveout.web.cache import ResultCache
from carveout.web.queries.scope import ScenarioChoice


def load_forecast(results: ResultCache, scenario: str) -> Forecast | None:
    return results.get(scenario=scenario, kind="risk", parse=Forecast.model_validate)


def headline(results: ResultCache, scenario: str) -> tuple[dict[str, float], float | None]:
    """Probability of leaving each tranche by its end, and the P80 hosting cost, if forecast."""
    forecast = load_forecast(results, scenario)
    if forecast is None:
        return {}, None
    return {t.code: t.p_leave_by_end for t in forecast.tranches}, forecast.hosting_cost.p80


def service_forecast(
    results: ResultCache, scenario: str, service: str
) -> dict[str, float | str | None] | None:
    """One service's forecast dates and chances, as label -> value."""
    forecast = load_forecast(results, scenario)
    found = next((s for s in forecast.services if s.service == service), None) if forecast else None
    if found is None:
        return None

    def pct(v: float | None) -> str | None:
        return None if v is None else f"{v * 100:.0f}%"

    return {
        "cut-over P50": f"{found.dates.p50:%d %b %Y}",
        "cut-over P80": f"{found.dates.p80:%d %b %Y}",
        "cut-over P90": f"{found.dates.p90:%d %b %Y}",
        "chance of meeting its deadline": pct(found.p_by_deadline),
        "chance of leaving before its tranche ends": pct(found.p_by_tranche_end),
        "share of runs on the critical path": pct(found.criticality),
    }


class SCurvePoint(BaseModel):
    finish: date
    probability: float


class CostBin(BaseModel):
    low: float
    high: float
    runs: int


class DriverBar(BaseModel):
    """A driver's swing of the finish, in days relative to the P50 finish."""

    name: str
    kind: str
    rank_correlation: float
    low_days: float
    high_days: float


class RiskView(BaseModel):
    """The Risk page and ``GET /api/risk``."""

    scenario: ScenarioChoice
    forecast: Forecast | None
    s_curve: list[SCurvePoint]
    histogram: list[CostBin]
    drivers: list[DriverBar]


def risk_view(*, scenario: ScenarioChoice, forecast: Forecast | None) -> RiskView:
    if forecast is None:
        return RiskView(scenario=scenario, forecast=None, s_curve=[], histogram=[], drivers=[])
    cost = forecast.hosting_cost
    p50 = (forecast.finish.p50 - forecast.start).days
    drivers = sorted(forecast.drivers, key=lambda d: -abs(d.high - d.low))
    return RiskView(
        scenario=scenario,
        forecast=forecast,
        s_curve=[SCurvePoint(finish=d, probability=p) for d, p in forecast.s_curve],
        histogram=[
            CostBin(low=cost.bins[i], high=cost.bins[i + 1], runs=n)
            for i, n in enumerate(cost.counts)
        ],
        drivers=[
            DriverBar(
                name=d.name,
                kind=d.kind,
                rank_correlation=d.rank_correlation,
                low_days=round(min(d.low, d.high) - p50, 1),
                high_days=round(max(d.low, d.high) - p50, 1),
            )
            for d in drivers
        ],
    )


def finish_on(start: date, days: float) -> date:
    return start + timedelta(days=days)
