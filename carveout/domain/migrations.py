"""Migrations: the work to move one service, and its progress."""

from __future__ import annotations

from pydantic import field_validator, model_validator

from carveout.domain.base import Code, Estimate, Record, Window
from carveout.domain.enums import MigrationStatus
from carveout.domain.ranges import MAX_DAYS, Day, Days, Percent


class Blackout(Window):
    """A period when no cut-over may happen (for one team, one service, or all)."""

    code: Code
    team: Code | None = None
    service: Code | None = None
    reason: str = ""

    @property
    def key(self) -> str:
        return self.code

    def applies_to(self, *, team: str, service: str) -> bool:
        return (self.team is None or self.team == team) and (
            self.service is None or self.service == service
        )


class Migration(Record):
    """The work to move ``service``.

    ``effort`` is in person-days and ``duration`` in working days, both as
    three-point estimates. Once under way, ``actual_start`` (and, when cut
    over, ``actual_end``) record what happened; work in progress may record
    how far it has got, as ``percent_complete`` (0–100) or as
    ``remaining_days`` (working days still needed), which then replace the
    estimate of the remaining work (see :mod:`carveout.domain.progress`).
    """

    service: Code
    team: Code
    effort: Estimate
    duration: Estimate
    earliest_start: Day | None = None
    deadline: Day | None = None
    status: MigrationStatus = MigrationStatus.NOT_STARTED
    actual_start: Day | None = None
    actual_end: Day | None = None
    percent_complete: Percent | None = None
    remaining_days: Days | None = None

    @field_validator("duration")
    @classmethod
    def _duration_within_range(cls, duration: Estimate) -> Estimate:
        # an Estimate also measures effort, whose range is wider: durations have their own
        if duration.pessimistic > MAX_DAYS:
            raise ValueError(
                f"at most {MAX_DAYS:,} working days, got {duration.pessimistic:g} pessimistic"
            )
        return duration

    @model_validator(mode="after")
    def _dates_consistent(self) -> Migration:
        if self.earliest_start and self.deadline and self.deadline < self.earliest_start:
            raise ValueError("deadline is before the earliest start")
        if self.actual_start and self.actual_end and self.actual_end < self.actual_start:
            raise ValueError("actual end is before actual start")
        if (
            self.status in (MigrationStatus.IN_PROGRESS, MigrationStatus.CUT_OVER)
            and not self.actual_start
        ):
            raise ValueError(f"status {self.status.value} needs an actual start date")
        if self.status is MigrationStatus.CUT_OVER and not self.actual_end:
            raise ValueError("status cut_over needs an actual end date")
        if self.status is not MigrationStatus.IN_PROGRESS and (
            self.percent_complete is not None or self.remaining_days is not None
        ):
            raise ValueError(
                "percent complete and remaining days are recorded only for work in progress"
            )
        return self

    @property
    def key(self) -> str:
        return self.service

    @property
    def frozen(self) -> bool:
        """Started or finished work is fixed at its actual dates when replanning."""
        return self.status in (MigrationStatus.IN_PROGRESS, MigrationStatus.CUT_OVER)
