"""Read and change records of every kind, with the record's own schema in the OpenAPI document.

One set of routes per kind is generated from :data:`ENTITY_KINDS`, so the
API can never drift from the domain model. Reads see what the caller may see
(another party's private scenario is a 404). Writes go through the store, which
rules each change for the caller (403 listing what is refused; 202 with the
proposal when the change binds other parties, who must approve it) and
validates the whole portfolio: a change that breaks it is a 422 listing each
problem by record and field, and nothing is written.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Path, Query, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from carveout.access import Principal
from carveout.access.policy import reads_audit, sees_record
from carveout.domain import ENTITY_KINDS, Record
from carveout.domain.changes import Change, Changeset
from carveout.errors import Forbidden, NotFound
from carveout.storage.store import Outcome
from carveout.web.deps import PrincipalDep, WebContext
from carveout.web.queries.proposals import ProposalOut, proposal_out
from carveout.web.views import (
    SeenContext,
    request_id,
    seen_context,
    writer,
)

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


@router.get("/history")
def get_history(
    ctx: SeenContext,
    principal: PrincipalDep,
    kind: Annotated[str | None, Query(max_length=32)] = None,
    key: Annotated[str | None, Query(max_length=200)] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 50,
) -> list[AuditItem]:
    """The newest changes, optionally of one kind or one record (administrators and auditors;
    changes to another party's private scenario are left out)."""
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
        for e in ctx.store.history(kind, key, limit)
        if _shown(principal, e.kind, e.before, e.after)
    ]


def _shown(
    principal: Principal, kind: str, before: dict[str, Any] | None, after: dict[str, Any] | None
) -> bool:
    """Whether an audit entry is of a record ``principal`` may know exists."""
    if kind != "scenario":
        return True
    model = ENTITY_KINDS["scenario"]
    return all(
        sees_record(principal, model.model_validate(state))
        for state in (before, after)
        if state is not None
    )


def _find(ctx: WebContext, kind: str, key: str) -> Record:
    record = ctx.portfolio.get().by_key(kind).get(key)
    if record is None:
        raise NotFound(f"There is no {kind} {key!r}.")
    return record


def _with_signature(fn: Callable[..., Any], params: list[inspect.Parameter], ret: Any) -> Any:
    fn.__signature__ = inspect.Signature(params, return_annotation=ret)  # type: ignore[attr-defined]
    return fn


def _kw(name: str, annotation: Any, default: Any = inspect.Parameter.empty) -> inspect.Parameter:
    return inspect.Parameter(
        name, inspect.Parameter.KEYWORD_ONLY, annotation=annotation, default=default
    )


def _answer(outcome: Outcome, record: Record | None) -> Any:
    """The record as changed (200; 204 once removed), or 202 with the proposal made."""
    if outcome.proposals:
        proposal = proposal_out(outcome.proposals[0])
        return JSONResponse(proposal.model_dump(mode="json"), status_code=202)
    return record if record is not None else Response(status_code=204)


PROPOSED: dict[int | str, dict[str, Any]] = {
    202: {
        "model": ProposalOut,
        "description": "The change binds other parties: proposed to them, not yet applied",
    }
}


def _register(kind: str, model: type[Record]) -> None:
    ctx_p = _kw("ctx", Annotated[WebContext, Depends(seen_context)])
    writer_p = _kw("principal", Annotated[Principal, Depends(writer)])
    request_p = _kw("request_id", Annotated[str, Depends(request_id)])
    key_p = _kw("key", Annotated[str, Path(description=f"The {kind}'s key")])
    label = kind.replace("_", " ")

    def list_records(*, ctx: WebContext) -> list[Record]:
        return list(ctx.portfolio.get().records(kind))

    def get_record(*, ctx: WebContext, key: str) -> Record:
        return _find(ctx, kind, key)

    def put_record(
        *, ctx: WebContext, principal: Principal, request_id: str, key: str, record: Record
    ) -> Any:
        if record.key != key:
            raise RequestValidationError(
                [
                    {
                        "loc": ["path", "key"],
                        "type": "key_mismatch",
                        "input": key,
                        "msg": f"the body describes {label} {record.key!r}, not {key!r}",
                    }
                ]
            )
        change = Change(kind, key, None, record)
        outcome = ctx.store.apply(
            Changeset((change,)), actor=principal.name, principal=principal, request_id=request_id
        )
        return _answer(outcome, record)

    def delete_record(*, ctx: WebContext, principal: Principal, request_id: str, key: str) -> Any:
        record = _find(ctx, kind, key)
        outcome = ctx.store.apply(
            Changeset((Change(kind, key, record, None),)),
            actor=principal.name,
            principal=principal,
            request_id=request_id,
        )
        return _answer(outcome, None)

    body_p = _kw("record", Annotated[model, Body()])
    base = f"/records/{kind}"
    router.add_api_route(
        base,
        _with_signature(list_records, [ctx_p], list[model]),  # type: ignore[valid-type]
        methods=["GET"],
        response_model=list[model],  # type: ignore[valid-type]
        summary=f"Every {label}",
        name=f"list_{kind}",
    )
    router.add_api_route(
        base + "/{key:path}",
        _with_signature(get_record, [ctx_p, key_p], model),
        methods=["GET"],
        response_model=model,
        summary=f"One {label}",
        name=f"get_{kind}",
    )
    router.add_api_route(
        base + "/{key:path}",
        _with_signature(put_record, [ctx_p, writer_p, request_p, key_p, body_p], model),
        methods=["PUT"],
        response_model=model,
        name=f"put_{kind}",
        summary=f"Add or change a {label}",
        responses={**PROPOSED},
    )
    router.add_api_route(
        base + "/{key:path}",
        _with_signature(delete_record, [ctx_p, writer_p, request_p, key_p], None),
        methods=["DELETE"],
        status_code=204,
        response_class=Response,
        name=f"delete_{kind}",
        summary=f"Remove a {label}",
        responses={**PROPOSED},
    )


for _kind, _model in ENTITY_KINDS.items():
    _register(_kind, _model)
