"""The RAID log: risks, actions, issues and decisions."""

from __future__ import annotations

from pydantic import Field

from carveout.domain.base import Code, Record
from carveout.domain.enums import RaidKind, RaidStatus
from carveout.domain.ranges import Day, Days, Effort, Money, Probability


class RaidEntry(Record):
    """One entry of the RAID log.

    For a risk, ``probability`` is the chance it happens and ``delay_days`` /
    ``extra_effort`` (person-days) / ``cost_impact`` (pounds) its effect on each
    of the ``services`` it touches. ``raised_by`` is the party that raised it
    (blank: the programme office).
    """

    code: Code
    kind: RaidKind
    title: str = Field(min_length=1)
    status: RaidStatus = RaidStatus.OPEN
    owner: str = ""
    raised: Day | None = None
    probability: Probability = 0.0
    delay_days: Days = 0.0
    extra_effort: Effort = 0.0
    cost_impact: Money = 0.0
    services: tuple[Code, ...] = ()
    description: str = ""
    raised_by: Code | None = None

    @property
    def expected_delay(self) -> float:
        return self.probability * self.delay_days
