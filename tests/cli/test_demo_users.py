"""``carveout demo`` creates a user for each role of each party and of the programme office."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from typer.testing import CliRunner

from carveout.access.passwords import verify_password
from carveout.cli import app, console, load_commands
from carveout.cli.demo_users import users_file
from carveout.storage import accounts, open_store

runner = CliRunner()


@pytest.fixture(autouse=True)
def _commands(monkeypatch: pytest.MonkeyPatch) -> None:
    load_commands()
    monkeypatch.setattr(console, "width", 200)


def test_the_demo_prints_each_users_password_once_and_keeps_them_in_a_private_file(
    tmp_path: Path,
) -> None:
    database = tmp_path / "demo.db"

    result = runner.invoke(app, ["demo", "--database", str(database), "--no-engines"])

    assert result.exit_code == 0, result.output
    listed = [line.split("\t") for line in users_file(database).read_text().splitlines()]
    assert stat.S_IMODE(os.stat(users_file(database)).st_mode) == 0o600
    organisations = {organisation for _, organisation, _, _ in listed}
    assert organisations == {"WMERC", "WARKS", "WMIDS", "STAFFS", "programme-office"}
    assert {role for _, o, role, _ in listed if o == "WARKS"} == {"editor", "finance", "viewer"}
    assert {role for _, o, role, _ in listed if o == "programme-office"} == {"admin", "auditor"}
    with open_store(f"sqlite:///{database}") as store:
        for email, organisation, role, password in listed:
            assert result.output.count(password) == 1
            found = accounts.find_account(store.engine, email=email)
            assert found is not None
            user, stored = found
            assert (user.organisation, user.role.value) == (organisation, role)
            assert verify_password(password, stored)[0]


def test_a_second_demo_makes_new_passwords_and_keeps_the_file_private(tmp_path: Path) -> None:
    database = tmp_path / "demo.db"
    runner.invoke(app, ["demo", "--database", str(database), "--no-engines"])
    first = users_file(database).read_text()
    os.chmod(users_file(database), 0o644)

    again = runner.invoke(app, ["demo", "--database", str(database), "--no-engines"])

    assert again.exit_code == 0, again.output
    assert users_file(database).read_text() != first
    assert stat.S_IMODE(os.stat(users_file(database)).st_mode) == 0o600
