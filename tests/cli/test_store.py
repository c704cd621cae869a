from collections.abc import Callable

import pytest
from typer.testing import CliRunner

from carveout.cli import app, console, load_commands
from carveout.domain import Portfolio
from carveout.domain.changes import diff
from carveout.errors import CarveoutError
from carveout.storage import open_store

runner = CliRunner()


@pytest.fixture(autouse=True)
def _commands(monkeypatch: pytest.MonkeyPatch) -> None:
    load_commands()
    monkeypatch.setattr(console, "width", 200)  # keep table cells on one line


def test_init_creates_the_database_and_says_where_it_is(carveout_env: str) -> None:
    first = runner.invoke(app, ["init"])
    again = runner.invoke(app, ["init"])

    assert first.exit_code == 0, first.output
    assert "Database ready at" in first.output
    host_or_file = carveout_env.split("/")[-1].split("?")[0]
    assert host_or_file in first.output
    assert "already up to date" in again.output


def test_history_shows_who_changed_what_with_before_and_after(
    carveout_env: str, small_portfolio: Callable[..., Portfolio]
) -> None:
    with open_store(carveout_env) as store:
        store.apply(diff(store.load(), small_portfolio()), actor="alice")
        cad = store.load().service_by_code["CAD"]
        store.upsert("service", cad.model_copy(update={"fixed_cost": 99.0}), actor="bob")

    result = runner.invoke(app, ["history", "service:CAD"])

    assert result.exit_code == 0, result.output
    assert "fixed_cost: 250000.0 → 99.0" in result.output
    assert "bob" in result.output and "alice" in result.output
    assert "RMS" not in result.output
    lines = result.output.splitlines()
    bob = next(i for i, line in enumerate(lines) if "bob" in line)
    alice = next(i for i, line in enumerate(lines) if "alice" in line)
    assert bob < alice, "newest first"


def test_history_of_a_kind_lists_only_that_kind(
    carveout_env: str, small_portfolio: Callable[..., Portfolio]
) -> None:
    with open_store(carveout_env) as store:
        store.apply(diff(store.load(), small_portfolio()), actor="alice")

    result = runner.invoke(app, ["history", "scenario"])

    assert result.exit_code == 0, result.output
    assert "BASE" in result.output and "CAD" not in result.output


def test_history_of_an_unknown_kind_names_the_known_ones(carveout_env: str) -> None:
    result = runner.invoke(app, ["history", "widget:X"])

    assert isinstance(result.exception, CarveoutError)
    assert "service" in str(result.exception) and "widget" in str(result.exception)


def test_history_with_nothing_recorded_says_so(carveout_env: str) -> None:
    result = runner.invoke(app, ["history"])
    assert result.exit_code == 0 and "No changes recorded" in result.output
