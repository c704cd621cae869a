"""Proposals in the audit trail: each step of a proposal's life is one entry of kind
``proposal`` (key: its id), with the proposal before and after the step."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection

from carveout.access import Principal
from carveout.domain import Record
from carveout.domain.changes import Change
from carveout.storage.audit import write_audit
from carveout.storage.proposal_records import Proposal


class ProposalState(Record):
    """A proposal as the audit trail records it (its ``key`` is the proposal's id)."""

    id: int
    kind: str
    record: str
    status: str
    needs: list[str]
    author: str
    organisation: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    votes: list[dict[str, Any]]
    comment: str

    @property
    def key(self) -> str:
        return str(self.id)


@dataclass(frozen=True, slots=True)
class ProposalEvent(Change):
    """A step in a proposal's life, audited like a change with its own action word."""

    event: str = "proposed"

    @property
    def action(self) -> str:
        return self.event


def _state(proposal: Proposal | None) -> ProposalState | None:
    if proposal is None:
        return None
    return ProposalState(
        id=proposal.id,
        kind=proposal.kind,
        record=proposal.key,
        status=proposal.status,
        needs=list(proposal.needs),
        author=proposal.author,
        organisation=proposal.organisation,
        before=proposal.before,
        after=proposal.after,
        votes=[
            {"party": v.party, "actor": v.actor, "approve": v.approve, "comment": v.comment}
            for v in proposal.votes
        ],
        comment=proposal.comment,
    )


def audit(
    connection: Connection,
    before: Proposal | None,
    after: Proposal,
    event: str,
    *,
    principal: Principal | None,
    at: datetime,
    request_id: str | None,
) -> None:
    """One audit entry of kind ``proposal`` for ``event`` (proposed, approved, rejected, …)."""
    step = ProposalEvent("proposal", str(after.id), _state(before), _state(after), event)
    write_audit(
        connection,
        [step],
        actor=principal.name if principal else after.author,
        at=at,
        organisation=principal.organisation if principal else None,
        request_id=request_id,
    )
