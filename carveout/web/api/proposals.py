"""Proposals over the API: list them, approve or reject one for the caller's party, withdraw
one's own. The Proposals page does the same through the same store calls."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, Query
from pydantic import BaseModel, Field

from carveout.storage.proposal_records import Proposal, ProposalClosed
from carveout.web import views
from carveout.web.api.responses import CONFLICT
from carveout.web.deps import PrincipalDep
from carveout.web.queries.proposals import ProposalOut, Status, proposal_out
from carveout.web.views import RequestId, SeenContext, Writer

router = APIRouter(tags=["proposals"])

ProposalId = Annotated[int, Path(ge=1, le=2**31 - 1, description="The proposal's number")]


class VoteIn(BaseModel):
    """``POST /api/proposals/{id}/votes``: the caller's party approves or rejects."""

    approve: bool
    comment: str = Field("", max_length=2000)


@router.get("/proposals")
def get_proposals(
    ctx: SeenContext,
    principal: PrincipalDep,
    status: Annotated[Status, Query(description="open, decided or all")] = "all",
) -> list[ProposalOut]:
    """Changes to agreements, tranches, options and cost pools awaiting (or decided by) the
    parties they bind, newest first (the Proposals page)."""
    rows = views.proposals_data(ctx, principal=principal, status=status)
    return [row.proposal for row in rows]


@router.get("/proposals/{proposal_id}")
def get_proposal(ctx: SeenContext, proposal_id: ProposalId) -> ProposalOut:
    """One proposal with its diff, author, votes and comments."""
    return proposal_out(ctx.store.proposal(proposal_id))


@router.post("/proposals/{proposal_id}/votes", responses={**CONFLICT})
def post_vote(
    ctx: SeenContext,
    principal: Writer,
    request_id: RequestId,
    proposal_id: ProposalId,
    body: VoteIn,
) -> ProposalOut:
    """Approve or reject for the caller's party (one it waits for). The last approval applies
    the change, unless the record has changed since (the proposal is then superseded)."""
    return _decided(
        lambda: ctx.store.vote(
            proposal_id,
            principal=principal,
            approve=body.approve,
            comment=body.comment,
            request_id=request_id,
        )
    )


@router.post("/proposals/{proposal_id}/withdraw", responses={**CONFLICT})
def post_withdraw(
    ctx: SeenContext, principal: Writer, request_id: RequestId, proposal_id: ProposalId
) -> ProposalOut:
    """The author withdraws an open proposal."""
    return _decided(
        lambda: ctx.store.withdraw(proposal_id, principal=principal, request_id=request_id)
    )


def _decided(step: Callable[[], Proposal]) -> ProposalOut:
    try:
        return proposal_out(step())
    except ProposalClosed as error:
        raise HTTPException(status_code=409, detail=str(error)) from error
