"""Changes that wait for the other parties: proposals and their votes.

A change to a record that binds several parties (an agreement, a tranche, an extension
option, a cost pool) made by one of them is stored here instead of being applied. Each other
bound party approves or rejects it, with a comment; once every one has approved, the store
applies it against the portfolio as it is then. Every step is audited under the kind
``proposal`` (key: the proposal's id), so the history of a negotiation is in the audit trail.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from sqlalchemy import Connection, select

from carveout.access import Principal
from carveout.access.policy import approves
from carveout.domain import Portfolio
from carveout.domain.changes import Change
from carveout.errors import Forbidden, NotFound
from carveout.storage import tables as t
from carveout.storage.audit import as_utc
from carveout.storage.proposal_audit import audit
from carveout.storage.proposal_records import (
    OPEN,
    Proposal,
    ProposalClosed,
    Vote,
    dump,
    stale,
)


def insert(
    connection: Connection,
    change: Change,
    *,
    needs: Iterable[str],
    principal: Principal,
    at: datetime,
    request_id: str | None,
) -> Proposal:
    """Store ``change`` as an open proposal awaiting ``needs``, and audit it."""
    values = {
        "kind": change.kind,
        "key": change.key,
        "before": dump(change.before),
        "after": dump(change.after),
        "author": principal.name,
        "organisation": principal.organisation,
        "created": at,
        "needs": sorted(needs),
        "status": OPEN,
    }
    new_id = connection.execute(t.proposal.insert().values(values).returning(t.proposal.c.id))
    proposal = get(connection, int(new_id.scalar_one()))
    audit(connection, None, proposal, "proposed", principal=principal, at=at, request_id=request_id)
    return proposal


def read(
    connection: Connection, *, status: str | None = None, ids: Sequence[int] | None = None
) -> list[Proposal]:
    """Proposals, newest first: ``status`` ``open``, ``decided`` (any other) or all (None)."""
    query = select(t.proposal).order_by(t.proposal.c.id.desc())
    if status == OPEN:
        query = query.where(t.proposal.c.status == OPEN)
    elif status is not None:
        query = query.where(t.proposal.c.status != OPEN)
    if ids is not None:
        query = query.where(t.proposal.c.id.in_(list(ids)))
    rows = list(connection.execute(query))
    votes: dict[int, list[Vote]] = {}
    if rows:
        vote_query = (
            select(t.proposal_vote)
            .where(t.proposal_vote.c.proposal_id.in_([r.id for r in rows]))
            .order_by(t.proposal_vote.c.id)
        )
        for v in connection.execute(vote_query):
            votes.setdefault(v.proposal_id, []).append(
                Vote(v.party, v.actor, bool(v.approve), v.comment, as_utc(v.at))
            )
    return [
        Proposal(
            id=r.id,
            kind=r.kind,
            key=r.key,
            before=r.before,
            after=r.after,
            author=r.author,
            organisation=r.organisation,
            created=as_utc(r.created),
            needs=tuple(r.needs),
            status=r.status,
            decided=as_utc(r.decided) if r.decided else None,
            comment=r.comment,
            votes=tuple(votes.get(r.id, ())),
        )
        for r in rows
    ]


def get(connection: Connection, proposal_id: int) -> Proposal:
    found = read(connection, ids=[proposal_id])
    if not found:
        raise NotFound(f"There is no proposal {proposal_id}.")
    return found[0]


def add_vote(
    connection: Connection,
    proposal: Proposal,
    *,
    principal: Principal,
    approve: bool,
    comment: str,
    at: datetime,
    request_id: str | None,
) -> Proposal:
    """Record ``principal``'s party's vote (each party votes once), audited."""
    if proposal.status != OPEN:
        raise ProposalClosed(f"Proposal {proposal.id} is already {proposal.status}.")
    party = principal.organisation
    if party not in proposal.needs:
        needs = ", ".join(proposal.needs)
        raise Forbidden(f"Proposal {proposal.id} waits for {needs}, not for {party}.")
    if not approves(principal, proposal.kind):
        raise Forbidden(f"A {principal.role.value} user cannot approve a {proposal.kind}.")
    if any(v.party == party for v in proposal.votes):
        raise ProposalClosed(f"{party} has already voted on proposal {proposal.id}.")
    connection.execute(
        t.proposal_vote.insert().values(
            proposal_id=proposal.id,
            party=party,
            actor=principal.name,
            approve=approve,
            comment=comment,
            at=at,
        )
    )
    voted = get(connection, proposal.id)
    event = "approved" if approve else "rejected"
    audit(connection, proposal, voted, event, principal=principal, at=at, request_id=request_id)
    return voted


def close(
    connection: Connection,
    proposal: Proposal,
    status: str,
    *,
    principal: Principal | None,
    at: datetime,
    request_id: str | None,
    comment: str = "",
) -> Proposal:
    """Mark ``proposal`` decided (``status`` one of :data:`CLOSED`), audited."""
    connection.execute(
        t.proposal.update()
        .where(t.proposal.c.id == proposal.id)
        .values(status=status, decided=at, comment=comment)
    )
    closed = get(connection, proposal.id)
    audit(connection, proposal, closed, status, principal=principal, at=at, request_id=request_id)
    return closed


def decide(
    connection: Connection,
    current: Portfolio,
    proposal_id: int,
    *,
    principal: Principal,
    approve: bool,
    comment: str,
    at: datetime,
    request_id: str | None,
) -> tuple[Proposal, Change | None]:
    """Record a vote on a proposal; the proposal, and the change to apply now when this was
    the last approval needed and the record is as the proposal found it.

    A rejection closes the proposal; an approval of a record changed since supersedes it.
    """
    voted = add_vote(
        connection,
        get(connection, proposal_id),
        principal=principal,
        approve=approve,
        comment=comment,
        at=at,
        request_id=request_id,
    )
    context = {"principal": principal, "at": at, "request_id": request_id}
    if not approve:
        return close(connection, voted, "rejected", **context), None  # type: ignore[arg-type]
    if voted.waiting_for:
        return voted, None
    if stale(voted, current):
        why = f"{voted.kind} {voted.key} has changed since it was proposed; nothing was applied"
        closed = close(connection, voted, "superseded", comment=why, **context)  # type: ignore[arg-type]
        return closed, None
    return voted, voted.change(current.by_key(voted.kind).get(voted.key))


def withdraw(
    connection: Connection,
    proposal_id: int,
    *,
    principal: Principal,
    at: datetime,
    request_id: str | None,
) -> Proposal:
    """The author withdraws an open proposal."""
    found = get(connection, proposal_id)
    if found.status != OPEN:
        raise ProposalClosed(f"Proposal {proposal_id} is already {found.status}.")
    if (found.author, found.organisation) != (principal.name, principal.organisation):
        raise Forbidden(f"Only {found.author} may withdraw proposal {proposal_id}.")
    return close(connection, found, "withdrawn", principal=principal, at=at, request_id=request_id)


def supersede_stale(
    connection: Connection,
    changes: Sequence[Change],
    result: Portfolio,
    *,
    principal: Principal | None,
    at: datetime,
    request_id: str | None,
    keep: int | None = None,
) -> None:
    """Close the open proposals on records ``changes`` made different from what they expected
    (except proposal ``keep``, the one being applied)."""
    touched = {(c.kind, c.key) for c in changes}
    if not touched:
        return
    for proposal in read(connection, status=OPEN):
        if proposal.id == keep:
            continue
        if (proposal.kind, proposal.key) in touched and stale(proposal, result):
            why = f"{proposal.kind} {proposal.key} was changed after this proposal was made"
            close(
                connection,
                proposal,
                "superseded",
                principal=principal,
                at=at,
                request_id=request_id,
                comment=why,
            )
