"""Dates to model time and back: the planner counts whole weeks from the scenario start.

Week ``w`` runs from ``origin + 7w`` to ``origin + 7w + 6``. An activity that
occupies weeks ``[s, e)`` starts on the first day of week ``s`` and cuts over on
the last day of week ``e - 1``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

DAYS_PER_WEEK = 7
WORKING_DAYS_PER_WEEK = 5


def month_start(day: date) -> date:
    """The first day of ``day``'s month."""
    return day.replace(day=1)


def add_months(day: date, months: int) -> date:
    """The first of the month ``months`` after ``day``'s month."""
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def month_end(day: date) -> date:
    """The last day of ``day``'s month."""
    return add_months(day, 1) - timedelta(days=1)


def months_between(first: date, last: date) -> list[date]:
    """The first day of every month from ``first``'s month to ``last``'s, inclusive."""
    months: list[date] = []
    current = month_start(first)
    while current <= last:
        months.append(current)
        current = add_months(current, 1)
    return months


def quarter_end(day: date) -> date:
    """The last day of ``day``'s calendar quarter."""
    last_month = ((day.month - 1) // 3) * 3 + 3
    return month_end(date(day.year, last_month, 1))


def quarter_label(day: date) -> str:
    """``2019 Q2`` for any day in April–June 2019."""
    return f"{day.year} Q{(day.month - 1) // 3 + 1}"


def period_label(first: date, last: date) -> str:
    """A short name for a span of quarters: ``2019 Q2`` or ``2019 Q2–Q3`` or ``2019 Q4–2020 Q1``."""
    a, b = quarter_label(first), quarter_label(last)
    if a == b:
        return a
    if first.year == last.year:
        return f"{a}–{b.split()[1]}"
    return f"{a}–{b}"


@dataclass(frozen=True, slots=True)
class Calendar:
    """Converts between dates and week numbers counted from ``origin``."""

    origin: date

    def day(self, week: int) -> date:
        """The first day of ``week``."""
        return self.origin + timedelta(days=DAYS_PER_WEEK * week)

    def week_of(self, day: date) -> int:
        """The week containing ``day`` (negative before the origin)."""
        return (day - self.origin).days // DAYS_PER_WEEK

    def cutover(self, end: int) -> date:
        """The cut-over date of an activity ending at ``end`` (the last day of week ``end - 1``)."""
        return self.day(end) - timedelta(days=1)

    def first_start_on_or_after(self, day: date) -> int:
        """The earliest week whose first day is on or after ``day``."""
        return -((self.origin - day).days // DAYS_PER_WEEK)

    def last_end_by(self, day: date) -> int:
        """The latest end whose cut-over date is on or before ``day``."""
        return ((day - self.origin).days + 1) // DAYS_PER_WEEK

    def ends_touching(self, first: date, last: date) -> tuple[int, int]:
        """The half-open range of ends whose cut-over week overlaps ``[first, last]``."""
        return self.week_of(first) + 1, self.week_of(last) + 2
