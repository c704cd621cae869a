"""Accounts, sessions, tokens and identity providers in the store, on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest

from carveout.access import PROGRAMME_OFFICE, Role
from carveout.access.principal import Scope
from carveout.access.sessions import Timeouts, new_session
from carveout.domain import Portfolio
from carveout.domain.changes import diff
from carveout.errors import CarveoutError, NotFound
from carveout.storage import Store, accounts, credentials, providers

NOW = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
TIMEOUTS = Timeouts(idle=timedelta(hours=1), absolute=timedelta(hours=12))
SECRET = b"s" * 48


@pytest.fixture
def parties(store: Store, small_portfolio: Callable[..., Portfolio]) -> Store:
    store.apply(diff(Portfolio(), small_portfolio()), actor="test")
    return store


def _ann(store: Store, **changes: object) -> accounts.Account:
    values: dict[str, object] = {
        "email": " Ann@War.Example ",
        "name": "Ann",
        "organisation": "WAR",
        "role": Role.EDITOR,
        "password_hash": "$argon2id$stub",
    }
    return accounts.create_account(store.engine, **{**values, **changes})  # type: ignore[arg-type]


def test_an_account_is_stored_with_its_address_in_lower_case(parties: Store) -> None:
    ann = _ann(parties)

    assert (ann.email, ann.organisation, ann.role, ann.has_password) == (
        "ann@war.example",
        "WAR",
        Role.EDITOR,
        True,
    )
    assert ann.created.tzinfo is not None and not ann.disabled
    assert accounts.list_accounts(parties.engine, organisation="WAR") == [ann]
    principal = ann.principal(via="session")
    assert (principal.name, principal.organisation, principal.user_id) == (
        "ann@war.example",
        "WAR",
        ann.id,
    )


def test_organisations_are_the_parties_and_the_programme_office(parties: Store) -> None:
    assert accounts.organisations(parties.engine) == [
        "WMP",
        "WAR",
        "WMID",
        "STAFF",
        PROGRAMME_OFFICE,
    ]
    with pytest.raises(CarveoutError, match="no organisation 'XX'"):
        _ann(parties, organisation="XX")


def test_a_session_signs_in_until_revoked_and_not_after(parties: Store) -> None:
    ann = _ann(parties)
    session = new_session()
    credentials.create_session(
        parties.engine,
        account_id=ann.id,
        session=session,
        at=NOW,
        expires=NOW + timedelta(hours=12),
    )

    found = credentials.session_user(
        parties.engine, session_id=session.id, at=NOW, timeouts=TIMEOUTS
    )
    assert found is not None and found.principal.name == ann.email and found.csrf == session.csrf
    assert found.principal.session == session.id and found.principal.via == "session"
    assert len(credentials.list_sessions(parties.engine, account_id=ann.id, at=NOW)) == 1

    credentials.revoke_session(parties.engine, session_id=session.id, at=NOW)
    assert (
        credentials.session_user(parties.engine, session_id=session.id, at=NOW, timeouts=TIMEOUTS)
        is None
    )


def test_a_used_session_records_when_it_was_last_seen(parties: Store) -> None:
    ann = _ann(parties)
    session = new_session()
    credentials.create_session(
        parties.engine,
        account_id=ann.id,
        session=session,
        at=NOW,
        expires=NOW + timedelta(hours=12),
    )
    later = NOW + timedelta(minutes=50)

    credentials.session_user(parties.engine, session_id=session.id, at=later, timeouts=TIMEOUTS)

    (listed,) = credentials.list_sessions(parties.engine, account_id=ann.id, at=later)
    assert listed.last_seen == later
    assert (
        credentials.session_user(
            parties.engine,
            session_id=session.id,
            at=later + timedelta(minutes=59),
            timeouts=TIMEOUTS,
        )
        is not None
    )


def test_a_new_password_or_disabling_ends_every_session(parties: Store) -> None:
    ann = _ann(parties)
    sessions = [new_session(), new_session()]
    for s in sessions:
        credentials.create_session(
            parties.engine, account_id=ann.id, session=s, at=NOW, expires=NOW + timedelta(hours=1)
        )

    accounts.set_password(parties.engine, email=ann.email, password_hash="$argon2id$new")

    assert all(
        credentials.session_user(parties.engine, session_id=s.id, at=NOW, timeouts=TIMEOUTS) is None
        for s in sessions
    )


def test_a_token_acts_for_its_user_with_its_scope_until_revoked(parties: Store) -> None:
    from carveout.access.tokens import token_digest

    ann = _ann(parties)
    value, made = credentials.issue_token(
        parties.engine,
        account_id=ann.id,
        name="sync",
        scope=Scope.READ,
        secret=SECRET,
        at=NOW,
        expires=NOW + timedelta(days=30),
    )
    digest = token_digest(value, SECRET)

    acting = credentials.token_user(parties.engine, digest=digest, at=NOW)
    assert acting is not None and acting.scope is Scope.READ and acting.via == "token"
    assert not acting.writes
    assert credentials.list_tokens(parties.engine)[0].last_used == NOW
    assert (
        credentials.token_user(parties.engine, digest=digest, at=NOW + timedelta(days=31)) is None
    )
    accounts.set_disabled(parties.engine, email=ann.email)
    assert credentials.token_user(parties.engine, digest=digest, at=NOW) is None
    accounts.set_disabled(parties.engine, email=ann.email, disabled=False)
    credentials.revoke_token(parties.engine, prefix=made.prefix, at=NOW)
    assert credentials.token_user(parties.engine, digest=digest, at=NOW) is None
    assert credentials.list_tokens(parties.engine)[0].state(NOW) == "revoked"
    with pytest.raises(NotFound):
        credentials.revoke_token(parties.engine, prefix="ffffffff", at=NOW)


def test_failed_sign_ins_lock_the_account_and_a_success_clears_the_count(parties: Store) -> None:
    ann = _ann(parties)
    lock_until = NOW + timedelta(minutes=15)
    for _ in range(2):
        accounts.record_attempt(
            parties.engine,
            email=ann.email,
            address="10.0.0.1",
            succeeded=False,
            at=NOW,
            lock_after=3,
            lock_until=lock_until,
        )
    assert accounts.get_account(parties.engine, email=ann.email).failed_logins == 2
    accounts.record_attempt(
        parties.engine,
        email=ann.email,
        address="10.0.0.1",
        succeeded=False,
        at=NOW,
        lock_after=3,
        lock_until=lock_until,
    )

    locked = accounts.get_account(parties.engine, email=ann.email)
    assert locked.locked_until == lock_until and locked.failed_logins == 0
    assert accounts.failures_from(parties.engine, address="10.0.0.1", since=NOW) == 3
    accounts.record_attempt(
        parties.engine,
        email=ann.email,
        address="10.0.0.1",
        succeeded=True,
        at=NOW,
        lock_after=3,
        lock_until=lock_until,
    )
    cleared = accounts.get_account(parties.engine, email=ann.email)
    assert cleared.locked_until is None and cleared.last_login == NOW


def test_an_identity_provider_is_kept_per_organisation(parties: Store) -> None:
    made = providers.add_provider(
        parties.engine,
        organisation="WAR",
        issuer="https://login.example/t/v2.0/",
        client_id="c",
        client_secret="s",
        email_domains=["@War.Example"],
        role=Role.FINANCE,
    )

    assert made.issuer == "https://login.example/t/v2.0"
    assert made.email_domains == ("war.example",) and made.role is Role.FINANCE
    assert made.admits("Someone@war.example") and not made.admits("x@war.example.evil")
    assert providers.list_providers(parties.engine) == [made]
    providers.remove_provider(parties.engine, organisation="WAR")
    assert providers.find_provider(parties.engine, organisation="WAR") is None
