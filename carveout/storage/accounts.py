"""Accounts: who may sign in, their organisation and role, their password hash, and every
sign-in attempt (for throttling, lockout and the audit page).

SQLAlchemy Core on the store's engine, the same on SQLite and PostgreSQL. Sessions and
API tokens are in :mod:`carveout.storage.credentials`, single sign-on issuers in
:mod:`carveout.storage.providers`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, func, select, update
from sqlalchemy.exc import IntegrityError

from carveout.access.principal import PROGRAMME_OFFICE, Principal, Role, Scope
from carveout.errors import CarveoutError, NotFound
from carveout.storage import tables as t
from carveout.storage.access_tables import account, login_attempt, web_session

_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


@dataclass(frozen=True, slots=True)
class Account:
    """A person who may sign in (never their password or its hash)."""

    id: int
    email: str
    name: str
    organisation: str
    role: Role
    disabled: bool
    created: datetime
    last_login: datetime | None
    failed_logins: int
    locked_until: datetime | None
    has_password: bool

    def principal(
        self, *, via: str, scope: Scope = Scope.WRITE, session: str | None = None
    ) -> Principal:
        """The account acting: the audit trail records its e-mail address."""
        return Principal(
            name=self.email,
            organisation=self.organisation,
            role=self.role,
            user_id=self.id,
            scope=scope,
            via=via,
            session=session,
        )


def utc(value: datetime | None) -> datetime | None:
    """``value`` as an aware UTC time (SQLite gives back naive ones)."""
    if value is None:
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def now() -> datetime:
    return datetime.now(UTC)


def normalise_email(email: str) -> str:
    """``email`` trimmed and lower-cased, or :class:`CarveoutError` if it is not one."""
    cleaned = email.strip().lower()
    if len(cleaned) > 254 or not _EMAIL.fullmatch(cleaned):
        raise CarveoutError(f"{email!r} is not an e-mail address, e.g. ann@warks.police.uk.")
    return cleaned


def parse_role(value: str) -> Role:
    try:
        return Role(value.strip().lower())
    except ValueError:
        raise CarveoutError(
            f"There is no role {value!r}; use one of {', '.join(r.value for r in Role)}."
        ) from None


def organisations(engine: Engine) -> list[str]:
    """The organisations a user may belong to: the parties' codes and the programme office."""
    with engine.connect() as connection:
        codes = connection.execute(select(t.party.c.code).order_by(t.party.c.position))
        return [*codes.scalars(), PROGRAMME_OFFICE]


def check_organisation(engine: Engine, organisation: str) -> str:
    """``organisation`` if it is a stored party's code or the programme office."""
    known = organisations(engine)
    if organisation not in known:
        raise CarveoutError(
            f"There is no organisation {organisation!r}: a user belongs to a party of the "
            f"portfolio or to the programme office ({', '.join(known)})."
        )
    return organisation


def _account(row: Any) -> Account:
    created = utc(row.created)
    assert created is not None
    return Account(
        id=row.id,
        email=row.email,
        name=row.name,
        organisation=row.organisation,
        role=Role(row.role),
        disabled=bool(row.disabled),
        created=created,
        last_login=utc(row.last_login),
        failed_logins=row.failed_logins,
        locked_until=utc(row.locked_until),
        has_password=row.password_hash is not None,
    )


def create_account(
    engine: Engine,
    *,
    email: str,
    name: str,
    organisation: str,
    role: Role,
    password_hash: str | None,
) -> Account:
    """A new account; :class:`CarveoutError` if the e-mail address is taken or the
    organisation is not a party's or the programme office's."""
    email = normalise_email(email)
    check_organisation(engine, organisation)
    values = {
        "email": email,
        "name": name.strip() or email,
        "organisation": organisation,
        "role": role.value,
        "password_hash": password_hash,
        "created": now(),
    }
    try:
        with engine.begin() as connection:
            connection.execute(account.insert().values(**values))
    except IntegrityError:
        raise CarveoutError(f"There is already a user {email}.") from None
    return get_account(engine, email=email)


def find_account(engine: Engine, *, email: str) -> tuple[Account, str | None] | None:
    """The account with ``email`` and its password hash, for signing in (None if none)."""
    with engine.connect() as connection:
        row = connection.execute(
            select(account).where(account.c.email == email.strip().lower())
        ).first()
    return None if row is None else (_account(row), row.password_hash)


def get_account(engine: Engine, *, email: str) -> Account:
    """The account with ``email``; :class:`NotFound` naming it if there is none."""
    found = find_account(engine, email=email)
    if found is None:
        raise NotFound(f"There is no user {email}: `carveout users list` shows them.")
    return found[0]


def list_accounts(engine: Engine, *, organisation: str | None = None) -> list[Account]:
    """Every account (of one organisation if given), by organisation then e-mail."""
    query = select(account).order_by(account.c.organisation, account.c.email)
    if organisation is not None:
        query = query.where(account.c.organisation == organisation)
    with engine.connect() as connection:
        return [_account(row) for row in connection.execute(query)]


def _change(engine: Engine, email: str, **values: Any) -> Account:
    target = get_account(engine, email=email)
    with engine.begin() as connection:
        connection.execute(update(account).where(account.c.id == target.id).values(**values))
        if values.get("disabled") or "password_hash" in values:
            _revoke_all(connection, target.id)
    return get_account(engine, email=email)


def _revoke_all(connection: Any, account_id: int) -> None:
    """End every session of ``account_id`` (a disabled account's tokens stop working too:
    every look-up of a token checks its account)."""
    at = now()
    connection.execute(
        update(web_session)
        .where(web_session.c.account_id == account_id, web_session.c.revoked.is_(None))
        .values(revoked=at)
    )


def set_disabled(engine: Engine, *, email: str, disabled: bool = True) -> Account:
    """Disable (or enable again) an account: a disabled one's sessions end at once and its
    tokens stop working."""
    return _change(engine, email, disabled=disabled)


def set_role(engine: Engine, *, email: str, role: Role) -> Account:
    """Give an account another role; it applies from the user's next request."""
    return _change(engine, email, role=role.value)


def set_password(engine: Engine, *, email: str, password_hash: str | None) -> Account:
    """Replace an account's password hash; its sessions end and any lockout is lifted."""
    return _change(engine, email, password_hash=password_hash, failed_logins=0, locked_until=None)


def store_rehash(engine: Engine, *, account_id: int, password_hash: str) -> None:
    """Keep a stronger hash of the same password (made at sign-in); sessions go on."""
    with engine.begin() as connection:
        connection.execute(
            update(account).where(account.c.id == account_id).values(password_hash=password_hash)
        )


def record_attempt(
    engine: Engine,
    *,
    email: str,
    address: str,
    succeeded: bool,
    at: datetime,
    lock_after: int,
    lock_until: datetime,
) -> None:
    """Record a sign-in attempt; on the account (if there is one) count a failure, locking it
    until ``lock_until`` at the ``lock_after``-th in a row, or clear the count on success."""
    email = email.strip().lower()[:254]
    with engine.begin() as connection:
        connection.execute(
            login_attempt.insert().values(
                email=email, address=address[:64], at=at, succeeded=succeeded
            )
        )
        if succeeded:
            values: dict[str, Any] = {"failed_logins": 0, "locked_until": None, "last_login": at}
        else:
            failed = connection.execute(
                select(account.c.failed_logins).where(account.c.email == email)
            ).scalar_one_or_none()
            if failed is None:
                return
            values = {"failed_logins": failed + 1}
            if failed + 1 >= lock_after:
                values = {"failed_logins": 0, "locked_until": lock_until}
        connection.execute(update(account).where(account.c.email == email).values(**values))


def failures_from(engine: Engine, *, address: str, since: datetime) -> int:
    """Failed sign-ins from ``address`` since ``since``."""
    with engine.connect() as connection:
        return int(
            connection.execute(
                select(func.count())
                .select_from(login_attempt)
                .where(
                    login_attempt.c.address == address[:64],
                    login_attempt.c.at >= since,
                    login_attempt.c.succeeded.is_(False),
                )
            ).scalar_one()
        )


__all__ = [
    "Account",
    "check_organisation",
    "create_account",
    "failures_from",
    "find_account",
    "get_account",
    "list_accounts",
    "normalise_email",
    "organisations",
    "parse_role",
    "record_attempt",
    "set_disabled",
    "set_password",
    "set_role",
    "store_rehash",
    "utc",
]
