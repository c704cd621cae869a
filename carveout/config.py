"""Settings, read once from the environment (``CARVEOUT_*``)."""

from __future__ import annotations

import getpass
import os
from functools import lru_cache
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

LOCAL_HOSTS = "localhost,127.0.0.1,::1"
"""The host names the dashboard answers by default: only this machine's own."""


def cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


class Settings(BaseSettings):
    """Everything carveout reads from the environment.

    ``CARVEOUT_DATABASE_URL`` selects the store: a SQLite file in the working
    directory by default, or e.g. ``postgresql+psycopg://localhost/carveout``.

    Sign-in and the browser (see docs/security.md):

    - ``CARVEOUT_SECRET_KEY``: the server secret API tokens are hashed with (HMAC-SHA256)
      and sign-in by single sign-on is signed with; without it, a file readable only by
      its owner is created beside a SQLite database on first use (PostgreSQL needs it set).
    - ``CARVEOUT_ALLOWED_HOSTS``: the host names the dashboard answers, comma-separated
      (``*.example.org`` matches any subdomain, ``*`` any host); default: this machine's.
    - ``CARVEOUT_HTTPS``: the dashboard is reached over HTTPS (e.g. behind a proxy): cookies
      are ``Secure`` and browsers are told to keep to HTTPS.
    - ``CARVEOUT_SESSION_IDLE_MINUTES``, ``CARVEOUT_SESSION_HOURS``: a session ends after this
      long unused, and this long after sign-in whatever happens.
    - ``CARVEOUT_LOGIN_ACCOUNT_FAILURES``, ``CARVEOUT_LOGIN_ADDRESS_FAILURES``,
      ``CARVEOUT_LOGIN_LOCK_MINUTES``: so many failed sign-ins to one account (or from one
      address) within the lock time lock it (or the address) for the lock time.
    - ``CARVEOUT_TOKEN_DAYS``: how long a new API token lasts unless told.

    Limits (see docs/web.md):

    - ``CARVEOUT_MAX_UPLOAD_BYTES``: the largest workbook an upload may be (request bodies
      are refused with 413 as soon as they pass it, while they arrive).
    - ``CARVEOUT_IMPORT_CONCURRENCY``: how many uploaded workbooks a server process reads at
      once (default 1); later uploads wait their turn.
    - ``CARVEOUT_JOB_CONCURRENCY``: how many plan, risk and sweep runs a server process runs
      at once (default: one per core); later runs wait in the queue.
    """

    model_config = SettingsConfigDict(env_prefix="CARVEOUT_")

    database_url: str = f"sqlite:///{Path.cwd() / 'carveout.db'}"
    actor: str = ""
    output_dir: Path = Path("carveout-output")
    max_upload_bytes: int = Field(default=50 * 1024 * 1024, ge=1024)
    import_concurrency: int = Field(default=1, ge=1)
    job_concurrency: int = Field(default_factory=cores, ge=1)

    secret_key: str = Field(default="", repr=False)
    allowed_hosts: str = LOCAL_HOSTS
    https: bool = False
    session_idle_minutes: int = Field(default=60, ge=1)
    session_hours: int = Field(default=12, ge=1)
    login_account_failures: int = Field(default=5, ge=1)
    login_address_failures: int = Field(default=20, ge=1)
    login_lock_minutes: int = Field(default=15, ge=1)
    token_days: int = Field(default=90, ge=1)

    @property
    def operator(self) -> str:
        """Who the audit trail names for changes made from this process."""
        return self.actor or getpass.getuser()

    @property
    def hosts(self) -> tuple[str, ...]:
        """:attr:`allowed_hosts` as a tuple of lower-case names."""
        return tuple(h.strip().lower() for h in self.allowed_hosts.split(",") if h.strip())

    @property
    def local_only(self) -> bool:
        """Whether the dashboard answers only this machine's own names."""
        return set(self.hosts) <= set(LOCAL_HOSTS.split(","))


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
