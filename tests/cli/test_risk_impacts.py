"""``carveout risk`` prints the drivers and the mitigations in days and pounds."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import Result
from typer.testing import CliRunner

from carveout.cli import app, console, load_commands
from carveout.domain import Scenario
from carveout.domain.changes import diff
from carveout.storage import open_store
from tests.reports.programme import AS_OF, programme

runner = CliRunner()


@pytest.fixture(autouse=True)
def _commands(monkeypatch: pytest.MonkeyPatch) -> None:
    load_commands()
    monkeypatch.setattr(console, "width", 200)


def plan_and_simulate(scenario: Scenario, out: Path, *, runs: str, driver_runs: str) -> Result:
    """Plan ``scenario`` as of the programme's data date, then simulate it."""
    when = ["--scenario", scenario.code, "--as-of", AS_OF.isoformat()]
    planned = runner.invoke(app, ["plan", *when, "--time-limit", "2"])
    assert planned.exit_code == 0, planned.output
    return runner.invoke(
        app, ["risk", *when, "--runs", runs, "--driver-runs", driver_runs, "--out", str(out)]
    )


def test_risk_prints_drivers_and_mitigations_and_stores_them(carveout_env, tmp_path):
    base = programme()
    raid = tuple(
        r.model_copy(
            update={
                "mitigation": "Second supplier on standby",
                "mitigation_cost": 8_000.0,
                "mitigated_probability": 0.05,
            }
        )
        if r.code == "R1"
        else r
        for r in base.raid
    )
    with open_store(carveout_env) as store:
        store.apply(diff(store.load(), base.model_copy(update={"raid": raid})), actor="alice")
    result = plan_and_simulate(base.scenarios[0], tmp_path, runs="600", driver_runs="600")

    assert result.exit_code == 0, result.output
    assert "Drivers as of" in result.output and "Mitigations as of" in result.output
    assert "R1 Records data fails quality checks: Second supplier on standby." in result.output
    assert "Mitigating R1" in result.output and "for £8,000." in result.output
    assert "Taking every mitigation" in result.output
    assert (tmp_path / "drivers.svg").read_text().startswith("<svg")
    assert (tmp_path / "mitigations.png").stat().st_size > 1000
    with open_store(carveout_env) as store:
        saved = store.latest_result(scenario=base.scenarios[0].code, kind="risk")
    assert saved is not None
    impacts = saved["impacts"]
    assert impacts["runs"] == 600
    assert [m["code"] for m in impacts["mitigations"]] == ["R1"]
    assert {d["kind"] for d in impacts["drivers"]} == {"risk", "estimate"}
