"""Who is asking: every request is signed in by its session cookie or its API token, or
it is anonymous and may only reach the sign-in pages, the static files and the health.

What the middleware leaves on ``request.state`` (``scope["state"]``):

- ``principal``: the :class:`carveout.access.Principal` acting (absent when anonymous);
- ``csrf``: the session's CSRF token (None for a token or anonymous request);
- ``session_expires``: when the session ends at the latest (None otherwise).

An anonymous page request is sent to ``/login?next=…``; an anonymous API request gets
``401`` with ``WWW-Authenticate: Bearer``. A request with a bad or revoked token gets
``401`` even if it also has a cookie. A read-only token's unsafe requests get ``403``.
A cookie-authenticated unsafe request must carry the session's CSRF token: in the
``X-CSRF-Token`` header (checked here, before the body is read) or, for a form, in its
``csrf_token`` field (checked by :func:`carveout.web.auth.csrf.require_csrf`).
"""

from __future__ import annotations

import json
from urllib.parse import quote

from anyio import to_thread
from starlette.datastructures import Headers
from starlette.requests import Request, cookie_parser
from starlette.types import ASGIApp, Receive, Scope, Send

from carveout.access.principal import Principal
from carveout.access.principal import Scope as TokenScope
from carveout.access.sessions import (
    CSRF_HEADER,
    SECURE_SESSION_COOKIE,
    SESSION_COOKIE,
    same_token,
    session_id,
)
from carveout.access.tokens import looks_like_token, token_digest
from carveout.storage.credentials import SignedIn, session_user, token_user
from carveout.web.auth.config import AuthConfig
from carveout.web.security import UNSAFE_METHODS
from carveout.web.security_log import log_refusal

PUBLIC_PREFIXES = ("/login", "/static/", "/health")
"""Paths anyone may reach: sign-in (with single sign-on), static files, the health check."""
FORMS = ("application/x-www-form-urlencoded", "multipart/form-data")


def is_public(path: str) -> bool:
    return path == "/login" or path.startswith(PUBLIC_PREFIXES)


def is_api(path: str) -> bool:
    return path.startswith("/api/") or path in ("/api", "/openapi.json")


class AuthMiddleware:
    """Sets ``request.state.principal`` from the session cookie or the bearer token."""

    def __init__(self, app: ASGIApp, *, auth: AuthConfig) -> None:
        self.app = app
        self.auth = auth

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        state = scope.setdefault("state", {})
        state["csrf"] = None
        state["session_expires"] = None
        path: str = scope["path"]
        unsafe = scope["method"] in UNSAFE_METHODS
        authorization = headers.get("authorization", "")
        if authorization:
            principal = await self._token(authorization)
            if principal is None:
                await _json(
                    send,
                    401,
                    "That API token is not valid: it may have expired or "
                    "been revoked. `carveout tokens create` makes a new one.",
                )
                return
            if unsafe and principal.scope is TokenScope.READ:
                refused = "This API token is read-only: it cannot change anything."
                state["principal"] = principal
                log_refusal(Request(scope), refused, [])
                await _json(send, 403, refused)
                return
            state["principal"] = principal
            await self.app(scope, receive, send)
            return
        signed_in = await self._session(headers)
        if signed_in is None:
            if is_public(path):
                await self.app(scope, receive, send)
            elif is_api(path):
                await _json(send, 401, "Sign in, or send an API token, to use carveout.")
            else:
                await _to_login(scope, send)
            return
        state["principal"] = signed_in.principal
        state["csrf"] = signed_in.csrf
        state["session_expires"] = signed_in.expires
        if unsafe and not _csrf_in_header_or_form(headers, signed_in.csrf):
            refused = "This change carries no valid CSRF token: reload the page and try again."
            log_refusal(Request(scope), refused, [])
            await _json(send, 403, refused)
            return
        await self.app(scope, receive, send)

    async def _token(self, authorization: str) -> Principal | None:
        kind, _, value = authorization.partition(" ")
        value = value.strip()
        if kind.lower() != "bearer" or not looks_like_token(value):
            return None
        auth = self.auth
        digest = token_digest(value, auth.secret)
        return await to_thread.run_sync(
            lambda: token_user(auth.engine, digest=digest, at=auth.now())
        )

    async def _session(self, headers: Headers) -> SignedIn | None:
        cookies = cookie_parser(headers.get("cookie", ""))
        value = cookies.get(SECURE_SESSION_COOKIE) or cookies.get(SESSION_COOKIE)
        if not value or len(value) > 100:
            return None
        auth = self.auth
        sid = session_id(value)
        return await to_thread.run_sync(
            lambda: session_user(auth.engine, session_id=sid, at=auth.now(), timeouts=auth.timeouts)
        )


def _csrf_in_header_or_form(headers: Headers, expected: str) -> bool:
    """The header carries the token, or the body is a form (its field is checked later)."""
    given = headers.get(CSRF_HEADER)
    if given is not None:
        return same_token(given, expected)
    return headers.get("content-type", "").split(";")[0].strip().lower() in FORMS


async def _json(send: Send, status: int, detail: str) -> None:
    body = json.dumps({"detail": detail}).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    if status == 401:
        headers.append((b"www-authenticate", b'Bearer realm="carveout"'))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


async def _to_login(scope: Scope, send: Send) -> None:
    target: str = scope["path"]
    if scope.get("query_string"):
        target += "?" + scope["query_string"].decode("latin-1")
    location = "/login" if target == "/" else f"/login?next={quote(target, safe='')}"
    await send(
        {
            "type": "http.response.start",
            "status": 303,
            "headers": [(b"location", location.encode()), (b"content-length", b"0")],
        }
    )
    await send({"type": "http.response.body", "body": b""})


__all__ = ["PUBLIC_PREFIXES", "AuthMiddleware", "is_api", "is_public"]
