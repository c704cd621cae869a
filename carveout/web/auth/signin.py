"""Signing in with a password, throttled: every attempt is recorded; so many failures in a
row lock the account for a while, and so many from one address lock that address out.

A locked account says until when, whatever the password; an unknown address, a wrong
password and a disabled account all get the same answer, in the same time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from anyio import to_thread

from carveout.access.passwords import verify_password
from carveout.access.sessions import NewSession, new_session
from carveout.storage import accounts
from carveout.storage.accounts import Account
from carveout.storage.credentials import create_session
from carveout.web.auth.config import AuthConfig

WRONG = "That e-mail address and password do not match an enabled account."


@dataclass(frozen=True, slots=True)
class Outcome:
    """A sign-in: the session made (None when refused) and, when refused, why."""

    session: NewSession | None
    account: Account | None = None
    problem: str = ""


def _when(moment: datetime) -> str:
    return f"{moment:%H:%M} UTC"


def sign_in(auth: AuthConfig, *, email: str, password: str, address: str, agent: str) -> Outcome:
    """Check ``password`` for ``email`` from ``address`` and open a session if it matches."""
    engine, now = auth.engine, auth.now()
    email = email.strip().lower()[:254]
    settings = auth.settings
    since = now - auth.lock_time
    if accounts.failures_from(engine, address=address, since=since) >= (
        settings.login_address_failures
    ):
        return Outcome(
            None,
            problem=f"Too many failed sign-ins from this address: try again after "
            f"{_when(now + auth.lock_time)}.",
        )
    found = accounts.find_account(engine, email=email)
    user, stored = found if found is not None else (None, None)
    if user is not None and user.locked_until is not None and user.locked_until > now:
        _record(auth, email, address, succeeded=False, now=now)
        return Outcome(
            None,
            problem=f"This account is locked after too many failed sign-ins: try again after "
            f"{_when(user.locked_until)}, or ask the programme office to reset the password.",
        )
    matches, rehashed = verify_password(password, stored)
    if user is None or user.disabled or not matches:
        _record(auth, email, address, succeeded=False, now=now)
        return Outcome(None, problem=WRONG)
    if rehashed is not None:
        accounts.store_rehash(engine, account_id=user.id, password_hash=rehashed)
    _record(auth, email, address, succeeded=True, now=now)
    return Outcome(open_session(auth, user, agent=agent), account=user)


def _record(auth: AuthConfig, email: str, address: str, *, succeeded: bool, now: datetime) -> None:
    accounts.record_attempt(
        auth.engine,
        email=email,
        address=address,
        succeeded=succeeded,
        at=now,
        lock_after=auth.settings.login_account_failures,
        lock_until=now + auth.lock_time,
    )


def open_session(auth: AuthConfig, user: Account, *, agent: str) -> NewSession:
    """A new session for ``user`` (after a password or single sign-on)."""
    session = new_session()
    now = auth.now()
    create_session(
        auth.engine,
        account_id=user.id,
        session=session,
        at=now,
        expires=auth.timeouts.expires(now),
        user_agent=agent,
    )
    return session


async def sign_in_async(
    auth: AuthConfig, *, email: str, password: str, address: str, agent: str
) -> Outcome:
    """:func:`sign_in` on a worker thread: hashing takes a tenth of a second."""
    return await to_thread.run_sync(
        lambda: sign_in(auth, email=email, password=password, address=address, agent=agent)
    )


__all__ = ["WRONG", "Outcome", "open_session", "sign_in", "sign_in_async"]
