"""Read and change records of every kind, with the record's own schema in the OpenAPI document.

One set of routes per kind is generated from :data:`ENTITY_KINDS`, so the
API can never drift from the domain model. Writes go through the store, which
validates the whole portfolio: a change that breaks it is a 422 listing each
problem by record and field, and nothing is written.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Path, Query, Response
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel

from carveout.domain import ENTITY_KINDS, Record
from carveout.errors import NotFound
from carveout.web.deps import Context, WebContext, actor, context

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
    ctx: Context,
    kind: Annotated[str | None, Query(max_length=32)] = None,
    key: Annotated[str | None, Query(max_length=200)] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 50,
) -> list[AuditItem]:
    """The newest changes, optionally of one kind or one record."""
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
    ]


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


def _register(kind: str, model: type[Record]) -> None:
    ctx_p = _kw("ctx", Annotated[WebContext, Depends(context)])
    actor_p = _kw("actor_name", Annotated[str, Depends(actor)])
    key_p = _kw("key", Annotated[str, Path(description=f"The {kind}'s key")])
    label = kind.replace("_", " ")

    def list_records(*, ctx: WebContext) -> list[Record]:
        return list(ctx.portfolio.get().records(kind))

    def get_record(*, ctx: WebContext, key: str) -> Record:
        return _find(ctx, kind, key)

    def put_record(*, ctx: WebContext, actor_name: str, key: str, record: Record) -> Record:
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
        ctx.store.upsert(kind, record, actor=actor_name)
        return record

    def delete_record(*, ctx: WebContext, actor_name: str, key: str) -> Response:
        _find(ctx, kind, key)
        ctx.store.delete(kind, key, actor=actor_name)
        return Response(status_code=204)

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
        _with_signature(put_record, [ctx_p, actor_p, key_p, body_p], model),
        methods=["PUT"],
        response_model=model,
        name=f"put_{kind}",
        summary=f"Add or change a {label}",
        responses={422: {"description": "Invalid record, or the change breaks the portfolio"}},
    )
    router.add_api_route(
        base + "/{key:path}",
        _with_signature(delete_record, [ctx_p, actor_p, key_p], None),
        methods=["DELETE"],
        status_code=204,
        response_class=Response,
        name=f"delete_{kind}",
        summary=f"Remove a {label}",
    )


for _kind, _model in ENTITY_KINDS.items():
    _register(_kind, _model)
