"""API tokens and the server secret they are hashed with.

A token is ``carveout_<prefix>_<secret>``: the prefix (shown by ``carveout tokens list``)
tells tokens apart, the secret is 256 random bits. The database keeps only
HMAC-SHA256(server secret, token): a copy of the database alone cannot be used to
sign in, nor to check guesses offline.

The server secret is ``CARVEOUT_SECRET_KEY``; without it, a file readable only by its
owner is created beside a SQLite database on first use (``carveout.db.secret``).
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import make_url

from carveout.config import Settings
from carveout.errors import CarveoutError

TOKEN_PREFIX = "carveout_"
PREFIX_LENGTH = 8
SECRET_BYTES = 32


@dataclass(frozen=True, slots=True)
class NewToken:
    """A token as made: the value to show once, its prefix and the hash to store."""

    value: str
    prefix: str
    digest: str


def new_token(secret: bytes) -> NewToken:
    """A new random token, keyed with the server ``secret``."""
    prefix = secrets.token_hex(PREFIX_LENGTH // 2)
    value = f"{TOKEN_PREFIX}{prefix}_{secrets.token_urlsafe(SECRET_BYTES)}"
    return NewToken(value=value, prefix=prefix, digest=token_digest(value, secret))


def token_digest(value: str, secret: bytes) -> str:
    """HMAC-SHA256 of ``value`` with the server ``secret``, in hex: what is stored."""
    return hmac.new(secret, value.encode(), hashlib.sha256).hexdigest()


def looks_like_token(value: str) -> bool:
    """Whether ``value`` has the shape of a carveout token (cheap, before any look-up)."""
    return value.startswith(TOKEN_PREFIX) and 40 <= len(value) <= 100


def secret_file(database_url: str) -> Path | None:
    """Where the server secret is kept beside a SQLite database (None for PostgreSQL)."""
    url = make_url(database_url)
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return None
    return Path(f"{url.database}.secret")


def server_secret(settings: Settings, database_url: str | None = None) -> bytes:
    """The server secret: ``CARVEOUT_SECRET_KEY``, else the file beside a SQLite database
    (created, readable only by its owner, on first use).

    Raises :class:`CarveoutError` for a PostgreSQL database without the setting.
    """
    if settings.secret_key:
        if len(settings.secret_key) < 32:
            raise CarveoutError(
                "CARVEOUT_SECRET_KEY is too short: use at least 32 random characters, e.g. "
                'the output of python -c "import secrets; print(secrets.token_urlsafe(48))".'
            )
        return settings.secret_key.encode()
    path = secret_file(database_url or settings.database_url)
    if path is None:
        raise CarveoutError(
            "Set CARVEOUT_SECRET_KEY (at least 32 random characters) to use API tokens and "
            "single sign-on with this database; the dashboard and every command need the same."
        )
    return _secret_in(path)


def _secret_in(path: Path) -> bytes:
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        # Written whole to a private file, then linked into place: a process starting at the
        # same moment either wins the link or reads the winner's secret, never half of one.
        draft = path.with_name(f".{path.name}.{secrets.token_hex(4)}")
        descriptor = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as file:
            file.write(secrets.token_urlsafe(48).encode() + b"\n")
        try:
            os.link(draft, path)
        except FileExistsError:
            pass
        finally:
            draft.unlink()
    return path.read_bytes().strip()


__all__ = [
    "NewToken",
    "looks_like_token",
    "new_token",
    "secret_file",
    "server_secret",
    "token_digest",
]
