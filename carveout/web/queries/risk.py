"""The risk forecast of a scenario made as of the data date, as the Risk page and others show it."""

from __future__ import annotations

from datetime import date, timedelta

from pydantic import BaseModel

from carveout.risk.forecast import Forecast
from carveout.web.queries.scope import ResultNote, ScenarioChoice


def service_forecast(
    forecast: Forecast | None, service: str
) -> dict[str, float | str | None] | None:
    """One service's forecast dates and chances, as label -> value."""
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
    """The Risk page and ``GET /api/risk``: the forecast made as of ``scenario.as_of``.

    ``p_meet_deadline`` is the status's chance of meeting the deadline (0 once
    the deadline has passed with work left), as the pack gives it.
    """

    scenario: ScenarioChoice
    forecast: Forecast | None
    forecast_note: ResultNote | None = None
    stored_dates: list[date] = []
    p_meet_deadline: float | None = None
    deadline_passed: bool = False
    s_curve: list[SCurvePoint]
    histogram: list[CostBin]
    drivers: list[DriverBar]


def risk_view(
    *,
    scenario: ScenarioChoice,
    forecast: Forecast | None,
    forecast_note: ResultNote | None = None,
    stored_dates: list[date] | None = None,
    p_meet_deadline: float | None = None,
    deadline_passed: bool = False,
) -> RiskView:
    s_curve: list[SCurvePoint] = []
    histogram: list[CostBin] = []
    bars: list[DriverBar] = []
    if forecast is not None:
        cost = forecast.hosting_cost
        p50 = (forecast.finish.p50 - forecast.start).days
        s_curve = [SCurvePoint(finish=d, probability=p) for d, p in forecast.s_curve]
        histogram = [
            CostBin(low=cost.bins[i], high=cost.bins[i + 1], runs=n)
            for i, n in enumerate(cost.counts)
        ]
        bars = [
            DriverBar(
                name=d.name,
                kind=d.kind,
                rank_correlation=d.rank_correlation,
                low_days=round(min(d.low, d.high) - p50, 1),
                high_days=round(max(d.low, d.high) - p50, 1),
            )
            for d in sorted(forecast.drivers, key=lambda d: -abs(d.high - d.low))
        ]
    return RiskView(
        scenario=scenario,
        forecast=forecast,
        forecast_note=forecast_note,
        stored_dates=stored_dates or [],
        p_meet_deadline=p_meet_deadline,
        deadline_passed=deadline_passed,
        s_curve=s_curve,
        histogram=histogram,
        drivers=bars,
    )


def finish_on(start: date, days: float) -> date:
    return start + timedelta(days=days)
