"""A cap on the size of every request body, enforced while it is received.

A body that announces a ``Content-Length`` over the cap is refused with 413 before a byte
of it is read; one sent in chunks (or announcing less than it sends) is counted as it
arrives, and refused with 413 as soon as the count passes the cap. Either way the route
never sees it, and nothing beyond the cap is spooled to disk or held in memory.

The cap is the ``max_upload_bytes`` setting (``CARVEOUT_MAX_UPLOAD_BYTES``) plus
:data:`ENVELOPE_BYTES` for the multipart envelope around the file and the form's other
fields: the workbook itself is then held to ``max_upload_bytes`` by the upload service.
"""

from __future__ import annotations

import html
import json

from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

ENVELOPE_BYTES = 64 * 1024
"""Room for the multipart boundaries, part headers and small form fields beside a file."""


def too_large_message(limit: int) -> str:
    """What a client is told when its body passes ``limit`` bytes."""
    return (
        f"The request is larger than the {limit / 1024**2:.0f} MB allowed: split the workbook, "
        "or ask the administrator to raise CARVEOUT_MAX_UPLOAD_BYTES."
    )


class BodyTooLarge(HTTPException):
    """Raised while a body is received, once it passes the cap (answered with 413)."""

    def __init__(self, limit: int) -> None:
        super().__init__(status_code=413, detail=too_large_message(limit))


class BodyLimitMiddleware:
    """Refuses with 413 any request whose body is, or turns out to be, over ``max_bytes``."""

    def __init__(self, app: ASGIApp, *, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.max_bytes
        announced = Headers(scope=scope).get("content-length")
        if announced is not None and (not announced.isdigit() or int(announced) > limit):
            await _refuse(send, limit, page=not scope["path"].startswith("/api"))
            return
        received = 0

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    # The route's body parser stops here; the app's error handlers answer.
                    raise BodyTooLarge(limit)
            return message

        await self.app(scope, counted, send)


async def _refuse(send: Send, limit: int, *, page: bool) -> None:
    """Answer 413: JSON to the API, a short page to a browser's form."""
    message = too_large_message(limit)
    if page:
        body = (
            '<!doctype html><html lang="en"><meta charset="utf-8"><title>Too large</title>'
            f"<h1>Too large</h1><p>{html.escape(message)}</p>"
            '<p><a href="/workbook">Back to the Workbook page</a></p></html>'
        ).encode()
        kind = b"text/html; charset=utf-8"
    else:
        body = json.dumps({"detail": message}).encode()
        kind = b"application/json"
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [
                (b"content-type", kind),
                (b"content-length", str(len(body)).encode()),
                # The rest of the body is not read: the connection cannot be reused.
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


__all__ = ["ENVELOPE_BYTES", "BodyLimitMiddleware", "BodyTooLarge", "too_large_message"]
