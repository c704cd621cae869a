"""What a service's schedule lines say about its hosting charge, month by month.

Used by :mod:`carveout.planning.hosting`, the one definition of the hosting charge:
a tranche with schedule lines charges each service its own line (instead of an
equal share of the tranche's charge), and a line's minimum term and notice set
the earliest month its charge can stop (:class:`Floor`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from carveout.domain import Portfolio, ScheduleLine
from carveout.domain.schedule import Direction
from carveout.planning.calendar import add_months, month_start, months_between


@dataclass(frozen=True, slots=True)
class Floor:
    """For a cut-over in the months ``first`` .. ``last``: charged at least to a month.

    ``minimum`` is the last month of the line's minimum term; ``notice`` the month
    notice to leave early ends, when served on the data date. Both stop at ``last``,
    the last month of the line's tranche: a service is never charged past its term
    for leaving early.
    """

    first: date
    last: date
    minimum: date | None
    notice: date | None


def lines_by_tranche(portfolio: Portfolio) -> dict[str, dict[str, ScheduleLine]]:
    """Each tranche's host-to-recipient lines, by service (tranches with none are absent)."""
    found: dict[str, dict[str, ScheduleLine]] = {}
    for line in portfolio.schedule_lines:
        if line.direction is Direction.HOST_TO_RECIPIENT:
            found.setdefault(line.tranche, {})[line.service] = line
    return found


def monthly_charges(line: ScheduleLine | None, first: date, last: date) -> list[tuple[date, float]]:
    """``(month, charge)`` where the line's charge changes, from ``first``'s month to ``last``'s.

    A service a tranche with lines lists but no line prices is charged nothing by it.
    """
    steps: list[tuple[date, float]] = []
    for month in months_between(first, last):
        amount = 0.0 if line is None else month_charge(line, month)
        if not steps or steps[-1][1] != amount:
            steps.append((month, amount))
    return steps


def month_charge(line: ScheduleLine, month: date) -> float:
    """The line's charge for ``month``: the rate period in force on any day of it."""
    for period in line.rates:
        if period.start <= add_months(month, 1) - timedelta(days=1) and period.end >= month:
            return period.monthly(line.pricing)
    return 0.0


def floor_of(
    line: ScheduleLine, first: date, last: date, as_of: date | None, *, notice_months: int
) -> Floor | None:
    """How ``line`` holds the charge for a cut-over from ``first``'s month to ``last``'s.

    ``notice_months`` is the line's notice, or its agreement's when the line gives none.
    """
    minimum = None
    if line.minimum_term_months > 0:
        minimum = add_months(month_start(line.start), line.minimum_term_months - 1)
    notice = None
    if as_of is not None and notice_months > 0:
        notice = month_start(notice_ends(as_of, notice_months))
    if minimum is None and notice is None:
        return None
    cap = month_start(last)
    return Floor(
        first=month_start(first),
        last=cap,
        minimum=None if minimum is None else min(minimum, cap),
        notice=None if notice is None else min(notice, cap),
    )


def notice_ends(served: date, months: int) -> date:
    """The last day of ``months`` of notice served on ``served``."""
    later = add_months(served, months)
    day = min(served.day, (add_months(later, 1) - timedelta(days=1)).day)
    return later.replace(day=day) - timedelta(days=1)


def last_charged(floors: Iterable[Floor], cutover: date, as_of: date | None) -> date:
    """The last month charged for a cut-over on ``cutover``.

    Its own month, or later when a line's minimum term or notice runs on; notice
    counts only for a cut-over on or after the data date (one before it was given
    in time, as far as anyone now can tell).
    """
    month = month_start(cutover)
    for floor in floors:
        if floor.first <= month <= floor.last:
            ends = [month]
            if floor.minimum is not None:
                ends.append(floor.minimum)
            if floor.notice is not None and (as_of is None or cutover >= as_of):
                ends.append(floor.notice)
            return max(ends)
    return month
