"""Browser sessions: the cookie's value, what is stored of it, and when a session ends.

The cookie holds 256 random bits; the database keeps only their SHA-256, so a copy of
the ``web_session`` table cannot be replayed as a cookie. A session ends when it is
revoked (signing out, "sign out everywhere", a disabled account), when it has not been
used for the idle timeout, or at its absolute expiry, whichever comes first.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

SESSION_COOKIE = "carveout_session"
"""The session cookie's name (``__Host-`` prefixed when served over HTTPS)."""
SECURE_SESSION_COOKIE = "__Host-carveout_session"
CSRF_HEADER = "x-csrf-token"
CSRF_FIELD = "csrf_token"
"""Where an unsafe request carries the session's CSRF token: this header or form field."""
TOUCH_EVERY = timedelta(seconds=60)
"""How stale ``last_seen`` may get before a request writes it again (writes are not free)."""


@dataclass(frozen=True, slots=True)
class NewSession:
    """A session as made: the cookie value (given to the browser only), its stored id and
    its CSRF token."""

    cookie: str
    id: str
    csrf: str


def new_session() -> NewSession:
    cookie = secrets.token_urlsafe(32)
    return NewSession(cookie=cookie, id=session_id(cookie), csrf=secrets.token_urlsafe(32))


def session_id(cookie: str) -> str:
    """The stored id of the session whose cookie holds ``cookie``: its SHA-256 in hex."""
    return hashlib.sha256(cookie.encode()).hexdigest()


def cookie_name(*, secure: bool) -> str:
    """The session cookie's name: ``__Host-`` prefixed (bound to this host, HTTPS only)
    when ``secure``."""
    return SECURE_SESSION_COOKIE if secure else SESSION_COOKIE


@dataclass(frozen=True, slots=True)
class Timeouts:
    """How long a session lasts unused (``idle``) and at most (``absolute``)."""

    idle: timedelta
    absolute: timedelta

    def expires(self, created: datetime) -> datetime:
        """When a session created at ``created`` ends, however busy."""
        return created + self.absolute

    def alive(self, *, last_seen: datetime, expires: datetime, now: datetime) -> bool:
        """Whether a session last used at ``last_seen`` and ending at ``expires`` is alive."""
        return now < expires and now - last_seen < self.idle

    def needs_touch(self, *, last_seen: datetime, now: datetime) -> bool:
        return now - last_seen >= min(TOUCH_EVERY, self.idle / 2)


def same_token(given: str | None, expected: str) -> bool:
    """Whether the CSRF token ``given`` is ``expected``, compared in constant time."""
    return given is not None and secrets.compare_digest(given.encode(), expected.encode())


__all__ = [
    "CSRF_FIELD",
    "CSRF_HEADER",
    "SESSION_COOKIE",
    "NewSession",
    "Timeouts",
    "cookie_name",
    "new_session",
    "same_token",
    "session_id",
]
