"""Errors as responses: JSON with field-level detail under ``/api``, a readable page elsewhere.

Bad input is always a 4xx with the field it concerns; a 500 means a bug.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException

from carveout.errors import CarveoutError, Conflict, Forbidden, NotFound, ValidationFailed
from carveout.web.security_log import log_refusal
from carveout.web.templating import templates


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api")


def problem_details(error: ValidationFailed) -> list[dict[str, Any]]:
    """Cross-record problems in the shape FastAPI uses for field errors."""
    return [
        {
            "loc": [p.kind, p.key, p.field],
            "msg": f"expected {p.expected}",
            "type": "validation_failed",
            "input": p.value,
        }
        for p in error.problems
    ]


def _page(request: Request, status: int, title: str, message: str, items: list[str]) -> Response:
    return templates.TemplateResponse(
        request,
        "error.html",
        {"title": title, "message": message, "items": items, "page": ""},
        status_code=status,
    )


def _field(loc: Any) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "form")]
    return ".".join(parts) or "request"


async def on_request_invalid(request: Request, error: Exception) -> Response:
    assert isinstance(error, RequestValidationError)
    if _wants_json(request):
        return JSONResponse({"detail": jsonable_encoder(error.errors())}, status_code=422)
    items = [f"{_field(e['loc'])}: {e['msg']}" for e in error.errors()]
    return _page(request, 422, "That request cannot be read", "Check these values:", items)


async def on_validation_failed(request: Request, error: Exception) -> Response:
    assert isinstance(error, ValidationFailed)
    if _wants_json(request):
        return JSONResponse({"detail": problem_details(error)}, status_code=422)
    items = [str(p) for p in error.problems]
    return _page(request, 422, "Nothing was changed", "The change would leave:", items)


async def on_not_found(request: Request, error: Exception) -> Response:
    if _wants_json(request):
        return JSONResponse({"detail": str(error)}, status_code=404)
    return _page(request, 404, "Not found", str(error), [])


async def on_forbidden(request: Request, error: Exception) -> Response:
    """403: what the acting user's role and organisation do not allow, each change listed."""
    refusals = [
        {"kind": r.kind, "key": r.key, "action": r.action, "reason": r.reason}
        for r in getattr(error, "refusals", [])
    ]
    log_refusal(request, str(error), refusals)
    if _wants_json(request):
        return JSONResponse({"detail": str(error), "refused": refusals}, status_code=403)
    message = str(error).split("\n")[0] if refusals else str(error)
    items = [f"{r['kind']} {r['key']} ({r['action']}): {r['reason']}" for r in refusals]
    return _page(request, 403, "Not allowed", message, items)


async def on_conflict(request: Request, error: Exception) -> Response:
    """412 when the request's ``If-Match`` (or ``If-None-Match``) does not hold, 409 when the
    record changed underneath it otherwise; the body carries the record as it is now, the
    headers its ``ETag``."""
    assert isinstance(error, Conflict)
    if not _wants_json(request):
        return _page(request, 409, "Changed meanwhile", str(error), [])
    current = None if error.current is None else error.current.model_dump(mode="json")
    preconditions = ("if-match", "if-none-match")
    status = 412 if any(h in request.headers for h in preconditions) else 409
    headers = {"ETag": f'"{error.version}"'} if error.version else None
    body = {"detail": str(error), "current": current, "version": error.version}
    return JSONResponse(body, status_code=status, headers=headers)


async def on_carveout_error(request: Request, error: Exception) -> Response:
    if _wants_json(request):
        return JSONResponse({"detail": str(error)}, status_code=400)
    return _page(request, 400, "That did not work", str(error), [])


async def on_http_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, HTTPException)
    if _wants_json(request) or error.status_code < 400:
        return JSONResponse(
            {"detail": error.detail}, status_code=error.status_code, headers=error.headers
        )
    return _page(
        request,
        error.status_code,
        "Not found" if error.status_code == 404 else "Request refused",
        str(error.detail),
        [],
    )


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(RequestValidationError, on_request_invalid)
    app.add_exception_handler(ValidationFailed, on_validation_failed)
    app.add_exception_handler(NotFound, on_not_found)
    app.add_exception_handler(Forbidden, on_forbidden)
    app.add_exception_handler(Conflict, on_conflict)
    app.add_exception_handler(CarveoutError, on_carveout_error)
    app.add_exception_handler(HTTPException, on_http_error)
