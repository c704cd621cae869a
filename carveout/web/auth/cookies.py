"""The session cookie and the sign-in form's own CSRF cookie: HttpOnly, SameSite=Lax, and
Secure (with the ``__Host-`` prefix) when the dashboard is reached over HTTPS."""

from __future__ import annotations

import secrets

from fastapi import Request, Response

from carveout.access.sessions import SECURE_SESSION_COOKIE, SESSION_COOKIE, cookie_name
from carveout.web.auth.config import AuthConfig

LOGIN_COOKIE = "carveout_login"
"""A random value the sign-in form repeats in a field (a double-submit CSRF token): it keeps
other sites from signing a browser in as someone else."""


def named(name: str, *, secure: bool) -> str:
    """``name`` with the ``__Host-`` prefix when the cookie is Secure (then bound to this
    host and path ``/``)."""
    return f"__Host-{name}" if secure else name


def read(request: Request, name: str) -> str:
    """The cookie ``name`` as sent, with or without its ``__Host-`` prefix."""
    return request.cookies.get(f"__Host-{name}") or request.cookies.get(name, "")


def set_private(
    response: Response, request: Request, auth: AuthConfig, name: str, value: str, max_age: int
) -> None:
    """Set an HttpOnly, SameSite=Lax cookie for the whole site (Secure behind HTTPS)."""
    is_secure = secure(request, auth)
    response.set_cookie(
        named(name, secure=is_secure),
        value,
        max_age=max_age,
        path="/",
        secure=is_secure,
        httponly=True,
        samesite="lax",
    )


def clear(response: Response, name: str) -> None:
    response.delete_cookie(name, path="/")
    response.delete_cookie(f"__Host-{name}", path="/", secure=True)


def secure(request: Request, auth: AuthConfig) -> bool:
    """Whether cookies must be Secure: HTTPS is configured, or this request used it."""
    return auth.https or request.url.scheme == "https"


def set_session(response: Response, request: Request, auth: AuthConfig, value: str) -> None:
    is_secure = secure(request, auth)
    response.set_cookie(
        cookie_name(secure=is_secure),
        value,
        max_age=int(auth.timeouts.absolute.total_seconds()),
        path="/",
        secure=is_secure,
        httponly=True,
        samesite="lax",
    )


def clear_session(response: Response) -> None:
    for name in (SESSION_COOKIE, SECURE_SESSION_COOKIE):
        response.delete_cookie(name, path="/", secure=name == SECURE_SESSION_COOKIE)


def login_token(request: Request) -> str:
    """The sign-in form's token: the browser's cookie if it has one, else a new one."""
    value = read(request, LOGIN_COOKIE)
    return value if 20 <= len(value) <= 100 else secrets.token_urlsafe(32)


def set_login_token(response: Response, request: Request, auth: AuthConfig, value: str) -> None:
    set_private(response, request, auth, LOGIN_COOKIE, value, max_age=3600)


def login_token_matches(request: Request, given: str) -> bool:
    expected = read(request, LOGIN_COOKIE)
    return bool(expected) and secrets.compare_digest(expected.encode(), given.encode())
