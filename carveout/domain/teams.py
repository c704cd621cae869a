"""Teams that do migration work, and their capacity over time."""

from __future__ import annotations

from datetime import date

from pydantic import Field

from carveout.domain.base import Code, Record, Window
from carveout.domain.ranges import People


class Capacity(Window):
    """``people`` full-time staff available to the team from ``start`` to ``end``."""

    people: People

    @property
    def key(self) -> str:
        return self.start.isoformat()


class Team(Record):
    """A migration team of ``party`` (blank: the programme office's or a supplier's).

    Capacity periods must not overlap.
    """

    code: Code
    name: str = Field(min_length=1)
    capacity: tuple[Capacity, ...] = ()
    party: Code | None = None

    def people_on(self, day: date) -> float:
        """Staff available on ``day`` (0 outside every capacity period)."""
        return next((c.people for c in self.capacity if c.contains(day)), 0.0)
