"""Exit readiness gates as the planner sees them: no cut-over before a gate can pass."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from carveout.domain.readiness import ExitCriterion, earliest_cutovers
from carveout.planning.calendar import DAYS_PER_WEEK, Calendar
from carveout.planning.separation import Move


def first_end_on_or_after(calendar: Calendar, day: date) -> int:
    """The earliest end whose cut-over date is on or after ``day``."""
    days = (day - calendar.origin).days + 1
    return max(0, -(-days // DAYS_PER_WEEK))


def hold_for_gates(
    moves: list[Move],
    criteria: tuple[ExitCriterion, ...],
    calendar: Calendar,
    notes: list[str],
    *,
    as_of: date | None = None,
) -> list[Move]:
    """``moves``, each released late enough to cut over no earlier than its gate can pass.

    A gate passes on the latest due date of its unmet criteria; a move already under
    way keeps its dates and gets a note if its gate would hold it. Criteria recorded
    after the data date ``as_of`` are not yet known to the plan.
    """
    earliest = earliest_cutovers(criteria, as_of)
    held: list[Move] = []
    for move in moves:
        day = earliest.get(move.service)
        if day is None:
            held.append(move)
            continue
        release = first_end_on_or_after(calendar, day) - move.duration
        if move.frozen or move.fixed_start is not None:
            if (move.fixed_start or 0) < release:
                notes.append(
                    f"{move.service} is under way but its exit gate cannot pass before "
                    f"{day:%d %b %Y}: its cut-over may have to wait"
                )
            held.append(move)
        elif release > move.release:
            notes.append(
                f"{move.service} cannot cut over before {day:%d %b %Y}, when its exit gate "
                "can pass (the latest due date of its unmet criteria)"
            )
            held.append(replace(move, release=release))
        else:
            held.append(move)
    return held
