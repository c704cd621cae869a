"""A tiny portfolio for sweeps, and cell tasks that fail once, for the runner's tests.

The tasks live in a module of their own so that worker processes can import them.
"""

from __future__ import annotations

import os
from datetime import UTC, date, datetime
from pathlib import Path

from carveout.domain import Portfolio, Scenario
from carveout.planning.sweep_frontier import CellResult
from carveout.planning.sweep_grid import Cell, Grid
from carveout.planning.sweep_result import Sweep, SweepSettings, summarise
from carveout.planning.sweep_run import run_cell
from tests.planning.conftest import make_portfolio

FAILED_ONCE = "CARVEOUT_TEST_FAILED_ONCE"
"""The folder where a task marks each cell it has failed once."""


def four_services() -> Portfolio:
    """Four two-week migrations for one person: one after another, or two at a time with two."""
    return make_portfolio(work={code: (10.0, 10.0) for code in ("A", "B", "C", "D")})


def scenario_of(portfolio: Portfolio) -> Scenario:
    return portfolio.scenario_by_code["S"]


def _first_time(cell: Cell) -> bool:
    marks = Path(os.environ[FAILED_ONCE])
    mark = marks / cell.key.replace("|", "_").replace("=", "-").replace(",", "_")
    if mark.exists():
        return False
    mark.touch()
    return True


def fails_once(
    portfolio: Portfolio, scenario: Scenario, cell: Cell, as_of: date, settings: SweepSettings
) -> CellResult:
    """Raise the first time each cell is run, then plan it."""
    if _first_time(cell):
        raise RuntimeError(f"lost {cell.key}")
    return run_cell(portfolio, scenario, cell, as_of, settings)


def dies_once(
    portfolio: Portfolio, scenario: Scenario, cell: Cell, as_of: date, settings: SweepSettings
) -> CellResult:
    """Kill the worker process the first time the first cell is run, then plan it."""
    if cell.deadline == date(2019, 3, 31) and cell.extra_in("T") == 0 and _first_time(cell):
        os._exit(3)
    return run_cell(portfolio, scenario, cell, as_of, settings)


def sample_sweep(*, scenario: str, as_of: date, fingerprint: str = "") -> Sweep:
    """A sweep of three deadlines by 0 or 1 extra person in INFRA, from made-up cells."""
    grid = Grid(
        deadlines=(date(2022, 3, 31), date(2022, 9, 30), date(2023, 3, 31)),
        people=(("INFRA", (0, 1)),),
    )
    figures = {
        # (deadline index, people): (finish, plan cost, person cost); None: no plan fits
        (0, 0): None,
        (0, 1): (date(2022, 3, 15), 9_000_000.0, 60_000.0),
        (1, 0): (date(2022, 8, 31), 8_000_000.0, 0.0),
        (1, 1): (date(2022, 7, 29), 7_900_000.0, 80_000.0),
        (2, 0): (date(2023, 1, 31), 7_000_000.0, 0.0),
        (2, 1): (date(2022, 12, 30), 6_990_000.0, 120_000.0),
    }
    cells = []
    for cell in grid.cells():
        found = figures[(grid.deadlines.index(cell.deadline), cell.extra_in("INFRA"))]
        cells.append(
            CellResult(
                key=cell.key,
                deadline=cell.deadline,
                extra=cell.extra,
                status="infeasible" if found is None else "feasible",
                finish=None if found is None else found[0],
                plan_cost=None if found is None else found[1],
                person_cost=0.0 if found is None else found[2],
            )
        )
    return summarise(
        scenario=scenario,
        as_of=as_of,
        fingerprint=fingerprint,
        key="sample",
        created=datetime(2021, 10, 2, tzinfo=UTC),
        settings=SweepSettings(person_month_cost=5_000),
        grid=grid,
        cells=cells,
        computed=len(cells),
    )
