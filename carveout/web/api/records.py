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

from carveout.domain import ENTITY_KINDS, Record
from carveout.errors import Conflict, NotFound
from carveout.storage.store import Outcome
from carveout.storage.versions import ANY, version
from carveout.web.api.etags import ETAG_HEADER, IfMatch, IfNoneMatch, expected, expected_on_put, tag
from carveout.web.api.paging import PAGE_HEADERS, Limit, Offset, paginate
from carveout.web.api.patch import patched
from carveout.web.api.responses import STALE
from carveout.web.deps import WebContext
from carveout.web.queries.proposals import ProposalOut, proposal_out
from carveout.web.views import seen_context
from carveout.web.writing import Writes, Writing

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


CHANGES: dict[int | str, dict[str, Any]] = {
    202: {
        "model": ProposalOut,
        "description": "The change binds other parties: proposed to them, not yet applied",
    },
    **STALE,
}
"""What a change of one record may answer besides its success and the common errors."""
PATCH_HELP = "The fields to change, as a JSON merge patch (RFC 7396): null resets a field"


def _register(kind: str, model: type[Record]) -> None:
    ctx_p = _kw("ctx", Annotated[WebContext, Depends(seen_context)])
    key_p = _kw("key", Annotated[str, Path(description=f"The {kind}'s key")])
    http_p = _kw("request", Request)
    response_p = _kw("response", Response)
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
        w: Writing,
        response: Response,
        key: str,
        if_match: str | None,
        if_none_match: str | None,
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
        outcome = w.put(kind, record, expected=expected_on_put(if_match, if_none_match))
        return _answer(outcome, record, response)

    def patch_record(
        *, w: Writing, response: Response, key: str, if_match: str | None, patch: dict[str, Any]
    ) -> Any:
        current = _find(w.ctx, kind, key)
        read = version(current)
        wanted = expected(if_match)
        if wanted is not None and ANY not in wanted and read not in wanted:
            raise Conflict(kind, key, current=current, version=read)
        record = patched(current, patch)
        return _answer(w.put(kind, record, expected={read}), record, response)

    def delete_record(*, w: Writing, response: Response, key: str, if_match: str | None) -> Any:
        outcome = w.delete(kind, key, expected=expected(if_match))
        return _answer(outcome, None, response)

    base = f"/records/{kind}"
    router.add_api_route(
        base,
        _with_signature(list_records, [ctx_p, http_p, response_p, *page_p], list[model]),  # type: ignore[valid-type]
        methods=["GET"],
        response_model=list[model],  # type: ignore[valid-type]
        summary=f"Every {label}, a page at a time",
        name=f"list_{kind}",
        responses={200: {"headers": PAGE_HEADERS}},
    )
    writes = [_kw("w", Writes), response_p, key_p, _kw("if_match", IfMatch, None)]
    patch_p = _kw("patch", Annotated[dict[str, Any], Body(description=PATCH_HELP)])
    put_p = [
        *writes,
        _kw("if_none_match", IfNoneMatch, None),
        _kw("record", Annotated[model, Body()]),
    ]
    one = (
        ("GET", get_record, [ctx_p, response_p, key_p], f"One {label}"),
        ("PUT", put_record, put_p, f"Add or change a {label}"),
        ("PATCH", patch_record, [*writes, patch_p], f"Change some fields of a {label}"),
    )
    for method, fn, params, summary in one:
        router.add_api_route(
            base + "/{key:path}",
            _with_signature(fn, params, model),
            methods=[method],
            response_model=model,
            summary=summary,
            name=f"{method.lower()}_{kind}",
            responses={200: {"headers": ETAG_HEADER}, **({} if method == "GET" else CHANGES)},
        )
    router.add_api_route(
        base + "/{key:path}",
        _with_signature(delete_record, writes, None),
        methods=["DELETE"],
        status_code=204,
        response_class=Response,
        name=f"delete_{kind}",
        summary=f"Remove a {label}",
        responses=CHANGES,
    )


for _kind, _model in ENTITY_KINDS.items():
    _register(_kind, _model)
