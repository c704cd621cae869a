"""The chart bundle route and the actor cookie."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from carveout.web import assets
from carveout.web.deps import ACTOR_COOKIE, check_actor

router = APIRouter()


@router.get(assets.BUNDLE_PATH)
def vega_bundle(request: Request) -> Response:
    body, etag = assets.vega_bundle()
    headers = {"Cache-Control": "public, max-age=31536000, immutable", "ETag": f'"{etag}"'}
    if request.headers.get("if-none-match") == f'"{etag}"':
        return Response(status_code=304, headers=headers)
    return Response(body, media_type="text/javascript", headers=headers)


@router.post("/actor")
def set_actor(actor: Annotated[str, Form()] = "", next: Annotated[str, Form()] = "/") -> Response:
    """Remember who is making changes from this browser, for the audit trail.

    A name the audit trail cannot record is refused (400), saying which
    characters a name may use; it is never replaced by another name.
    """
    name = check_actor(actor)
    target = next if next.startswith("/") and not next.startswith("//") else "/"
    response = RedirectResponse(target, status_code=303)
    response.set_cookie(ACTOR_COOKIE, quote(name), max_age=365 * 86400, samesite="lax")
    return response
