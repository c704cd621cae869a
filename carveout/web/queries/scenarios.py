"""Scenarios side by side: assumptions, plan and forecast figures in one table."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel

from carveout.domain import Portfolio
from carveout.planning.plan import Plan
from carveout.risk.forecast import Forecast


class ScenarioColumn(BaseModel):
    """One scenario's assumptions and the headline results stored for it."""

    code: str
    name: str
    start: date | None
    deadline: date | None
    objective: str | None
    capacity_factor: float | None
    plan_status: str | None
    plan_created: date | None
    finish: date | None
    total_cost: float | None
    hosting_cost: float | None
    bridge_cost: float | None
    late_services: int | None
    gap: float | None
    finish_p50: date | None
    finish_p80: date | None
    finish_p90: date | None
    p_meet_deadline: float | None
    hosting_cost_p80: float | None


class ScenarioComparison(BaseModel):
    """The Scenarios page and ``GET /api/scenarios``."""

    available: list[str]
    columns: list[ScenarioColumn]


def scenario_column(
    *, portfolio: Portfolio, code: str, plan: Plan | None, forecast: Forecast | None
) -> ScenarioColumn:
    """One scenario's column; the plan's figures are None (shown as a dash) unless a plan fits."""
    s = portfolio.scenario_by_code.get(code)
    fits = plan if plan is not None and plan.feasible else None
    return ScenarioColumn(
        code=code,
        name=s.name if s else code,
        start=s.start if s else None,
        deadline=(s.deadline if s else None) or (plan.deadline if plan else None),
        objective=s.objective.value if s else (plan.objective if plan else None),
        capacity_factor=s.capacity_factor if s else None,
        plan_status=plan.status if plan else None,
        plan_created=plan.created.date() if plan else None,
        finish=fits.finish if fits else None,
        total_cost=fits.total_cost if fits else None,
        hosting_cost=fits.hosting_cost if fits else None,
        bridge_cost=fits.bridge_cost if fits else None,
        late_services=sum(1 for m in fits.migrations if m.late_days > 0) if fits else None,
        gap=fits.gap if fits else None,
        finish_p50=forecast.finish.p50 if forecast else None,
        finish_p80=forecast.finish.p80 if forecast else None,
        finish_p90=forecast.finish.p90 if forecast else None,
        p_meet_deadline=forecast.p_meet_deadline if forecast else None,
        hosting_cost_p80=forecast.hosting_cost.p80 if forecast else None,
    )
