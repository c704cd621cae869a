"""The risk forecast of a scenario made as of the data date, as the Risk page and others show it."""

from __future__ import annotations

from datetime import date, timedelta

from pydantic import BaseModel

from carveout.risk.convergence import convergence_sentence
from carveout.risk.forecast import Forecast
from carveout.risk.joint import budget_at, date_at
from carveout.web.queries.risk_impacts import ImpactsView, impacts_view
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


class JointRow(BaseModel):
    """One joint confidence level: the budget it needs by the date, the date it needs within
    the budget, and the ends of its frontier (the earliest date it can be met, with the budget
    then; the least budget it can be met with, with the date then)."""

    level: float
    budget_by_date: float | None
    date_for_budget: date | None
    earliest: date | None
    earliest_budget: float | None
    least_budget: float | None
    least_budget_date: date | None


class ChosenLevel(BaseModel):
    """At one joint confidence: the budget needed by the chosen date and the date needed within
    the chosen budget, read off the stored frontier (None: not reachable)."""

    level: float
    budget_by: float | None
    date_within: date | None


class JointChoice(BaseModel):
    """The ``?by=`` date and ``?budget=`` a reader chose, and what each level needs then."""

    by: date
    budget: float
    levels: list[ChosenLevel]


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
    convergence: str = ""
    joint: list[JointRow] = []
    choice: JointChoice | None = None
    impacts: ImpactsView | None = None


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
        convergence=convergence_sentence(forecast.convergence) if forecast else "",
        joint=joint_rows(forecast),
        scenario=scenario,
        forecast=forecast,
        forecast_note=forecast_note,
        stored_dates=stored_dates or [],
        p_meet_deadline=p_meet_deadline,
        deadline_passed=deadline_passed,
        s_curve=s_curve,
        histogram=histogram,
        drivers=bars,
        impacts=impacts_view(forecast),
    )


def joint_rows(forecast: Forecast | None) -> list[JointRow]:
    """The joint confidence levels of ``forecast`` (none for a forecast made before them)."""
    if forecast is None or forecast.joint is None:
        return []
    rows = []
    for lv in forecast.joint.levels:
        first = lv.frontier[0] if lv.frontier else None
        last = lv.frontier[-1] if lv.frontier else None
        rows.append(
            JointRow(
                level=lv.level,
                budget_by_date=lv.budget_by_date,
                date_for_budget=lv.date_for_budget,
                earliest=first[0] if first else None,
                earliest_budget=first[1] if first else None,
                least_budget=last[1] if last else None,
                least_budget_date=last[0] if last else None,
            )
        )
    return rows


def choose_joint(view: RiskView, *, by: date | None, budget: float | None) -> RiskView:
    """``view`` with what each joint confidence level needs by ``by`` and within ``budget``
    (either defaults to the forecast's own); unchanged when neither is given."""
    f = view.forecast
    if f is None or f.joint is None or (by is None and budget is None):
        return view
    when = by or f.joint.by
    amount = f.joint.budget if budget is None else budget
    levels = [
        ChosenLevel(
            level=lv.level,
            budget_by=budget_at(lv.frontier, when),
            date_within=date_at(lv.frontier, amount),
        )
        for lv in f.joint.levels
    ]
    return view.model_copy(update={"choice": JointChoice(by=when, budget=amount, levels=levels)})


def finish_on(start: date, days: float) -> date:
    return start + timedelta(days=days)
