"""Teams that do migration work, and their capacity over time."""

from __future__ import annotations

from datetime import date

from pydantic import Field

from carveout.domain.base import Code, Record, Window
from carveout.domain.ranges import DayRate, People


class Capacity(Window):
    """``people`` full-time staff available to the team from ``start`` to ``end``."""

    people: People

    @property
    def key(self) -> str:
        return self.start.isoformat()


class Team(Record):
    """A migration team of ``party`` (blank: the programme office's or a supplier's).

    Capacity periods must not overlap. ``day_rate`` is what a person-day of the team's
    work costs in pounds (blank: not recorded); it prices the migration work in the
    separation cost, never the plan.
    """

    code: Code
    name: str = Field(min_length=1)
    capacity: tuple[Capacity, ...] = ()
    party: Code | None = None
    day_rate: DayRate | None = None

    def people_on(self, day: date) -> float:
        """Staff available on ``day`` (0 outside every capacity period)."""
        return next((c.people for c in self.capacity if c.contains(day)), 0.0)
