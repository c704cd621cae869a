"""``carveout audit verify`` and ``carveout audit checkpoint``: exit codes and what they say."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import text
from typer.testing import CliRunner

from carveout.cli import app, console, load_commands
from carveout.domain import Portfolio
from carveout.domain.changes import diff
from carveout.storage import open_store

runner = CliRunner()
Factory = Callable[..., Portfolio]


@pytest.fixture(autouse=True)
def _commands(monkeypatch: pytest.MonkeyPatch) -> None:
    load_commands()
    monkeypatch.setattr(console, "width", 300)  # one finding per line


@pytest.fixture
def filled(carveout_env: str, small_portfolio: Factory) -> str:
    with open_store(carveout_env) as store:
        store.apply(diff(store.load(), small_portfolio()), actor="alice")
    return carveout_env


def _sql(url: str, statement: str) -> None:
    with open_store(url) as store, store.engine.begin() as connection:
        connection.execute(text(statement))


def _witness() -> str:
    result = runner.invoke(app, ["audit", "checkpoint", "--quiet"])
    assert result.exit_code == 0, result.output
    return result.output.strip()


def test_a_clean_trail_verifies_with_exit_code_0(filled: str) -> None:
    result = runner.invoke(app, ["audit", "verify"])

    assert result.exit_code == 0, result.output
    assert "Verified: nothing was altered, removed or inserted" in result.output
    assert "Every entry was chained as it was written" in result.output
    assert "stored records are exactly what the trail says they are" in result.output


def test_an_altered_entry_fails_with_exit_code_1_naming_it(filled: str) -> None:
    _sql(filled, "UPDATE audit SET actor = 'mallory' WHERE id = 2")

    result = runner.invoke(app, ["audit", "verify"])

    assert result.exit_code == 1, result.output
    assert "Tampered: 1 problem(s) found" in result.output
    assert "The first: Entry 2 was altered: its content does not match its hash." in result.output


def test_a_data_row_changed_by_hand_fails_naming_the_record(filled: str) -> None:
    _sql(filled, "DELETE FROM blackout WHERE code = 'XMAS'")

    result = runner.invoke(app, ["audit", "verify"])

    assert result.exit_code == 1
    assert "blackout XMAS is missing: entry " in result.output


def test_checkpoint_prints_the_head_as_a_witness(filled: str) -> None:
    with open_store(filled) as store:
        head = store.history(limit=1)[0]

    result = runner.invoke(app, ["audit", "checkpoint"])

    assert result.exit_code == 0, result.output
    assert f"Head of the audit trail: entry {head.id}, written " in result.output
    assert f"{head.id}:{head.hash}" in result.output.splitlines()
    assert _witness() == f"{head.id}:{head.hash}"


def test_a_witness_holds_while_the_trail_grows(filled: str) -> None:
    witness = _witness()
    with open_store(filled) as store:
        party = store.load().party_by_code["WMP"]
        store.upsert("party", party.model_copy(update={"name": "West Mercia"}), actor="bob")

    result = runner.invoke(app, ["audit", "verify", "--checkpoint", witness])

    assert result.exit_code == 0, result.output
    entry = witness.split(":")[0]
    assert f"holds: nothing up to entry {entry} was rewritten" in result.output


def test_a_witness_catches_entries_cut_from_the_end(filled: str) -> None:
    witness = _witness()
    entry = int(witness.split(":")[0])
    _sql(filled, f"DELETE FROM audit WHERE id >= {entry - 1}")
    _sql(filled, f"UPDATE audit_seal SET through = {entry - 2} WHERE id = 2")

    result = runner.invoke(app, ["audit", "verify", "--checkpoint", witness])

    assert result.exit_code == 1
    assert f"but the trail ends at entry {entry - 2}: entries {entry - 1}–{entry} were removed" in (
        result.output
    )


def test_a_tampered_trail_gets_no_witness(filled: str) -> None:
    _sql(filled, "UPDATE audit SET key = 'X' WHERE id = 1")

    result = runner.invoke(app, ["audit", "checkpoint"])

    assert result.exit_code == 1
    assert "No witness: the trail does not verify." in result.output


def test_an_empty_trail_has_no_head_to_witness(carveout_env: str) -> None:
    result = runner.invoke(app, ["audit", "checkpoint"])

    assert result.exit_code == 0
    assert "there is no head to witness yet" in result.output


def test_a_witness_that_cannot_be_read_is_a_usage_error(carveout_env: str) -> None:
    result = runner.invoke(app, ["audit", "verify", "--checkpoint", "12:beef"])

    assert result.exit_code == 2
    flat = " ".join(result.output.replace("│", " ").split())
    assert "'12:beef' is not a witness: write it as ENTRY:HASH" in flat
