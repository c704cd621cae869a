"""A scenario's plan as of the data date: migrations by team, capacity use per month, hosting
tranches, and its money and status as the pack has them."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from pydantic import BaseModel

from carveout.domain import Objective, Portfolio
from carveout.planning.plan import HostingTranche, Plan, PlannedMigration
from carveout.reports.contents import Status
from carveout.web.jobs import JobStatus
from carveout.web.queries.scope import ResultNote, ScenarioChoice, month_starts
from carveout.web.queries.standing import MoneyLine, Standing

WORKING_DAYS_PER_MONTH = 21


def weekdays(start: date, end: date) -> int:
    """Monday-to-Friday days in ``[start, end)`` in O(1)."""
    days = (end - start).days
    if days <= 0:
        return 0
    weeks, rest = divmod(days, 7)
    first = start.weekday()
    return weeks * 5 + sum(1 for k in range(rest) if (first + k) % 7 < 5)


class TeamMonth(BaseModel):
    """Effort a team spends on planned migrations in a month against what it has."""

    team: str
    month: date
    used_days: float
    available_days: float
    use: float | None


class GanttRow(PlannedMigration):
    """A planned migration with the service's name, for the chart."""

    name: str


class PlanView(BaseModel):
    """The Plan page and ``GET /api/plan``: the plan made as of ``scenario.as_of`` (None when
    there is none for that date; ``stored_dates`` lists the dates that have one)."""

    scenario: ScenarioChoice
    plan: Plan | None
    plan_note: ResultNote | None
    stored_dates: list[date]
    status: Status
    money: list[MoneyLine]
    total_to_go: float | None
    rows: list[GanttRow]
    capacity: list[TeamMonth]
    tranches: list[HostingTranche]
    objectives: list[str]
    default_deadline: date | None
    default_objective: str
    running: JobStatus | None


def capacity_use(portfolio: Portfolio, plan: Plan, factor: float = 1.0) -> list[TeamMonth]:
    """Spread each migration's effort evenly over its working days and total by team and month."""
    if not plan.migrations:
        return []
    used: dict[tuple[str, date], float] = defaultdict(float)
    first = min(m.start for m in plan.migrations)
    last = max(m.cutover for m in plan.migrations)
    months = month_starts(first, last)
    for m in plan.migrations:
        span = max(1, weekdays(m.start, m.cutover + timedelta(days=1)))
        for month in months:
            nxt = date(month.year + (month.month == 12), month.month % 12 + 1, 1)
            share = weekdays(max(month, m.start), min(nxt, m.cutover + timedelta(days=1)))
            if share:
                used[(m.team, month)] += m.effort_days * share / span
    rows = []
    for team in sorted({m.team for m in plan.migrations}):
        record = portfolio.team_by_code.get(team)
        for month in months:
            mid = month + timedelta(days=14)
            people = record.people_on(mid) if record else 0.0
            available = people * WORKING_DAYS_PER_MONTH * factor
            u = used.get((team, month), 0.0)
            rows.append(
                TeamMonth(
                    team=team,
                    month=month,
                    used_days=round(u, 2),
                    available_days=round(available, 2),
                    use=round(u / available, 3) if available else None,
                )
            )
    return rows


def plan_view(
    *,
    portfolio: Portfolio,
    scenario: ScenarioChoice,
    plan: Plan | None,
    standing: Standing,
    capacity: list[TeamMonth] | None = None,
    plan_note: ResultNote | None = None,
    stored_dates: list[date] | None = None,
    running: JobStatus | None = None,
) -> PlanView:
    """The page for ``plan``; ``capacity`` is its :func:`capacity_use` when already worked out."""
    record = portfolio.scenario_by_code.get(scenario.code)
    names = {s.code: s.name for s in portfolio.services}
    rows = (
        [
            GanttRow(**m.model_dump(), name=names.get(m.service, m.service))
            for m in sorted(plan.migrations, key=lambda m: (m.team, m.start, m.service))
        ]
        if plan
        else []
    )
    if capacity is None:
        factor = record.capacity_factor if record else 1.0
        capacity = capacity_use(portfolio, plan, factor) if plan else []
    return PlanView(
        scenario=scenario,
        plan=plan,
        plan_note=plan_note,
        stored_dates=stored_dates or [],
        status=standing.status,
        money=standing.money_lines,
        total_to_go=plan.total_cost if plan and plan.feasible else None,
        rows=rows,
        capacity=capacity,
        tranches=list(plan.tranches) if plan else [],
        objectives=[o.value for o in Objective],
        default_deadline=(plan.deadline if plan else None) or (record.deadline if record else None),
        default_objective=(plan.objective if plan else None)
        or (record.objective.value if record else Objective.COST.value),
        running=running,
    )
