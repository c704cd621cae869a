from datetime import date
from pathlib import Path

from typer.testing import CliRunner

from carveout.cli import app, load_commands
from carveout.domain import Portfolio
from carveout.domain.changes import diff
from carveout.planning.sweep_result import read_sweep
from carveout.reports.sweep_workbook import CELL_COLUMNS, read_cells_sheet
from carveout.storage import Store
from tests.planning.sweep_tasks import four_services

load_commands()
runner = CliRunner()

ARGS = [
    "sweep",
    "--scenario",
    "S",
    "--as-of",
    "2019-01-07",
    "--deadlines",
    "2019-03-31,2019-06-30",
    "--extra-people",
    "T=0,1",
    "--time-limit",
    "1",
    "--processes",
    "1",
    "--person-month-cost",
    "100",
]


def test_sweep_prints_the_frontier_and_recommendation_and_writes_the_workbook(
    store: Store, carveout_env: str, tmp_path: Path
) -> None:
    store.apply(diff(Portfolio(), four_services()), actor="tester")
    book = tmp_path / "sweep.xlsx"
    result = runner.invoke(app, [*ARGS, "--xlsx", str(book)])
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.split())
    assert "4 cells (4 computed now), 4 with a plan" in text
    assert "Cost against exit date" in text and "What one more person is worth" in text
    assert "The cheapest cell exiting by each deadline" in text
    assert "Recommended: deadline" in text
    sweep = read_sweep(store.latest_result(scenario="S", kind="sweep", as_of=date(2019, 1, 7)))
    assert sweep is not None and sweep.recommended is not None
    rows = read_cells_sheet(book)
    assert list(rows[0]) == [c.name for c in CELL_COLUMNS]
    assert [r["Cell"] for r in rows] == [c.key for c in sweep.cells]
    for row, cell in zip(rows, sweep.cells, strict=True):
        assert row["Total to go"] == cell.cost
        assert row["Planned finish"].date() == cell.finish
        assert (row["Recommended"] == "yes") == (cell.key == sweep.recommended)
    again = runner.invoke(app, ARGS)
    assert "4 cells (0 computed now)" in " ".join(again.output.split())


def test_sweep_refuses_a_bad_grid_naming_the_option(store: Store, carveout_env: str) -> None:
    store.apply(diff(Portfolio(), four_services()), actor="tester")
    result = runner.invoke(app, [*ARGS[:5], "--deadlines", "2019-03-31:2019-06-30:weekly"])
    assert result.exit_code != 0
    assert "--deadlines: step 'weekly'" in str(result.exception)
    result = runner.invoke(app, [*ARGS[:7], "--busiest", "1"])
    assert "--busiest: say how many people" in str(result.exception)
