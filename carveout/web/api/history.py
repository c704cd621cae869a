"""``GET /api/history``: the audit trail's newest changes, a page at a time (administrators
and auditors; changes to another party's private scenario are left out)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel

from carveout.access.policy import reads_audit
from carveout.domain import ENTITY_KINDS
from carveout.errors import Forbidden
from carveout.storage.audit import AuditFilter, count_entries, read_entries
from carveout.web.api.paging import PAGE_HEADERS, Offset, mark_page
from carveout.web.deps import PrincipalDep
from carveout.web.queries.audit import hidden_entries
from carveout.web.views import SeenContext

router = APIRouter(tags=["records"])


class AuditItem(BaseModel):
    """One change in the audit trail."""

    id: int
    actor: str
    at: Any
    kind: str
    key: str
    action: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None


@router.get("/history", responses={200: {"headers": PAGE_HEADERS}})
def get_history(
    request: Request,
    response: Response,
    ctx: SeenContext,
    principal: PrincipalDep,
    kind: Annotated[str | None, Query(max_length=32)] = None,
    key: Annotated[str | None, Query(max_length=200)] = None,
    limit: Annotated[int, Query(ge=1, le=1000, description="How many to return at most")] = 50,
    offset: Offset = 0,
) -> list[AuditItem]:
    """The newest changes, optionally of one kind or one record, ``limit`` of them after
    skipping ``offset`` (``X-Total-Count`` says how many there are; ``Link`` gives the next
    and previous pages)."""
    if not reads_audit(principal):
        raise Forbidden("Only administrators and auditors read the audit trail.")
    if kind is not None and kind not in ENTITY_KINDS:
        raise RequestValidationError(
            [
                {
                    "loc": ["query", "kind"],
                    "msg": f"Input should be one of {', '.join(ENTITY_KINDS)}",
                    "type": "enum",
                    "input": kind,
                }
            ]
        )
    with ctx.store.engine.connect() as connection:
        which = AuditFilter(kind=kind, key=key, hidden=hidden_entries(connection, principal)[0])
        total = count_entries(connection, which)
        entries = read_entries(connection, which, limit=limit, offset=offset)
    mark_page(request, response, total=total, limit=limit, offset=offset)
    return [
        AuditItem(
            id=e.id,
            actor=e.actor,
            at=e.at,
            kind=e.kind,
            key=e.key,
            action=e.action,
            before=e.before,
            after=e.after,
        )
        for e in entries
    ]
