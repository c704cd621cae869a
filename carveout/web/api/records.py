"""Read and change records of every kind, with the record's own schema in the OpenAPI document.

One set of routes per kind is generated from :data:`ENTITY_KINDS`, so the
API can never drift from the domain model. Reads see what the caller may see
(another party's private scenario is a 404); lists come a page at a time
(:mod:`~carveout.web.api.paging`). Writes go through the store, which
rules each change for the caller (403 listing what is refused; 202 with the
proposal when the change binds other parties, who must approve it) and
validates the whole portfolio: a change that breaks it is a 422 listing each
problem by record and field, and nothing is written.

A read or a write of one record answers with its ``ETag``; a write sent with that tag as
``If-Match`` is made only if the record is still that version, which the store checks
under its write lock: else it is a 412 carrying the current record and nothing is written.
A ``PATCH`` (a JSON merge patch) is always made against the version it was applied to, so
one that races another change is a 409 carrying the current record, even without
``If-Match``.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Path, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from carveout.access import Principal
from carveout.domain import ENTITY_KINDS, Record
from carveout.errors import Conflict, NotFound
from carveout.storage.store import Outcome
from carveout.storage.versions import ANY, version
from carveout.web.api.etags import ETAG_HEADER, IfMatch, expected, tag
from carveout.web.api.paging import PAGE_HEADERS, Limit, Offset, paginate
from carveout.web.api.patch import patched
from carveout.web.api.responses import STALE
from carveout.web.deps import WebContext
from carveout.web.queries.proposals import ProposalOut, proposal_out
from carveout.web.views import request_id, seen_context, writer

router = APIRouter(tags=["records"])
DEFAULT_LIMIT = 500
"""Records per page of a list unless ``limit`` says otherwise."""


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


def _answer(outcome: Outcome, record: Record | None, response: Response) -> Any:
    """The record as changed, with its ETag (200; 204 once removed), or 202 with the
    proposal made."""
    if outcome.proposals:
        proposal = proposal_out(outcome.proposals[0])
        return JSONResponse(proposal.model_dump(mode="json"), status_code=202)
    if record is None:
        return Response(status_code=204)
    tag(response, record)
    return record


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
    http_p = _kw("request", Request)
    response_p = _kw("response", Response)
    if_match_p = _kw("if_match", IfMatch, None)
    page_p = [_kw("limit", Limit, DEFAULT_LIMIT), _kw("offset", Offset, 0)]
    label = kind.replace("_", " ")

    def list_records(
        *, ctx: WebContext, request: Request, response: Response, limit: int, offset: int
    ) -> list[Record]:
        records = ctx.portfolio.get().records(kind)
        return paginate(request, response, records, limit=limit, offset=offset)

    def get_record(*, ctx: WebContext, response: Response, key: str) -> Record:
        record = _find(ctx, kind, key)
        tag(response, record)
        return record

    def put_record(
        *,
        ctx: WebContext,
        principal: Principal,
        request_id: str,
        response: Response,
        key: str,
        if_match: str | None,
        record: Record,
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
        outcome = ctx.store.put(
            kind,
            record,
            actor=principal.name,
            principal=principal,
            request_id=request_id,
            expected=expected(if_match),
        )
        return _answer(outcome, record, response)

    def patch_record(
        *,
        ctx: WebContext,
        principal: Principal,
        request_id: str,
        response: Response,
        key: str,
        if_match: str | None,
        patch: dict[str, Any],
    ) -> Any:
        current = _find(ctx, kind, key)
        read = version(current)
        wanted = expected(if_match)
        if wanted is not None and ANY not in wanted and read not in wanted:
            raise Conflict(kind, key, current=current, version=read)
        record = patched(current, patch)
        outcome = ctx.store.put(
            kind,
            record,
            actor=principal.name,
            principal=principal,
            request_id=request_id,
            expected={read},
        )
        return _answer(outcome, record, response)

    def delete_record(
        *,
        ctx: WebContext,
        principal: Principal,
        request_id: str,
        response: Response,
        key: str,
        if_match: str | None,
    ) -> Any:
        outcome = ctx.store.delete(
            kind,
            key,
            actor=principal.name,
            principal=principal,
            request_id=request_id,
            expected=expected(if_match),
        )
        return _answer(outcome, None, response)

    body_p = _kw("record", Annotated[model, Body()])
    patch_p = _kw(
        "patch",
        Annotated[dict[str, Any], Body(description="The fields to change (RFC 7396 merge patch)")],
    )
    base = f"/records/{kind}"
    writes = [ctx_p, writer_p, request_p, response_p, key_p, if_match_p]
    router.add_api_route(
        base,
        _with_signature(list_records, [ctx_p, http_p, response_p, *page_p], list[model]),  # type: ignore[valid-type]
        methods=["GET"],
        response_model=list[model],  # type: ignore[valid-type]
        summary=f"Every {label}, a page at a time",
        name=f"list_{kind}",
        responses={200: {"headers": PAGE_HEADERS}},
    )
    router.add_api_route(
        base + "/{key:path}",
        _with_signature(get_record, [ctx_p, response_p, key_p], model),
        methods=["GET"],
        response_model=model,
        summary=f"One {label}",
        name=f"get_{kind}",
        responses={200: {"headers": ETAG_HEADER}},
    )
    router.add_api_route(
        base + "/{key:path}",
        _with_signature(put_record, [*writes, body_p], model),
        methods=["PUT"],
        response_model=model,
        name=f"put_{kind}",
        summary=f"Add or change a {label}",
        responses={200: {"headers": ETAG_HEADER}, **PROPOSED, **STALE},
    )
    router.add_api_route(
        base + "/{key:path}",
        _with_signature(patch_record, [*writes, patch_p], model),
        methods=["PATCH"],
        response_model=model,
        name=f"patch_{kind}",
        summary=f"Change some fields of a {label}",
        responses={200: {"headers": ETAG_HEADER}, **PROPOSED, **STALE},
    )
    router.add_api_route(
        base + "/{key:path}",
        _with_signature(delete_record, writes, None),
        methods=["DELETE"],
        status_code=204,
        response_class=Response,
        name=f"delete_{kind}",
        summary=f"Remove a {label}",
        responses={**PROPOSED, **STALE},
    )


for _kind, _model in ENTITY_KINDS.items():
    _register(_kind, _model)
