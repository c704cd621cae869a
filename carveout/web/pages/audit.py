"""The Audit page: who changed what, when, from which organisation and request, with the
verification of the whole trail and its head (auditors and administrators)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, StreamingResponse

from carveout.web.api.audit import Auditor, Filters, csv_response
from carveout.web.deps import Context
from carveout.web.pages.render import render
from carveout.web.queries.audit import audit_view

router = APIRouter()


@router.get("/audit", response_class=HTMLResponse)
def audit_page(request: Request, ctx: Context, principal: Auditor, query: Filters) -> HTMLResponse:
    data = audit_view(engine=ctx.store.engine, principal=principal, query=query)
    return render(request, "audit.html", page="audit", title="Audit trail", data=data)


@router.get("/audit.csv")
def audit_download(ctx: Context, principal: Auditor, query: Filters) -> StreamingResponse:
    return csv_response(ctx, principal, query)
