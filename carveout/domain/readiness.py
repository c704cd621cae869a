"""Exit readiness gates: what a service must meet to leave its arrangement, and the decision."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from pydantic import field_validator

from carveout.domain.base import Code, Record, WebLink
from carveout.domain.ranges import Day


class CriterionStatus(StrEnum):
    """How far an exit criterion has got."""

    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    MET = "met"
    WAIVED = "waived"
    """Agreed not to be needed: counts as met, and the waiver is on record."""

    @property
    def passed(self) -> bool:
        return self in (CriterionStatus.MET, CriterionStatus.WAIVED)


class GateDecision(StrEnum):
    """A go/no-go decision on leaving the arrangement."""

    GO = "go"
    NO_GO = "no_go"


class ExitCriterion(Record):
    """One thing that must be true before ``service`` leaves its arrangement.

    ``due`` is when it is expected to be met; until it is met (or waived), the
    service cannot be planned to cut over before ``due`` (see
    :func:`carveout.planning.prepare.build_separation`). ``recorded`` is the day the
    criterion was agreed: a plan made as of an earlier data date does not see it.
    """

    code: Code
    service: Code
    criterion: str
    owner: str = ""
    due: Day
    status: CriterionStatus = CriterionStatus.NOT_STARTED
    evidence: WebLink = ""
    recorded: Day | None = None

    @field_validator("criterion")
    @classmethod
    def _named(cls, value: str) -> str:
        if not value:
            raise ValueError("says what must be true, e.g. 'Data migrated and reconciled'")
        return value


class ExitDecision(Record):
    """The go/no-go decision on ``service``'s exit, who took it and when."""

    code: Code
    service: Code
    decision: GateDecision
    approver: str
    decided: Day

    @field_validator("approver")
    @classmethod
    def _someone(cls, value: str) -> str:
        if not value:
            raise ValueError("names who took the decision")
        return value


@dataclass(frozen=True, slots=True)
class ServiceGate:
    """Where one service's exit gate stands: its criteria, what blocks it, the decision."""

    service: str
    criteria: tuple[ExitCriterion, ...]
    decision: ExitDecision | None

    @property
    def blocking(self) -> tuple[ExitCriterion, ...]:
        """The criteria not yet met or waived, by due date."""
        return tuple(sorted((c for c in self.criteria if not c.status.passed), key=_by_due))

    @property
    def can_pass(self) -> date | None:
        """The earliest day the gate can pass: the latest due date of an unmet criterion."""
        return max((c.due for c in self.blocking), default=None)

    @property
    def state(self) -> str:
        """``go``, ``no_go``, ``ready`` (all met, no decision yet) or ``not_ready``."""
        if self.decision is not None:
            return self.decision.decision.value
        return "not_ready" if self.blocking else "ready"


def _by_due(criterion: ExitCriterion) -> tuple[date, str]:
    return criterion.due, criterion.code


def service_gates(
    criteria: tuple[ExitCriterion, ...], decisions: tuple[ExitDecision, ...]
) -> dict[str, ServiceGate]:
    """Each service with criteria or a decision, its gate (the latest decision counts)."""
    grouped: dict[str, list[ExitCriterion]] = {}
    for criterion in criteria:
        grouped.setdefault(criterion.service, []).append(criterion)
    latest: dict[str, ExitDecision] = {}
    for decision in sorted(decisions, key=lambda d: (d.decided, d.code)):
        latest[decision.service] = decision
    return {
        service: ServiceGate(
            service, tuple(sorted(grouped.get(service, ()), key=_by_due)), latest.get(service)
        )
        for service in sorted({*grouped, *latest})
    }


def earliest_cutovers(
    criteria: tuple[ExitCriterion, ...], as_of: date | None = None
) -> dict[str, date]:
    """The day before which each service with unmet criteria cannot cut over.

    Criteria recorded after ``as_of`` (when given) are not yet known and hold nothing.
    """
    earliest: dict[str, date] = {}
    for criterion in criteria:
        known = as_of is None or criterion.recorded is None or criterion.recorded <= as_of
        if known and not criterion.status.passed:
            day = earliest.get(criterion.service)
            earliest[criterion.service] = criterion.due if day is None else max(day, criterion.due)
    return earliest


__all__ = [
    "CriterionStatus",
    "ExitCriterion",
    "ExitDecision",
    "GateDecision",
    "ServiceGate",
    "earliest_cutovers",
    "service_gates",
]
