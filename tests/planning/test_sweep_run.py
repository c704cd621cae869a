from datetime import date
from pathlib import Path
from typing import Any

import pytest

from carveout.planning.sweep_frontier import CellResult
from carveout.planning.sweep_grid import Cell, Grid
from carveout.planning.sweep_result import SweepSettings
from carveout.planning.sweep_run import SweepError, run_cells
from tests.planning.sweep_tasks import (
    FAILED_ONCE,
    dies_once,
    fails_once,
    four_services,
    scenario_of,
)

AS_OF = date(2019, 1, 7)
GRID = Grid(deadlines=(date(2019, 3, 31), date(2019, 6, 30)), people=(("T", (0, 1)),))
SETTINGS = SweepSettings(time_limit=2, person_month_cost=500)


def _same(cells: list[CellResult]) -> list[dict[str, Any]]:
    """What a cell's result says, without how long it took or how often it was tried."""
    return [c.model_dump(exclude={"seconds", "attempts"}) for c in cells]


def _run(**options: Any) -> list[CellResult]:
    portfolio = four_services()
    return run_cells(
        portfolio=portfolio,
        scenario=scenario_of(portfolio),
        cells=GRID.cells(),
        as_of=AS_OF,
        settings=SETTINGS,
        **options,
    )


@pytest.fixture
def marks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(FAILED_ONCE, str(tmp_path))
    return tmp_path


def test_local_processes_and_a_dask_cluster_give_identical_cells() -> None:
    from distributed import Client, LocalCluster

    here = _run()
    in_processes = _run(processes=2)
    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=False, dashboard_address=":0"
        ) as cluster,
        Client(cluster) as client,
    ):
        on_dask = _run(client=client)
    assert _same(here) == _same(in_processes) == _same(on_dask)
    assert [c.key for c in on_dask] == [c.key for c in GRID.cells()]
    assert all(c.feasible for c in here)


def test_a_lost_worker_process_has_its_cells_run_again(marks: Path) -> None:
    seen: list[str] = []
    cells = _run(processes=2, task=dies_once, on_result=lambda c: seen.append(c.key))
    assert len(cells) == len(GRID.cells()) and sorted(seen) == sorted(c.key for c in cells)
    assert any(c.attempts > 1 for c in cells)  # the lost process's cell was run again
    assert _same(cells) == _same(_run())


def test_a_failed_cell_on_dask_is_run_again(marks: Path) -> None:
    from distributed import Client, LocalCluster

    with (
        LocalCluster(
            n_workers=1, threads_per_worker=1, processes=False, dashboard_address=":0"
        ) as cluster,
        Client(cluster) as client,
    ):
        cells = _run(client=client, task=fails_once)
    assert [c.attempts for c in cells] == [2, 2, 2, 2]
    assert len(list(marks.iterdir())) == 4


def test_a_cell_failing_every_time_stops_the_sweep_naming_it(marks: Path) -> None:
    with pytest.raises(SweepError, match=r"Cell 2019-03-31\|T=0\|ext=all\|mit=off failed on all"):
        _run(task=fails_once, retries=0)


class Interrupted(Exception):
    pass


def test_an_interrupted_sweep_resumes_computing_only_the_cells_left() -> None:
    stored: dict[str, CellResult] = {}

    def keep(cell: CellResult) -> None:
        stored[cell.key] = cell
        if len(stored) == 2:
            raise Interrupted

    with pytest.raises(Interrupted):
        _run(on_result=keep)
    first = dict(stored)
    computed: list[str] = []
    cells = _run(done=first, on_result=lambda c: computed.append(c.key))
    everything = [c.key for c in GRID.cells()]
    assert computed == [k for k in everything if k not in first]
    assert [c.key for c in cells] == everything
    assert _same(cells) == _same(_run())


def test_a_sweep_of_the_store_resumes_from_the_cells_stored(store: Any) -> None:
    from carveout.domain import Portfolio
    from carveout.domain.changes import diff
    from carveout.planning.sweep_result import SWEEP, cell_kind, read_sweep
    from carveout.planning.sweep_service import sweep_scenario

    portfolio = four_services()
    store.apply(diff(Portfolio(), portfolio), actor="tester")
    portfolio = store.load()
    computed: list[str] = []

    def run(cells: Grid) -> Any:
        return sweep_scenario(
            store=store,
            portfolio=portfolio,
            scenario=scenario_of(portfolio),
            as_of=AS_OF,
            grid=cells,
            settings=SETTINGS,
            actor="tester",
            on_result=lambda c: computed.append(c.key),
        )

    first = run(GRID)
    assert first.computed == 4 and len(computed) == 4
    assert len(store.results(cell_kind(first.key))) == 4
    again = run(GRID)
    assert again.computed == 0 and len(computed) == 4
    assert read_sweep(store.latest_result(scenario="S", kind=SWEEP)) == again
    assert again.recommended is not None


def test_cells_are_keyed_by_what_they_plan() -> None:
    assert Cell(date(2019, 3, 31), (("T", 1),)).key == "2019-03-31|T=1|ext=all|mit=off"
