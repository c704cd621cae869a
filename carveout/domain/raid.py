"""The RAID log: risks, actions, issues and decisions."""

from __future__ import annotations

from pydantic import Field, model_validator

from carveout.domain.base import Code, Record
from carveout.domain.enums import RaidKind, RaidStatus
from carveout.domain.ranges import Day, Days, Effort, Money, Probability


class RaidEntry(Record):
    """One entry of the RAID log.

    For a risk, ``probability`` is the chance it happens and ``delay_days`` /
    ``extra_effort`` (person-days) / ``cost_impact`` (pounds) its effect on each
    of the ``services`` it touches. ``raised_by`` is the party that raised it
    (blank: the programme office).

    A risk may carry a ``mitigation``: what it costs (``mitigation_cost``) and
    its probability, delay and cost impact once mitigated (blank: unchanged).
    A risk with a window (``window_start`` to ``window_end``) strikes only
    cut-overs that fall inside it: year end, a payroll cut-off, a major event.
    A risk that ``triggers_extension`` exercises that extension option when it
    happens, so the option's step-up is charged.
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
    mitigation: str = ""
    mitigation_cost: Money = 0.0
    mitigated_probability: Probability | None = None
    mitigated_delay_days: Days | None = None
    mitigated_cost_impact: Money | None = None
    window_start: Day | None = None
    window_end: Day | None = None
    triggers_extension: Code | None = None

    @model_validator(mode="after")
    def _window(self) -> RaidEntry:
        if (self.window_start is None) != (self.window_end is None):
            raise ValueError("a risk window needs both window_start and window_end")
        if self.window_start and self.window_end and self.window_end < self.window_start:
            raise ValueError(
                f"window_end {self.window_end} is before window_start {self.window_start}"
            )
        return self

    @property
    def has_mitigation(self) -> bool:
        return (
            bool(self.mitigation)
            or self.mitigation_cost > 0
            or any(
                v is not None
                for v in (
                    self.mitigated_probability,
                    self.mitigated_delay_days,
                    self.mitigated_cost_impact,
                )
            )
        )

    def mitigated(self) -> RaidEntry:
        """This risk as it stands once its mitigation is in place (itself when it has none)."""
        if not self.has_mitigation:
            return self
        return self.model_copy(
            update={
                "probability": _else(self.mitigated_probability, self.probability),
                "delay_days": _else(self.mitigated_delay_days, self.delay_days),
                "cost_impact": _else(self.mitigated_cost_impact, self.cost_impact),
            }
        )

    @property
    def expected_delay(self) -> float:
        return self.probability * self.delay_days


def _else(value: float | None, default: float) -> float:
    return default if value is None else value
