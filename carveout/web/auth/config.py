"""What sign-in needs, built once per app from the settings: the accounts' engine, the
timeouts, the throttling limits, cookie security and the server secret (read lazily)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Engine

from carveout.access.sessions import Timeouts
from carveout.access.tokens import server_secret
from carveout.config import Settings


def _utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass
class AuthConfig:
    """Sign-in settings of one app (kept on ``WebContext.auth``).

    ``sso_transport`` replaces the HTTP transport single sign-on talks to issuers with
    (tests pass a stub issuer); ``clock`` gives the time (tests move it on).
    """

    engine: Engine
    settings: Settings
    database_url: str
    timeouts: Timeouts
    https: bool
    sso_transport: Any | None = None
    clock: Callable[[], datetime] = _utc_now
    _secret: bytes | None = field(default=None, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @classmethod
    def build(
        cls, *, engine: Engine, settings: Settings, database_url: str, sso_transport: Any = None
    ) -> AuthConfig:
        return cls(
            engine=engine,
            settings=settings,
            database_url=database_url,
            timeouts=Timeouts(
                idle=timedelta(minutes=settings.session_idle_minutes),
                absolute=timedelta(hours=settings.session_hours),
            ),
            https=settings.https,
            sso_transport=sso_transport,
        )

    @property
    def secret(self) -> bytes:
        """The server secret (CARVEOUT_SECRET_KEY, else the file beside the database)."""
        with self._lock:
            if self._secret is None:
                self._secret = server_secret(self.settings, self.database_url)
            return self._secret

    @property
    def lock_time(self) -> timedelta:
        return timedelta(minutes=self.settings.login_lock_minutes)

    def now(self) -> datetime:
        return self.clock()
