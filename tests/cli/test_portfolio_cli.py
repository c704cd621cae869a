from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from carveout.cli import app, console, load_commands
from carveout.cli.demo import DEMO_ACTOR, DEMO_STEPS
from carveout.domain import Portfolio
from carveout.domain.changes import diff
from carveout.errors import CarveoutError, NotFound
from carveout.storage import open_store

runner = CliRunner()


@pytest.fixture(autouse=True)
def _commands(monkeypatch: pytest.MonkeyPatch) -> None:
    load_commands()
    monkeypatch.setattr(console, "width", 200)  # keep table cells on one line


@pytest.fixture
def loaded(carveout_env: str, small_portfolio: Callable[..., Portfolio]) -> str:
    with open_store(carveout_env) as store:
        store.apply(diff(store.load(), small_portfolio()), actor="tester")
    return carveout_env


def test_show_prints_parties_hosting_agreements_with_days_left_and_clusters(loaded: str) -> None:
    result = runner.invoke(app, ["show", "--as-of", "2022-03-01"])

    assert result.exit_code == 0, result.output
    for text in ("Parties", "West Mercia Police", "Services by host and disposition"):
        assert text in result.output
    assert "THA-1" in result.output and "30 days" in result.output
    assert "ended" in result.output  # the alliance ended in 2020
    assert "RMS, PAY" in result.output  # the together cluster


def test_show_rejects_a_date_it_cannot_read(loaded: str) -> None:
    result = runner.invoke(app, ["show", "--as-of", "1st March"])

    assert result.exit_code == 2
    assert "--as-of" in result.output and "YYYY-MM-DD" in result.output


def test_show_on_an_empty_database_says_how_to_load_one(carveout_env: str) -> None:
    result = runner.invoke(app, ["show"])

    assert isinstance(result.exception, CarveoutError)
    assert "carveout demo" in str(result.exception)


def test_impact_lists_what_moves_with_a_service_and_the_bridge_costs(loaded: str) -> None:
    result = runner.invoke(app, ["impact", "RMS"])

    assert result.exit_code == 0, result.output
    assert "moves together" in result.output and "PAY" in result.output
    assert "can only start after" in result.output and "CAD" in result.output
    assert "needs a bridge" in result.output and "£20,000" in result.output


def test_impact_of_an_unknown_service_suggests_close_matches(loaded: str) -> None:
    result = runner.invoke(app, ["impact", "Crime recods"])

    assert isinstance(result.exception, NotFound)
    assert "RMS (Crime records)" in str(result.exception)


def test_demo_loads_the_portfolio_into_a_fresh_database_and_replaces_it_next_time(
    tmp_path: Path,
) -> None:
    database = tmp_path / "demo.db"

    args = ["demo", "--database", str(database), "--as-of", "2021-10-01", "--no-engines"]
    first = runner.invoke(app, args)
    again = runner.invoke(app, args)

    assert first.exit_code == 0, first.output
    assert "Replacing" not in first.output
    assert "Tranche 1: 48 applications" in first.output and "181 days" in first.output
    assert again.exit_code == 0, again.output
    assert "Replacing the earlier demonstration database" in again.output
    with open_store(f"sqlite:///{database}") as store:
        portfolio = store.load()
        assert len(portfolio.services) > 100
        assert {entry.actor for entry in store.history(limit=5)} == {DEMO_ACTOR}


def test_demo_leaves_a_file_that_is_not_a_demo_database_alone(tmp_path: Path) -> None:
    precious = tmp_path / "carveout.db"
    precious.write_text("quarterly figures")

    result = runner.invoke(app, ["demo", "--database", str(precious)])

    assert isinstance(result.exception, CarveoutError)
    assert "not a demonstration database" in str(result.exception)
    assert precious.read_text() == "quarterly figures"


@pytest.mark.slow
def test_the_demo_runs_every_engine_and_ends_with_the_dashboard_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # the charts and the report go to ./carveout-output
    database = tmp_path / "demo.db"

    result = runner.invoke(
        app, ["demo", "--database", str(database), "--time-limit", "5", "--runs", "500"]
    )

    assert result.exit_code == 0, result.output
    output = " ".join(result.output.split())
    assert "No plan fits" in output
    assert "Board report:" in output
    assert f"carveout serve --database {database}" in output
    with open_store(f"sqlite:///{database}") as store:
        results = {(info.scenario, info.kind): info for info in store.results()}
    assert {
        ("original", "plan"),
        ("tsa-2022", "plan"),
        ("tsa-2023", "plan"),
        ("tsa-2023", "baseline"),
        ("tsa-2023", "risk"),
        ("tsa-2023", "report"),
        ("portfolio", "costs"),
    } <= set(results)
    # Each decision point is planned as of its own date, the report as of 1 Oct 2021.
    assert results[("original", "plan")].as_of == date(2018, 10, 31)
    assert results[("tsa-2023", "plan")].as_of == date(2021, 10, 1)
    assert results[("tsa-2023", "report")].as_of == date(2021, 10, 1)


def test_the_demo_is_a_list_of_named_steps_that_later_work_can_extend() -> None:
    titles = [title for title, _ in DEMO_STEPS]

    assert titles[:2] == ["Create a fresh database", "Load the demonstration portfolio"]
    assert all(callable(step) for _, step in DEMO_STEPS)


@pytest.mark.parametrize("command", ["show", "impact", "demo"])
def test_every_command_has_help_with_an_example(command: str) -> None:
    result = runner.invoke(app, [command, "--help"])

    assert result.exit_code == 0
    assert "Example: carveout " + command in result.output
