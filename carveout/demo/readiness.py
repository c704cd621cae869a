"""Exit readiness gates of the 30 applications the 2022–23 hosting tranche lists.

SYNTHETIC: every criterion, owner, date and status. Shaped on the public facts (records,
command and control and evidence systems hosted under the transitional agreement until
they move): each application has five criteria, recorded on the demonstration's data
date (1 October 2021), so plans made as of earlier dates do not see them. Criteria met
are dated before that day; those still open fall due by the earliest day the service's
own work could finish, so they hold no plan — except the digital evidence system's
vendor contract novation (DEMS), due on 30 June 2022, which deliberately holds its
cut-over past the date the plan would otherwise give it.
"""

from __future__ import annotations

import math
from datetime import date, timedelta

from carveout.domain import Migration, Tranche
from carveout.domain.readiness import CriterionStatus, ExitCriterion, ExitDecision, GateDecision

RECORDED = date(2021, 10, 1)
"""The day the gates were agreed: the demonstration's data date for the TSA scenarios."""

HELD = "DEMS"
HELD_UNTIL = date(2022, 6, 30)
"""The one service whose gate is due after its planned cut-over, and when it can pass."""

_CRITERIA = (
    ("data", "Data migrated and reconciled", "Data lead"),
    ("parallel", "Parallel run passed", "Service owner"),
    ("train", "Users trained", "Training manager"),
    ("support", "Support handed over", "Service desk"),
    ("access", "Host's access removed", "Security"),
)
_MET_DAY = date(2021, 9, 15)


def _earliest_finish(migration: Migration) -> date:
    """The earliest day any plan as of ``RECORDED`` could cut the service over."""
    weeks = max(1, math.ceil(migration.duration.most_likely / 5))
    return RECORDED + timedelta(days=7 * weeks - 1)


def _status(position: int, step: int) -> CriterionStatus:
    """A spread of progress: early services further on, later steps behind."""
    score = (position * 7 + step * 3) % 10
    if step == 0 or position % 5 == 0 or score < 5:
        return CriterionStatus.MET
    return CriterionStatus.IN_PROGRESS if score < 8 else CriterionStatus.NOT_STARTED


def exit_criteria(
    tranches: tuple[Tranche, ...], migrations: tuple[Migration, ...]
) -> tuple[ExitCriterion, ...]:
    """Five criteria for each service of tranche TSA-T2, and DEMS's contract novation."""
    by_service = {m.service: m for m in migrations}
    services = next(t.services for t in tranches if t.code == "TSA-T2")
    criteria: list[ExitCriterion] = []
    for position, service in enumerate(services):
        finish = _earliest_finish(by_service[service])
        for step, (suffix, text, owner) in enumerate(_CRITERIA):
            status = _status(position, step)
            open_due = min(finish, RECORDED + timedelta(days=7 * (step + 1)))
            criteria.append(
                ExitCriterion(
                    code=f"{service}/{suffix}",
                    service=service,
                    criterion=text,
                    owner=owner,
                    due=_MET_DAY if status.passed else open_due,
                    status=status,
                    evidence=(
                        f"https://evidence.example.org/{service.lower()}/{suffix}"
                        if status is CriterionStatus.MET
                        else ""
                    ),
                    recorded=RECORDED,
                )
            )
    criteria.append(
        ExitCriterion(
            code=f"{HELD}/novate",
            service=HELD,
            criterion="Vendor contract novated",
            owner="Commercial",
            due=HELD_UNTIL,
            status=CriterionStatus.IN_PROGRESS,
            recorded=RECORDED,
        )
    )
    return tuple(criteria)


def exit_decisions(criteria: tuple[ExitCriterion, ...]) -> tuple[ExitDecision, ...]:
    """A go for every service whose criteria are all met, a no-go for DEMS."""
    open_services = {c.service for c in criteria if not c.status.passed}
    ready = sorted({c.service for c in criteria} - open_services)
    decisions = [
        ExitDecision(
            code=f"{service}/go",
            service=service,
            decision=GateDecision.GO,
            approver="Transition board",
            decided=RECORDED,
        )
        for service in ready
    ]
    decisions.append(
        ExitDecision(
            code=f"{HELD}/no-go",
            service=HELD,
            decision=GateDecision.NO_GO,
            approver="Transition board",
            decided=RECORDED,
        )
    )
    return tuple(decisions)
