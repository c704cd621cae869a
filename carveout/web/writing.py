"""A request that changes one record: who makes it, as which request, through which store.
The API's record routes and the edit forms write through it alike."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends

from carveout.access import Principal
from carveout.domain import Record
from carveout.storage.store import Outcome
from carveout.web.deps import WebContext
from carveout.web.views import request_id, seen_context, writer


@dataclass(frozen=True)
class Writing:
    """The context as the caller sees it, the caller (one who may change something) and the
    request's id for the audit trail."""

    ctx: WebContext
    principal: Principal
    request_id: str

    def put(self, kind: str, record: Record, *, expected: Collection[str] | None) -> Outcome:
        """Add or replace ``record``, if it is still one of the ``expected`` versions."""
        return self.ctx.store.put(  # type: ignore[no-any-return]
            kind,
            record,
            actor=self.principal.name,
            principal=self.principal,
            request_id=self.request_id,
            expected=expected,
        )

    def delete(self, kind: str, key: str, *, expected: Collection[str] | None) -> Outcome:
        """Remove the record, if it is still one of the ``expected`` versions."""
        return self.ctx.store.delete(  # type: ignore[no-any-return]
            kind,
            key,
            actor=self.principal.name,
            principal=self.principal,
            request_id=self.request_id,
            expected=expected,
        )


def writing(
    ctx: Annotated[WebContext, Depends(seen_context)],
    principal: Annotated[Principal, Depends(writer)],
    request: Annotated[str, Depends(request_id)],
) -> Writing:
    return Writing(ctx, principal, request)


Writes = Annotated[Writing, Depends(writing)]
"""A route parameter: the request as a change (403 for a caller who changes nothing)."""
