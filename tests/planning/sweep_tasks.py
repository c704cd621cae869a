"""A tiny portfolio for sweeps, and cell tasks that fail once, for the runner's tests.

The tasks live in a module of their own so that worker processes can import them.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from carveout.domain import Portfolio, Scenario
from carveout.planning.sweep_frontier import CellResult
from carveout.planning.sweep_grid import Cell
from carveout.planning.sweep_result import SweepSettings
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
