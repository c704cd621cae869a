"""A sweep as one service call: the grid in, every cell stored as it finishes, the summary out.

Each cell is kept as a result of kind ``sweep-cell:KEY`` (one per cell, see
:func:`~carveout.planning.sweep_result.cell_kind`), where ``KEY`` digests the
portfolio, the scenario, the data date, the grid and the settings. Running the
same sweep again finds those cells and computes only the rest, so an
interrupted sweep resumes where it stopped; any change to the portfolio or
the settings makes a new key, and every cell is computed afresh.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any, Protocol

from carveout.domain import Portfolio, Scenario
from carveout.planning.sweep_frontier import CellResult
from carveout.planning.sweep_grid import Grid, sweep_key
from carveout.planning.sweep_result import (
    SWEEP,
    Sweep,
    SweepSettings,
    cell_kind,
    read_cell,
    summarise,
)
from carveout.planning.sweep_run import CellTask, run_cell, run_cells


class ResultStore(Protocol):
    """What a sweep needs of the store: saving and reading results."""

    def save_result(
        self,
        *,
        scenario: str,
        kind: str,
        payload: dict[str, Any],
        actor: str,
        as_of: date | None = None,
        fingerprint: str | None = None,
    ) -> int: ...

    def results(self, kind: str | None = None) -> list[Any]: ...

    def result(self, result_id: int) -> dict[str, Any] | None: ...


def key_of(
    *, portfolio: Portfolio, scenario: Scenario, as_of: date, grid: Grid, settings: SweepSettings
) -> str:
    """The sweep's key: the same inputs always name the same stored cells."""
    return sweep_key(
        portfolio.fingerprint,
        scenario.model_dump_json(),
        as_of.isoformat(),
        repr(grid),
        settings.fingerprint(),
    )


def stored_cells(store: ResultStore, *, scenario: str, key: str) -> dict[str, CellResult]:
    """The cells of sweep ``key`` already stored, by cell key (the newest of each)."""
    found: dict[str, CellResult] = {}
    for info in sorted(store.results(cell_kind(key)), key=lambda i: int(i.id)):
        if info.scenario != scenario:
            continue
        cell = read_cell(store.result(int(info.id)))
        if cell is not None:
            found[cell.key] = cell
    return found


def sweep_scenario(
    *,
    store: ResultStore,
    portfolio: Portfolio,
    scenario: Scenario,
    as_of: date,
    grid: Grid,
    settings: SweepSettings,
    actor: str,
    client: Any = None,
    processes: int = 0,
    retries: int = 2,
    on_start: Callable[[int, int], None] | None = None,
    on_result: Callable[[CellResult], None] | None = None,
    task: CellTask = run_cell,
) -> Sweep:
    """Run (or resume) the sweep and store its summary as the scenario's ``sweep`` result.

    ``on_start(total, already)`` is told how many cells there are and how many
    were already stored; ``on_result`` sees each cell computed now, after it is stored.
    """
    began = time.perf_counter()
    cells = grid.cells()
    key = key_of(portfolio=portfolio, scenario=scenario, as_of=as_of, grid=grid, settings=settings)
    wanted = {c.key for c in cells}
    done = {
        k: v for k, v in stored_cells(store, scenario=scenario.code, key=key).items() if k in wanted
    }
    if on_start is not None:
        on_start(len(cells), len(done))
    fingerprint = portfolio.fingerprint

    def keep(result: CellResult) -> None:
        store.save_result(
            scenario=scenario.code,
            kind=cell_kind(key),
            payload=result.model_dump(mode="json"),
            actor=actor,
            as_of=as_of,
            fingerprint=fingerprint,
        )
        if on_result is not None:
            on_result(result)

    results = run_cells(
        portfolio=portfolio,
        scenario=scenario,
        cells=cells,
        as_of=as_of,
        settings=settings,
        done=done,
        on_result=keep,
        client=client,
        processes=processes,
        retries=retries,
        task=task,
    )
    sweep = summarise(
        scenario=scenario.code,
        as_of=as_of,
        fingerprint=fingerprint,
        key=key,
        created=datetime.now(UTC),
        settings=settings,
        grid=grid,
        cells=results,
        computed=len(cells) - len(done),
        seconds=time.perf_counter() - began,
    )
    store.save_result(
        scenario=scenario.code,
        kind=SWEEP,
        payload=sweep.model_dump(mode="json"),
        actor=actor,
        as_of=as_of,
        fingerprint=fingerprint,
    )
    return sweep
