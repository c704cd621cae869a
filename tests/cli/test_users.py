"""``carveout users``: adding, listing, disabling users, resetting passwords, changing roles."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from typer.testing import CliRunner

from carveout.access import Role
from carveout.access.passwords import verify_password
from carveout.cli import app, console, load_commands
from carveout.cli.users import ROLES
from carveout.domain import Portfolio
from carveout.domain.changes import diff
from carveout.storage import accounts, open_store

runner = CliRunner()
ANN = "ann@war.example"


@pytest.fixture(autouse=True)
def _commands(monkeypatch: pytest.MonkeyPatch) -> None:
    load_commands()
    monkeypatch.setattr(console, "width", 200)


@pytest.fixture
def parties(carveout_env: str, small_portfolio: Callable[..., Portfolio]) -> str:
    with open_store(carveout_env) as store:
        store.apply(diff(Portfolio(), small_portfolio()), actor="test")
    return carveout_env


def _password(output: str) -> str:
    return output.split(f"Password for {ANN}: ", 1)[1].split()[0]


def _stored_hash(url: str, email: str) -> str | None:
    with open_store(url) as store:
        found = accounts.find_account(store.engine, email=email)
    assert found is not None
    return found[1]


def test_the_roles_the_help_names_are_the_access_roles() -> None:
    assert tuple(r.value for r in Role) == ROLES


def test_adding_a_user_prints_a_generated_password_once_and_stores_only_its_hash(
    parties: str,
) -> None:
    result = runner.invoke(
        app, ["users", "add", ANN, "--organisation", "WAR", "--role", "editor", "--name", "Ann"]
    )

    assert result.exit_code == 0, result.output
    password = _password(result.output)
    assert len(password) == 20 and "shown only this once" in result.output
    stored = _stored_hash(parties, ANN)
    assert stored is not None and stored.startswith("$argon2id$") and password not in stored
    assert verify_password(password, stored)[0]


def test_a_typed_password_is_asked_for_hidden_and_checked(parties: str) -> None:
    weak = runner.invoke(
        app, ["users", "add", ANN, "--organisation", "WAR", "--prompt"], input="short\nshort\n"
    )
    typed = "a long enough passphrase"
    good = runner.invoke(
        app,
        ["users", "add", ANN, "--organisation", "WAR", "--prompt"],
        input=f"{typed}\n{typed}\n",
    )

    assert weak.exit_code == 1 and "at least 12 characters" in str(weak.exception)
    assert good.exit_code == 0, good.output
    assert "Password for" not in good.output and typed not in good.output
    assert verify_password(typed, _stored_hash(parties, ANN))[0]


def test_a_user_of_an_organisation_that_is_not_a_party_is_refused(parties: str) -> None:
    result = runner.invoke(app, ["users", "add", ANN, "--organisation", "NOPE"])

    assert result.exit_code == 1
    assert "no organisation 'NOPE'" in str(result.exception)
    assert "programme-office" in str(result.exception)


def test_a_user_of_the_programme_office_may_be_added(parties: str) -> None:
    result = runner.invoke(
        app,
        [
            "users",
            "add",
            "pmo@office.example",
            "--organisation",
            "programme-office",
            "--role",
            "admin",
        ],
    )

    assert result.exit_code == 0, result.output


def test_an_address_taken_or_malformed_is_refused(parties: str) -> None:
    runner.invoke(app, ["users", "add", ANN, "--organisation", "WAR"])

    again = runner.invoke(app, ["users", "add", ANN.upper(), "--organisation", "WAR"])
    malformed = runner.invoke(app, ["users", "add", "not-an-address", "--organisation", "WAR"])

    assert "already a user" in str(again.exception)
    assert "not an e-mail address" in str(malformed.exception)


def test_an_unknown_role_names_the_roles(parties: str) -> None:
    result = runner.invoke(app, ["users", "add", ANN, "--organisation", "WAR", "--role", "boss"])

    assert "no role 'boss'" in str(result.exception) and "auditor" in str(result.exception)


def test_list_shows_organisation_role_state_and_last_sign_in(parties: str) -> None:
    runner.invoke(app, ["users", "add", ANN, "--organisation", "WAR", "--role", "finance"])
    runner.invoke(app, ["users", "disable", ANN])

    result = runner.invoke(app, ["users", "list"])

    assert result.exit_code == 0, result.output
    line = next(line for line in result.output.splitlines() if ANN in line)
    assert "WAR" in line and "finance" in line and "disabled" in line and "never" in line


def test_disable_and_enable_again(parties: str) -> None:
    runner.invoke(app, ["users", "add", ANN, "--organisation", "WAR"])

    off = runner.invoke(app, ["users", "disable", ANN])
    on = runner.invoke(app, ["users", "disable", ANN, "--enable"])

    assert "disabled" in off.output and "enabled again" in on.output
    with open_store(parties) as store:
        assert not accounts.get_account(store.engine, email=ANN).disabled


def test_reset_password_prints_a_new_one_and_the_old_one_stops_working(parties: str) -> None:
    first = _password(runner.invoke(app, ["users", "add", ANN, "--organisation", "WAR"]).output)

    result = runner.invoke(app, ["users", "reset-password", ANN])

    assert result.exit_code == 0, result.output
    second = _password(result.output)
    stored = _stored_hash(parties, ANN)
    assert verify_password(second, stored)[0] and not verify_password(first, stored)[0]


def test_role_changes_the_role(parties: str) -> None:
    runner.invoke(app, ["users", "add", ANN, "--organisation", "WAR"])

    result = runner.invoke(app, ["users", "role", ANN, "auditor"])

    assert result.exit_code == 0 and "now auditor of WAR" in result.output


def test_changing_a_user_who_does_not_exist_says_how_to_find_them(parties: str) -> None:
    result = runner.invoke(app, ["users", "role", "ghost@war.example", "viewer"])

    assert "no user ghost@war.example" in str(result.exception)
    assert "carveout users list" in str(result.exception)


def test_sign_out_ends_one_users_sessions_or_everyones(parties: str) -> None:
    from datetime import timedelta

    from carveout.access.sessions import new_session
    from carveout.storage.credentials import create_session, list_sessions

    runner.invoke(app, ["users", "add", ANN, "--organisation", "WAR"])
    with open_store(parties) as store:
        user = accounts.get_account(store.engine, email=ANN)
        at = accounts.now()
        for _ in range(2):
            create_session(
                store.engine,
                account_id=user.id,
                session=new_session(),
                at=at,
                expires=at + timedelta(hours=1),
            )

    one = runner.invoke(app, ["users", "sign-out", ANN])
    neither = runner.invoke(app, ["users", "sign-out"])
    everyone = runner.invoke(app, ["users", "sign-out", "--all"])

    assert one.exit_code == 0 and "Ended 2 session(s) of ann@war.example" in one.output
    assert "Name one user" in str(neither.exception)
    assert "Ended 0 session(s) of every user" in everyone.output
    with open_store(parties) as store:
        assert list_sessions(store.engine, account_id=user.id, at=accounts.now()) == []


def test_every_users_command_has_help_with_an_example() -> None:
    for name in ("add", "list", "disable", "reset-password", "role", "sign-out"):
        result = runner.invoke(app, ["users", name, "--help"])
        assert result.exit_code == 0 and "Example: carveout users" in result.output, name
