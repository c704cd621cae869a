"""Scenarios side by side: assumptions, and the plan, forecast, status and money of each as of
its data date, in one table."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel

from carveout.domain import Portfolio
from carveout.planning.plan import Plan
from carveout.risk.forecast import Forecast
from carveout.web.queries.scope import ResultNote
from carveout.web.queries.standing import Standing


class ScenarioColumn(BaseModel):
    """One scenario's assumptions and the headline results stored for it as of ``as_of``.

    Money is the pack's (:class:`carveout.reports.contents.Money`); every money
    figure is None (shown as a dash) unless a plan fits.
    """

    code: str
    name: str
    as_of: date
    start: date | None
    deadline: date | None
    objective: str | None
    capacity_factor: float | None
    plan_status: str | None
    plan_created: date | None
    plan_stale: bool | None
    rating: str
    finish: date | None
    hosting_to_date: float | None
    hosting_to_go: float | None
    step_up_to_go: float | None
    running_to_go: float | None
    bridges_to_date: float | None
    bridges_to_go: float | None
    total_cost: float | None
    late_services: int | None
    gap: float | None
    forecast_stale: bool | None
    finish_p50: date | None
    finish_p80: date | None
    finish_p90: date | None
    p_meet_deadline: float | None
    hosting_cost_p80: float | None


class ScenarioComparison(BaseModel):
    """The Scenarios page and ``GET /api/scenarios``.

    ``as_of`` is the data date asked for; without one (None) each scenario is
    seen as of its own (pinned, else today).
    """

    as_of: date | None
    available: list[str]
    columns: list[ScenarioColumn]


def scenario_column(
    *,
    portfolio: Portfolio,
    code: str,
    as_of: date,
    plan: Plan | None,
    forecast: Forecast | None,
    standing: Standing,
    plan_note: ResultNote | None = None,
    forecast_note: ResultNote | None = None,
) -> ScenarioColumn:
    """One scenario's column; the plan's figures are None (shown as a dash) unless a plan fits."""
    s = portfolio.scenario_by_code.get(code)
    fits = plan if plan is not None and plan.feasible else None
    money = standing.money
    status = standing.status
    return ScenarioColumn(
        code=code,
        name=s.name if s else code,
        as_of=as_of,
        start=s.start if s else None,
        deadline=status.deadline,
        objective=s.objective.value if s else (plan.objective if plan else None),
        capacity_factor=s.capacity_factor if s else None,
        plan_status=plan.status if plan else None,
        plan_created=plan.created.date() if plan else None,
        plan_stale=plan_note.stale if plan_note else None,
        rating=status.rating,
        finish=fits.finish if fits else None,
        hosting_to_date=money.hosting_to_date if money else None,
        hosting_to_go=money.hosting_to_go if money else None,
        step_up_to_go=money.step_up_to_go if money else None,
        running_to_go=money.running_to_go if money else None,
        bridges_to_date=money.bridges_to_date if money else None,
        bridges_to_go=money.bridges_to_go if money else None,
        total_cost=fits.total_cost if fits else None,
        late_services=sum(1 for m in fits.migrations if m.late_days > 0) if fits else None,
        gap=fits.gap if fits else None,
        forecast_stale=forecast_note.stale if forecast_note else None,
        finish_p50=forecast.finish.p50 if forecast else None,
        finish_p80=forecast.finish.p80 if forecast else None,
        finish_p90=forecast.finish.p90 if forecast else None,
        p_meet_deadline=status.p_meet_deadline,
        hosting_cost_p80=money.hosting_p80 if money else None,
    )
