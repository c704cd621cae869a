"""``carveout readiness``: each service's gate beside its planned cut-over."""

from collections.abc import Callable
from datetime import UTC, date, datetime

import pytest
from typer.testing import CliRunner

from carveout.cli import app, console, load_commands
from carveout.domain import Portfolio
from carveout.domain.changes import diff
from carveout.planning.plan import Plan, PlannedMigration
from carveout.storage import open_store

runner = CliRunner()


@pytest.fixture(autouse=True)
def _commands(monkeypatch: pytest.MonkeyPatch) -> None:
    load_commands()
    monkeypatch.setattr(console, "width", 250)


@pytest.fixture
def loaded(carveout_env: str, small_portfolio: Callable[..., Portfolio]) -> str:
    """The small portfolio (RMS approved to go, CAD's training under way) and a plan of BASE."""
    as_of = date(2021, 11, 15)
    plan = Plan(
        scenario="BASE", objective="cost", status="feasible",
        created=datetime(2021, 11, 15, tzinfo=UTC), start=date(2021, 10, 1), as_of=as_of,
        migrations=(
            PlannedMigration(service="CAD", team="APPS", start=date(2021, 12, 1),
                             cutover=date(2022, 1, 31), wave=1, effort_days=10, duration_days=20),
        ),
    )  # fmt: skip
    with open_store(carveout_env) as store:
        store.apply(diff(store.load(), small_portfolio()), actor="tester")
        store.save_result(scenario="BASE", kind="plan", payload=plan.model_dump(mode="json"),
                          actor="tester", as_of=as_of)  # fmt: skip
    return carveout_env


def test_readiness_lists_each_gate_with_what_blocks_it_and_the_planned_cutover(
    loaded: str,
) -> None:
    result = runner.invoke(app, ["readiness"])
    assert result.exit_code == 0, result.output
    rows = {line.split()[1]: line for line in result.output.splitlines() if "│" in line[:3]}
    assert "go (Programme board, 20 Sep 2021)" in rows["RMS"] and "1/1" in rows["RMS"]
    assert "not_ready" in rows["CAD"] and "Users trained" in rows["CAD"]
    assert "31 Jan 2022" in rows["CAD"]
    assert "1 of 2 services ready to exit" in result.output


def test_readiness_of_one_service_shows_only_that_service(loaded: str) -> None:
    result = runner.invoke(app, ["readiness", "--service", "CAD"])
    assert result.exit_code == 0, result.output
    assert "CAD" in result.output and "RMS" not in result.output


def test_readiness_of_an_unknown_service_says_so(loaded: str) -> None:
    result = runner.invoke(app, ["readiness", "--service", "NOPE"])
    assert result.exit_code != 0
    assert "no service 'NOPE'" in str(result.exception)
