"""Plans already made for the same portfolio and data date, as starting points.

A plan stored for another scenario of the same portfolio, as of the same data
date, is a schedule of the same work. If it also meets this scenario's
constraints (a later deadline, say), no plan for this scenario should cost
more: the planner starts from the cheapest such schedule and keeps it when
the search finds nothing better.
"""

from __future__ import annotations

from collections.abc import Iterable

from carveout.planning.incumbent import invalid
from carveout.planning.plan import Plan
from carveout.planning.separation import Separation


def starts_of(plan: Plan, separation: Separation) -> tuple[int, ...] | None:
    """The start week of each move in ``plan``, or None when the plan does not fit the grid.

    Moves under way start at the origin whatever the plan says of them; a move
    the plan lacks, or a planned start that is not the first day of a week of
    this separation's calendar, means the plan is not a schedule of this work.
    """
    cal = separation.calendar
    planned = {m.service: m for m in plan.migrations}
    starts: list[int] = []
    for move in separation.moves:
        if move.fixed_start is not None:
            starts.append(move.fixed_start)
            continue
        row = planned.get(move.service)
        if row is None:
            return None
        week = cal.week_of(row.start)
        if cal.day(week) != row.start or week < 0:
            return None
        starts.append(week)
    return tuple(starts)


def valid_schedules(
    plans: Iterable[Plan], separation: Separation
) -> list[tuple[str, tuple[int, ...]]]:
    """``(scenario, starts)`` of each feasible plan of the same portfolio and data date that
    meets every constraint of ``separation``."""
    found: list[tuple[str, tuple[int, ...]]] = []
    instance = separation.instance()
    for plan in plans:
        if not plan.feasible or plan.as_of != separation.as_of:
            continue
        starts = starts_of(plan, separation)
        if starts is not None and not invalid(separation, instance, starts):
            found.append((plan.scenario, starts))
    return found
