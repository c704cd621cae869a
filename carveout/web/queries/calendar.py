"""The notice calendar page and ``GET /api/calendar``: the dates to act on as of the data date.

Dates follow the scenario's plan made as of that date (early-exit notices), as
the CLI's and the pack's do (:func:`carveout.reports.notices.scenario_calendar`).
"""

from __future__ import annotations

from pydantic import BaseModel

from carveout.domain import Portfolio
from carveout.domain.calendar import WINDOWS, Action, due_counts, due_within
from carveout.planning.plan import Plan
from carveout.reports.notices import scenario_calendar
from carveout.web.queries.scope import ResultNote, ScenarioChoice

SOON = WINDOWS[-1]
"""The overview's look-ahead, in days: what is overdue or falls due within it is listed."""


class DueSoon(BaseModel):
    """How many dates are overdue or fall due within 30, 60 and 90 days, and the first of them."""

    counts: dict[str, int]
    next: list[Action]


class CalendarView(BaseModel):
    """The Calendar page and ``GET /api/calendar``, as of ``scenario.as_of``.

    ``actions`` are overdue first, then by date; ``within`` is the look-ahead
    asked for (None: every date to come).
    """

    scenario: ScenarioChoice
    plan: ResultNote | None
    within: int | None
    counts: dict[str, int]
    actions: list[Action]


def overdue_first(actions: tuple[Action, ...]) -> list[Action]:
    return sorted(actions, key=lambda a: (not a.overdue, a.day))


def calendar_view(
    *,
    seen: Portfolio,
    scenario: ScenarioChoice,
    plan: Plan | None,
    plan_note: ResultNote | None,
    within: int | None,
) -> CalendarView:
    actions = scenario_calendar(portfolio=seen, as_of=scenario.as_of, plan=plan)
    shown = actions if within is None else due_within(actions, within)
    return CalendarView(
        scenario=scenario,
        plan=plan_note,
        within=within,
        counts=due_counts(actions),
        actions=overdue_first(shown),
    )


def due_soon(
    *, seen: Portfolio, scenario: ScenarioChoice, plan: Plan | None, limit: int = 8
) -> DueSoon:
    """The overview's block: counts by window and the first ``limit`` dates due."""
    actions = scenario_calendar(portfolio=seen, as_of=scenario.as_of, plan=plan)
    return DueSoon(
        counts=due_counts(actions), next=overdue_first(due_within(actions, SOON))[:limit]
    )
