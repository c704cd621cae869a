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
    s = portfolio.scenario_by_code.get(code)
    return ScenarioColumn(
        code=code,
        name=s.name if s else code,
        start=s.start if s else None,
        deadline=(s.deadline if s else None) or (plan.deadline if plan else None),
        objective=s.objective.value if s else (plan.objective if plan else None),
        capacity_factor=s.capacity_factor if s else None,
        plan_status=plan.status if plan else None,
        plan_created=plan.created.date() if plan else None,
        finish=plan.finish if plan else None,
        total_cost=plan.total_cost if plan else None,
        hosting_cost=plan.hosting_cost if plan else None,
        bridge_cost=plan.bridge_cost if plan else None,
        late_services=sum(1 for m in plan.migrations if m.late_days > 0) if plan else None,
        gap=plan.gap if plan else None,
        finish_p50=forecast.finish.p50 if forecast else None,
        finish_p80=forecast.finish.p80 if forecast else None,
        finish_p90=forecast.finish.p90 if forecast else None,
        p_meet_deadline=forecast.p_meet_deadline if forecast else None,
        hosting_cost_p80=forecast.hosting_cost.p80 if forecast else None,
    )
