"""``carveout tokens`` and ``carveout sso``: API tokens and single sign-on issuers."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from carveout.cli import app, console, load_commands
from carveout.domain import Portfolio
from carveout.domain.changes import diff
from carveout.storage import open_store
from carveout.storage.credentials import list_tokens

runner = CliRunner()
ANN = "ann@war.example"


@pytest.fixture(autouse=True)
def _commands(monkeypatch: pytest.MonkeyPatch) -> None:
    load_commands()
    monkeypatch.setattr(console, "width", 200)
    monkeypatch.setenv("CARVEOUT_SECRET_KEY", "k" * 48)


@pytest.fixture
def ann(carveout_env: str, small_portfolio: Callable[..., Portfolio]) -> str:
    with open_store(carveout_env) as store:
        store.apply(diff(Portfolio(), small_portfolio()), actor="test")
    assert runner.invoke(app, ["users", "add", ANN, "--organisation", "WAR"]).exit_code == 0
    return carveout_env


def _token(output: str) -> str:
    return next(w for w in output.split() if w.startswith("carveout_"))


def test_a_token_is_printed_once_and_stored_only_as_a_keyed_hash(ann: str) -> None:
    result = runner.invoke(app, ["tokens", "create", ANN, "--name", "reporting"])

    assert result.exit_code == 0, result.output
    token = _token(result.output)
    assert "shown only this once" in result.output and "(read, expires" in result.output
    with open_store(ann) as store, store.engine.connect() as connection:
        stored = connection.exec_driver_sql("SELECT prefix, secret_hash FROM api_token").one()
    assert token.startswith(f"carveout_{stored[0]}_") and token not in stored[1]
    assert len(stored[1]) == 64


def test_list_shows_tokens_without_their_values_and_revoke_ends_one(ann: str) -> None:
    made = runner.invoke(
        app, ["tokens", "create", ANN, "--name", "sync", "--scope", "write", "--days", "7"]
    )
    token = _token(made.output)
    prefix = token.split("_")[1]

    listed = runner.invoke(app, ["tokens", "list", ANN])
    revoked = runner.invoke(app, ["tokens", "revoke", prefix])
    after = runner.invoke(app, ["tokens", "list"])

    assert token not in listed.output
    line = next(line for line in listed.output.splitlines() if prefix in line)
    assert "sync" in line and "write" in line and "never" in line and "active" in line
    assert revoked.exit_code == 0 and "revoked" in revoked.output
    assert "revoked" in next(line for line in after.output.splitlines() if prefix in line)


def test_a_scope_other_than_read_or_write_is_a_usage_error(ann: str) -> None:
    result = runner.invoke(app, ["tokens", "create", ANN, "--name", "x", "--scope", "admin"])

    assert result.exit_code == 2 and "--scope" in result.output


def test_revoking_a_token_that_does_not_exist_says_how_to_find_it(ann: str) -> None:
    result = runner.invoke(app, ["tokens", "revoke", "deadbeef"])

    assert "no token deadbeef" in str(result.exception)


def test_a_token_for_a_disabled_user_is_refused(ann: str) -> None:
    runner.invoke(app, ["users", "disable", ANN])

    result = runner.invoke(app, ["tokens", "create", ANN, "--name", "x"])

    assert "disabled" in str(result.exception)
    with open_store(ann) as store:
        assert list_tokens(store.engine) == []


def test_without_a_secret_key_a_private_secret_file_is_made_beside_a_sqlite_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, small_portfolio: Callable[..., Portfolio]
) -> None:
    from carveout.config import get_settings

    url = f"sqlite:///{tmp_path / 'c.db'}"
    monkeypatch.setenv("CARVEOUT_DATABASE_URL", url)
    monkeypatch.delenv("CARVEOUT_SECRET_KEY")
    get_settings.cache_clear()
    with open_store(url) as store:
        store.apply(diff(Portfolio(), small_portfolio()), actor="test")
    runner.invoke(app, ["users", "add", ANN, "--organisation", "WAR"])

    result = runner.invoke(app, ["tokens", "create", ANN, "--name", "x"])

    get_settings.cache_clear()
    assert result.exit_code == 0, result.output
    secret = tmp_path / "c.db.secret"
    assert stat.S_IMODE(os.stat(secret).st_mode) == 0o600
    assert len(secret.read_bytes().strip()) >= 48


def test_an_organisation_gets_a_single_sign_on_issuer_listed_and_removed(ann: str) -> None:
    added = runner.invoke(
        app,
        [
            "sso",
            "add",
            "WAR",
            "--issuer",
            "https://login.example/tenant/v2.0",
            "--client-id",
            "client-1",
            "--domain",
            "war.example",
            "--email",
            "Guest@Partner.example",
            "--role",
            "viewer",
        ],
        input="s3cret\n",
    )
    listed = runner.invoke(app, ["sso", "list"])
    removed = runner.invoke(app, ["sso", "remove", "WAR"])
    after = runner.invoke(app, ["sso", "list"])

    assert added.exit_code == 0, added.output
    assert "/login/sso/WAR/callback" in added.output
    assert "s3cret" not in listed.output
    assert "war.example" in listed.output and "guest@partner.example" in listed.output
    assert removed.exit_code == 0 and "No single sign-on issuers" in after.output


def test_an_issuer_must_say_whom_it_signs_in_and_be_https(ann: str) -> None:
    nobody = runner.invoke(
        app,
        [
            "sso",
            "add",
            "WAR",
            "--issuer",
            "https://login.example",
            "--client-id",
            "c",
            "--client-secret",
            "s",
        ],
    )
    plain = runner.invoke(
        app,
        [
            "sso",
            "add",
            "WAR",
            "--issuer",
            "http://login.example",
            "--client-id",
            "c",
            "--client-secret",
            "s",
            "--domain",
            "war.example",
        ],
    )

    assert "Say whom the issuer may sign in" in str(nobody.exception)
    assert "must be an https:// URL" in str(plain.exception)


def test_every_tokens_and_sso_command_has_help_with_an_example() -> None:
    for group, names in (
        ("tokens", ("create", "list", "revoke")),
        ("sso", ("add", "list", "remove")),
    ):
        for name in names:
            result = runner.invoke(app, [group, name, "--help"])
            assert result.exit_code == 0 and f"Example: carveout {group}" in result.output, name
