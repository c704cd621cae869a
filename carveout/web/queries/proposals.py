"""Proposals as the Proposals page and ``/api/proposals`` show them: the change field by
field, who proposed it, which parties it waits for, and each party's vote and comment."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel

from carveout.access import Principal
from carveout.access.policy import approves
from carveout.storage.proposal_records import OPEN, Proposal

Status = Literal["open", "decided", "all"]


class FieldChange(BaseModel):
    """One field of the record, before and after the proposed change."""

    field: str
    before: Any = None
    after: Any = None


class VoteOut(BaseModel):
    """A party's approval or rejection, with its comment."""

    party: str
    actor: str
    approve: bool
    comment: str
    at: datetime


class ProposalOut(BaseModel):
    """A change to a record that binds several parties, awaiting (or decided by) their votes.

    ``status``: ``open``, ``applied``, ``rejected``, ``withdrawn`` or ``superseded`` (the
    record changed before every party approved); ``waiting_for``: the parties still to vote.
    """

    id: int
    kind: str
    key: str
    action: str
    author: str
    organisation: str
    created: datetime
    needs: list[str]
    status: str
    decided: datetime | None = None
    comment: str = ""
    votes: list[VoteOut] = []
    waiting_for: list[str] = []
    changes: list[FieldChange] = []
    before: dict[str, Any] | None = None
    after: dict[str, Any] | None = None


class ProposalRow(BaseModel):
    """A proposal on the page, with what the viewer may do about it."""

    proposal: ProposalOut
    may_vote: bool
    may_withdraw: bool


def field_changes(before: dict[str, Any] | None, after: dict[str, Any] | None) -> list[FieldChange]:
    """The fields that differ (every field of a record added or removed)."""
    old, new = before or {}, after or {}
    names = list(dict.fromkeys([*old, *new]))
    return [
        FieldChange(field=n, before=old.get(n), after=new.get(n))
        for n in names
        if old.get(n) != new.get(n)
    ]


def proposal_out(proposal: Proposal) -> ProposalOut:
    return ProposalOut(
        id=proposal.id,
        kind=proposal.kind,
        key=proposal.key,
        action=proposal.action,
        author=proposal.author,
        organisation=proposal.organisation,
        created=proposal.created,
        needs=list(proposal.needs),
        status=proposal.status,
        decided=proposal.decided,
        comment=proposal.comment,
        votes=[
            VoteOut(party=v.party, actor=v.actor, approve=v.approve, comment=v.comment, at=v.at)
            for v in proposal.votes
        ],
        waiting_for=list(proposal.waiting_for),
        changes=field_changes(proposal.before, proposal.after),
        before=proposal.before,
        after=proposal.after,
    )


def may_vote(principal: Principal, proposal: Proposal) -> bool:
    """Whether ``principal`` may approve or reject ``proposal`` now (the store decides anyway)."""
    return principal.organisation in proposal.waiting_for and approves(principal, proposal.kind)


def proposal_rows(principal: Principal, proposals: list[Proposal]) -> list[ProposalRow]:
    """Each proposal with what ``principal`` may do about it."""
    return [
        ProposalRow(
            proposal=proposal_out(p),
            may_vote=may_vote(principal, p),
            may_withdraw=p.status == OPEN
            and (p.author, p.organisation) == (principal.name, principal.organisation),
        )
        for p in proposals
    ]


def wanted(status: Status) -> str | None:
    """The store's filter for ``status``."""
    return None if status == "all" else status
