"""Sessions and API tokens: made, looked up on every request, listed and revoked.

Only hashes are stored: a session's id is the SHA-256 of its cookie, a token's
``secret_hash`` the HMAC of its value (see :mod:`carveout.access.sessions` and
:mod:`carveout.access.tokens`). A look-up checks the account too, so a disabled
account's sessions and tokens stop working at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, select, update

from carveout.access.principal import Principal, Scope
from carveout.access.sessions import NewSession, Timeouts
from carveout.access.tokens import TOKEN_PREFIX, new_token
from carveout.errors import NotFound
from carveout.storage.access_tables import account, api_token, web_session
from carveout.storage.accounts import _account, utc


@dataclass(frozen=True, slots=True)
class SignedIn:
    """A live session: who it is and the CSRF token every unsafe request must carry."""

    principal: Principal
    csrf: str
    expires: datetime


@dataclass(frozen=True, slots=True)
class SessionInfo:
    """One of a user's sessions, as the account page lists them (never its cookie)."""

    id: str
    created: datetime
    last_seen: datetime
    expires: datetime
    user_agent: str


@dataclass(frozen=True, slots=True)
class TokenInfo:
    """An API token as listed (never its value or hash)."""

    id: int
    email: str
    name: str
    prefix: str
    scope: Scope
    created: datetime
    expires: datetime
    last_used: datetime | None
    revoked: datetime | None

    def state(self, now: datetime) -> str:
        if self.revoked is not None:
            return "revoked"
        return "expired" if self.expires <= now else "active"


def _aware(value: datetime | None) -> datetime:
    aware = utc(value)
    assert aware is not None
    return aware


def create_session(
    engine: Engine,
    *,
    account_id: int,
    session: NewSession,
    at: datetime,
    expires: datetime,
    user_agent: str = "",
) -> None:
    with engine.begin() as connection:
        connection.execute(
            web_session.insert().values(
                id=session.id,
                account_id=account_id,
                created=at,
                last_seen=at,
                expires=expires,
                csrf=session.csrf,
                user_agent=user_agent[:300],
            )
        )


def session_user(
    engine: Engine, *, session_id: str, at: datetime, timeouts: Timeouts
) -> SignedIn | None:
    """Who the session ``session_id`` signs in, if it is alive and its account enabled;
    notes that it was used (at most once a minute, since writing is not free)."""
    query = (
        select(web_session, account)
        .join(account, account.c.id == web_session.c.account_id)
        .where(web_session.c.id == session_id, web_session.c.revoked.is_(None))
    )
    with engine.connect() as connection:
        row = connection.execute(query).first()
    if row is None or row.disabled:
        return None
    last_seen, expires = _aware(row.last_seen), _aware(row.expires)
    if not timeouts.alive(last_seen=last_seen, expires=expires, now=at):
        return None
    if timeouts.needs_touch(last_seen=last_seen, now=at):
        with engine.begin() as connection:
            connection.execute(
                update(web_session).where(web_session.c.id == session_id).values(last_seen=at)
            )
    user = _account(_AccountRow(row))
    return SignedIn(
        principal=user.principal(via="session", session=session_id),
        csrf=row.csrf,
        expires=expires,
    )


class _AccountRow:
    """The account's columns of a joined row (its ``id`` and ``created`` are the account's)."""

    def __init__(self, row: Any) -> None:
        self._row = row

    def __getattr__(self, name: str) -> Any:
        return self._row._mapping[account.c[name]]


def revoke_session(engine: Engine, *, session_id: str, at: datetime) -> None:
    with engine.begin() as connection:
        connection.execute(
            update(web_session)
            .where(web_session.c.id == session_id, web_session.c.revoked.is_(None))
            .values(revoked=at)
        )


def revoke_sessions(engine: Engine, *, account_id: int, at: datetime) -> int:
    """End every session of the account ("sign out everywhere"); how many were alive."""
    with engine.begin() as connection:
        done = connection.execute(
            update(web_session)
            .where(web_session.c.account_id == account_id, web_session.c.revoked.is_(None))
            .values(revoked=at)
        )
    return int(done.rowcount)


def revoke_every_session(engine: Engine, *, at: datetime) -> int:
    """End every user's sessions; how many were alive."""
    with engine.begin() as connection:
        done = connection.execute(
            update(web_session).where(web_session.c.revoked.is_(None)).values(revoked=at)
        )
    return int(done.rowcount)


def list_sessions(engine: Engine, *, account_id: int, at: datetime) -> list[SessionInfo]:
    """The account's sessions not revoked nor past their absolute expiry, newest first."""
    query = (
        select(web_session)
        .where(
            web_session.c.account_id == account_id,
            web_session.c.revoked.is_(None),
            web_session.c.expires > at,
        )
        .order_by(web_session.c.last_seen.desc())
    )
    with engine.connect() as connection:
        return [
            SessionInfo(
                id=row.id,
                created=_aware(row.created),
                last_seen=_aware(row.last_seen),
                expires=_aware(row.expires),
                user_agent=row.user_agent,
            )
            for row in connection.execute(query)
        ]


def issue_token(
    engine: Engine,
    *,
    account_id: int,
    name: str,
    scope: Scope,
    secret: bytes,
    at: datetime,
    expires: datetime,
) -> tuple[str, TokenInfo]:
    """A new API token for the account: its value (to show once, never stored) and how it
    is listed. Its prefix is unique, so ``carveout tokens revoke PREFIX`` names one token."""
    taken = {t.prefix for t in list_tokens(engine)}
    token = new_token(secret)
    while token.prefix in taken:
        token = new_token(secret)
    with engine.begin() as connection:
        connection.execute(
            api_token.insert().values(
                account_id=account_id,
                name=name,
                prefix=token.prefix,
                secret_hash=token.digest,
                scope=scope.value,
                created=at,
                expires=expires,
            )
        )
    return token.value, _token_by_prefix(engine, token.prefix)


def _token_by_prefix(engine: Engine, prefix: str) -> TokenInfo:
    found = [t for t in list_tokens(engine) if t.prefix == prefix]
    if not found:
        raise NotFound(f"There is no token {prefix}: `carveout tokens list` shows them.")
    return found[0]


def token_user(engine: Engine, *, digest: str, at: datetime) -> Principal | None:
    """Who the token with HMAC ``digest`` acts for, if it is live and its account enabled;
    notes when it was last used (at most once a minute)."""
    query = (
        select(api_token.c.id.label("token_id"), api_token.c.scope, api_token.c.expires)
        .add_columns(api_token.c.last_used, account)
        .join(account, account.c.id == api_token.c.account_id)
        .where(api_token.c.secret_hash == digest, api_token.c.revoked.is_(None))
    )
    with engine.connect() as connection:
        row = connection.execute(query).first()
    if row is None or row.disabled or _aware(row.expires) <= at:
        return None
    used = utc(row.last_used)
    if used is None or (at - used).total_seconds() >= 60:
        with engine.begin() as connection:
            connection.execute(
                update(api_token).where(api_token.c.id == row.token_id).values(last_used=at)
            )
    return _account(row).principal(via="token", scope=Scope(row.scope))


def list_tokens(engine: Engine, *, account_id: int | None = None) -> list[TokenInfo]:
    """API tokens (of one account if given), newest first."""
    query = (
        select(api_token, account.c.email)
        .join(account, account.c.id == api_token.c.account_id)
        .order_by(api_token.c.created.desc(), api_token.c.id.desc())
    )
    if account_id is not None:
        query = query.where(api_token.c.account_id == account_id)
    with engine.connect() as connection:
        return [
            TokenInfo(
                id=row.id,
                email=row.email,
                name=row.name,
                prefix=row.prefix,
                scope=Scope(row.scope),
                created=_aware(row.created),
                expires=_aware(row.expires),
                last_used=utc(row.last_used),
                revoked=utc(row.revoked),
            )
            for row in connection.execute(query)
        ]


def revoke_token(engine: Engine, *, prefix: str, at: datetime) -> TokenInfo:
    """Revoke the token whose prefix is ``prefix`` (at once: its next request is refused);
    :class:`NotFound` if there is none."""
    prefix = prefix.removeprefix(TOKEN_PREFIX).split("_")[0]
    _token_by_prefix(engine, prefix)
    with engine.begin() as connection:
        connection.execute(
            update(api_token)
            .where(api_token.c.prefix == prefix, api_token.c.revoked.is_(None))
            .values(revoked=at)
        )
    return _token_by_prefix(engine, prefix)


__all__ = [
    "SessionInfo",
    "SignedIn",
    "TokenInfo",
    "create_session",
    "issue_token",
    "list_sessions",
    "list_tokens",
    "revoke_every_session",
    "revoke_session",
    "revoke_sessions",
    "revoke_token",
    "session_user",
    "token_user",
]
