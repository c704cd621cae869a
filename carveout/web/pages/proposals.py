"""The Proposals page: changes that bind several parties, waiting for the others' approval,
with forms to approve or reject them (for users of a party they wait for) and to withdraw
one's own. The decisions are the store's (:meth:`carveout.storage.Store.vote`)."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Form, Path, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from carveout.storage.proposal_records import ProposalClosed
from carveout.web import views
from carveout.web.deps import PrincipalDep
from carveout.web.pages.render import render
from carveout.web.queries.proposals import Status
from carveout.web.views import RequestId, SeenContext, Writer

router = APIRouter()

ProposalId = Annotated[int, Path(ge=1, le=2**31 - 1)]
Comment = Annotated[str, Form(max_length=2000)]


@router.get("/proposals", response_class=HTMLResponse)
def proposals_page(
    request: Request,
    ctx: SeenContext,
    principal: PrincipalDep,
    status: Status = "all",
    made: int | None = None,
) -> HTMLResponse:
    return _page(request, ctx, principal, status=status, made=made)


@router.post("/proposals/{proposal_id}/{decision}")
def decide(
    request: Request,
    ctx: SeenContext,
    principal: Writer,
    request_id: RequestId,
    proposal_id: ProposalId,
    decision: Literal["approve", "reject", "withdraw"],
    comment: Comment = "",
) -> Response:
    """Approve or reject for the signed-in user's party, or withdraw one's own proposal."""
    try:
        if decision == "withdraw":
            ctx.store.withdraw(proposal_id, principal=principal, request_id=request_id)
        else:
            ctx.store.vote(
                proposal_id,
                principal=principal,
                approve=decision == "approve",
                comment=comment.strip(),
                request_id=request_id,
            )
    except ProposalClosed as error:
        return _page(request, ctx, principal, status="all", problem=str(error), code=409)
    return RedirectResponse(f"/proposals#proposal-{proposal_id}", status_code=303)


def _page(
    request: Request,
    ctx: SeenContext,
    principal: PrincipalDep,
    *,
    status: Status,
    made: int | None = None,
    problem: str = "",
    code: int = 200,
) -> HTMLResponse:
    rows = views.proposals_data(ctx, principal=principal, status=status)
    return render(
        request,
        "proposals.html",
        page="proposals",
        title="Proposals",
        rows=rows,
        shown=status,
        made=made,
        problem=problem,
        status=code,
    )
