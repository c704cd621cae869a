"""``GET /api/audit`` and ``/api/audit.csv``: the Audit page's twins (auditors and the
programme office's administrators)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query
from fastapi.responses import StreamingResponse

from carveout.access import Principal
from carveout.access.policy import reads_audit
from carveout.web.deps import Context, PrincipalDep
from carveout.web.queries.audit import AuditQuery, AuditView, audit_csv, audit_view

REFUSED = (
    "The audit trail is for auditors and the programme office's administrators: ask one of "
    "them, or an administrator for the auditor role."
)
_RESPONSES: dict[int | str, dict[str, Any]] = {
    403: {"description": "Only auditors and administrators read the audit trail"},
}

router = APIRouter(tags=["audit"], responses=_RESPONSES)


def auditor(principal: PrincipalDep) -> Principal:
    """The acting user, if they may read the audit trail (else 403)."""
    if not reads_audit(principal):
        raise HTTPException(status_code=403, detail=REFUSED)
    return principal


Auditor = Annotated[Principal, Depends(auditor)]
Filters = Annotated[AuditQuery, Query()]


@router.get("/audit")
def get_audit(ctx: Context, principal: Auditor, query: Filters) -> AuditView:
    """The audit trail, newest first, filtered by record (kind and key), user or
    organisation, a page at a time, with the head and the verification of the whole trail
    (the Audit page)."""
    return audit_view(engine=ctx.store.engine, principal=principal, query=query)


@router.get(
    "/audit.csv",
    response_class=StreamingResponse,
    responses={200: {"content": {"text/csv": {}}, "description": "Every matching entry"}},
)
def get_audit_csv(ctx: Context, principal: Auditor, query: Filters) -> StreamingResponse:
    """Every entry the filters select (all pages), newest first, as CSV."""
    return csv_response(ctx, principal, query)


def csv_response(ctx: Any, principal: Principal, query: AuditQuery) -> StreamingResponse:
    lines = audit_csv(engine=ctx.store.engine, principal=principal, query=query)
    return StreamingResponse(
        lines,
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="carveout-audit.csv"'},
    )
