"""What every response and request goes through before sign-in: the Host-header check (no
answer to names not configured, against DNS rebinding), the refusal of cross-origin writes,
and the browser's security headers (Content-Security-Policy without inline script or
``eval``, no framing, no sniffing, a strict referrer policy, HSTS behind HTTPS).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from urllib.parse import urlsplit

from starlette.datastructures import Headers, MutableHeaders
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from carveout.web.security_log import log_refusal

UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})

CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        # Only the app's own script files: no inline script, no eval. Charts are drawn
        # with Vega's expression interpreter (vegaEmbed's ``ast`` option), not new Function.
        "script-src 'self'",
        # Style attributes in the templates and those Vega-Embed writes need 'unsafe-inline';
        # styles cannot run script, and nothing else is loaded from elsewhere.
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)
"""The Content-Security-Policy of every page."""

HEADERS = (
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"strict-origin-when-cross-origin"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=(), payment=()"),
)
HSTS = (b"strict-transport-security", b"max-age=31536000; includeSubDomains")


def host_name(host_header: str) -> str:
    """The name in a Host header, without its port: ``[::1]:8000`` -> ``::1``."""
    host = host_header.strip().lower()
    if host.startswith("["):
        return host[1 : host.find("]")] if "]" in host else ""
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def host_allowed(host_header: str, allowed: Sequence[str]) -> bool:
    """Whether the Host header names one of ``allowed`` (``*.example.org``: any subdomain;
    ``*``: any name)."""
    name = host_name(host_header)
    if not name:
        return False
    for pattern in allowed:
        if pattern == "*" or name == pattern:
            return True
        if pattern.startswith("*.") and name.endswith(pattern[1:]):
            return True
    return False


def same_origin(headers: Headers) -> bool:
    """Whether an unsafe request comes from the dashboard's own pages.

    Browsers send ``Origin`` with every cross-origin write (and ``Referer`` unless told not
    to); either must name the host the request was sent to. A request with neither is not
    from a browser page (a script with a token, ``curl``) and is let through: a browser
    cannot be made to send it.
    """
    host = headers.get("host", "").lower()
    origin = headers.get("origin")
    if origin is not None:
        return origin != "null" and urlsplit(origin).netloc.lower() == host
    referer = headers.get("referer")
    if referer is not None:
        return urlsplit(referer).netloc.lower() == host
    return True


class SecurityMiddleware:
    """Host check, cross-origin writes refused, security headers on every response."""

    def __init__(self, app: ASGIApp, *, allowed_hosts: Sequence[str], https: bool) -> None:
        self.app = app
        self.allowed_hosts = tuple(allowed_hosts)
        self.https = https

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        if not host_allowed(headers.get("host", ""), self.allowed_hosts):
            refused = (
                "This dashboard does not answer to that host name. The administrator can add "
                "it to CARVEOUT_ALLOWED_HOSTS."
            )
            log_refusal(Request(scope), refused, [], status=400)
            await _refuse(send, 400, refused)
            return
        if scope["method"] in UNSAFE_METHODS and not same_origin(headers):
            refused = "Changes may only be sent from the dashboard's own pages."
            log_refusal(Request(scope), refused, [])
            await _refuse(send, 403, refused)
            return
        secure = self.https or scope.get("scheme") == "https"

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                extra = MutableHeaders(scope=message)
                for name, value in HEADERS:
                    if name.decode() not in extra:
                        extra.raw.append((name, value))
                if secure:
                    extra.raw.append(HSTS)
            await send(message)

        await self.app(scope, receive, send_with_headers)


async def _refuse(send: Send, status: int, detail: str) -> None:
    body = json.dumps({"detail": detail}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                *HEADERS,
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


__all__ = [
    "CONTENT_SECURITY_POLICY",
    "SecurityMiddleware",
    "host_allowed",
    "host_name",
    "same_origin",
]
