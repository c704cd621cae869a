"""The chart bundle route."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from carveout.web import assets

router = APIRouter()


@router.get(assets.BUNDLE_PATH)
def vega_bundle(request: Request) -> Response:
    body, etag = assets.vega_bundle()
    headers = {"Cache-Control": "public, max-age=31536000, immutable", "ETag": f'"{etag}"'}
    if request.headers.get("if-none-match") == f'"{etag}"':
        return Response(status_code=304, headers=headers)
    return Response(body, media_type="text/javascript", headers=headers)
