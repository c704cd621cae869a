"""Running a sweep's cells: in local processes, in this process, or on a Dask cluster.

Each cell is a pure function of the portfolio, the scenario, the cell, the data
date and the settings (:func:`run_cell`): CP-SAT runs on one worker with a fixed
seed and a deterministic-time limit, and is given eleven times the limit plus
30 s on the wall clock before it is stopped
(:data:`~carveout.planning.planner.REPEATABLE`), so the same cell gives the same
plan on any engine and under any load short of that.
Cells are handed back as they finish (``on_result``) so the caller can store
each at once; cells already ``done`` are not run again, so an interrupted
sweep resumes where it stopped. A cell whose run fails, or whose worker is
lost, is run again up to ``retries`` times; after that the sweep stops with an
error naming the cell: no cell is dropped.
"""

from __future__ import annotations

import multiprocessing
import time
from collections.abc import Callable, Generator, Mapping, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from datetime import date
from typing import Any

from carveout.domain import Portfolio, Scenario
from carveout.errors import CarveoutError
from carveout.planning.sweep_cell import cell_inputs, mitigation_cost
from carveout.planning.sweep_frontier import DAYS_PER_MONTH, CellResult
from carveout.planning.sweep_grid import Cell
from carveout.planning.sweep_result import SweepSettings

CellTask = Callable[[Portfolio, Scenario, Cell, date, SweepSettings], CellResult]


class SweepError(CarveoutError):
    """A cell failed on every attempt."""


def run_cell(
    portfolio: Portfolio, scenario: Scenario, cell: Cell, as_of: date, settings: SweepSettings
) -> CellResult:
    """Plan ``cell`` (and simulate it when asked) as of ``as_of``."""
    from carveout.planning.planner import REPEATABLE, plan_scenario

    began = time.perf_counter()
    changed, chosen = cell_inputs(portfolio=portfolio, scenario=scenario, cell=cell, as_of=as_of)
    plan = plan_scenario(
        portfolio=changed,
        scenario=chosen,
        as_of=as_of,
        time_limit=settings.time_limit,
        workers=settings.workers,
        seed=settings.seed,
        deterministic=True,
        slack=REPEATABLE,
    )
    feasible = plan.feasible and plan.finish is not None
    result = CellResult(
        key=cell.key,
        deadline=cell.deadline,
        extra=cell.extra,
        extensions=cell.extensions,
        mitigations=cell.mitigations,
        status=plan.status,
        finish=plan.finish if feasible else None,
        plan_cost=plan.total_cost if feasible else None,
        gap=plan.gap,
        mitigation_cost=mitigation_cost(portfolio) if cell.mitigations else 0.0,
        earliest_feasible_deadline=plan.earliest_feasible_deadline,
    )
    if feasible and plan.finish is not None:
        months = max(0, (plan.finish - plan.origin).days) / DAYS_PER_MONTH
        result = result.model_copy(
            update={"person_cost": cell.people * months * settings.person_month_cost}
        )
        if settings.risk_runs:
            result = _with_risk(result, changed, plan, settings)
    seconds = round(time.perf_counter() - began, 2)
    return result.model_copy(update={"seconds": seconds})


def _with_risk(
    result: CellResult, portfolio: Portfolio, plan: Any, settings: SweepSettings
) -> CellResult:
    from carveout.risk.run import run_risk

    forecast = run_risk(
        portfolio=portfolio,
        plan=plan,
        runs=settings.risk_runs,
        seed=settings.seed,
        confidence=settings.confidence,
    )
    met = next((day for day, p in forecast.s_curve if p >= settings.confidence), None)
    money = forecast.hosting_cost
    extra = money.mean + money.running_mean + money.risk_cost_mean
    return result.model_copy(
        update={
            "p_finish": met or forecast.finish.p90,
            "p_meet_deadline": forecast.p_meet_deadline,
            "risk_cost": extra - plan.hosting_cost - plan.running_cost,
        }
    )


def run_cells(
    *,
    portfolio: Portfolio,
    scenario: Scenario,
    cells: Sequence[Cell],
    as_of: date,
    settings: SweepSettings,
    done: Mapping[str, CellResult] | None = None,
    on_result: Callable[[CellResult], None] | None = None,
    client: Any = None,
    processes: int = 0,
    retries: int = 2,
    task: CellTask = run_cell,
) -> list[CellResult]:
    """Every cell's result in the order of ``cells``, computing only those not ``done``.

    ``client`` (a ``distributed.Client``) runs the cells on its cluster;
    otherwise ``processes`` local processes run them (0: this process, one
    after another). ``on_result`` is called in this process as each cell
    finishes, in whatever order they finish.
    """
    known = dict(done or {})
    todo = [c for c in cells if c.key not in known]
    if client is not None:
        stream = _on_dask(client, task, portfolio, scenario, todo, as_of, settings, retries)
    elif processes > 0:
        stream = _in_processes(processes, task, portfolio, scenario, todo, as_of, settings, retries)
    else:
        stream = _here(task, portfolio, scenario, todo, as_of, settings, retries)
    try:
        for result in stream:
            known[result.key] = result
            if on_result is not None:
                on_result(result)
    finally:
        stream.close()
    return [known[c.key] for c in cells]


def _failed(cell: Cell, attempts: int, error: BaseException) -> SweepError:
    return SweepError(
        f"Cell {cell.key} failed on all {attempts} attempts: {type(error).__name__}: {error}. "
        "The cells finished so far are stored: run the same sweep again to resume."
    )


def _here(
    task: CellTask,
    portfolio: Portfolio,
    scenario: Scenario,
    todo: Sequence[Cell],
    as_of: date,
    settings: SweepSettings,
    retries: int,
) -> Generator[CellResult, None, None]:
    for cell in todo:
        for attempt in range(1, retries + 2):
            try:
                result = task(portfolio, scenario, cell, as_of, settings)
            except Exception as error:
                if attempt > retries:
                    raise _failed(cell, attempt, error) from error
                continue
            yield result.model_copy(update={"attempts": attempt})
            break


def _in_processes(
    processes: int,
    task: CellTask,
    portfolio: Portfolio,
    scenario: Scenario,
    todo: Sequence[Cell],
    as_of: date,
    settings: SweepSettings,
    retries: int,
) -> Generator[CellResult, None, None]:
    """Local processes; a pool broken by a lost process is replaced and its cells rerun."""
    attempts = {c.key: 0 for c in todo}
    queue = list(todo)
    context = multiprocessing.get_context("spawn")
    while queue:
        pool = ProcessPoolExecutor(max_workers=processes, mp_context=context)
        running: dict[Future[CellResult], Cell] = {}
        try:
            for cell in queue:
                attempts[cell.key] += 1
                running[pool.submit(task, portfolio, scenario, cell, as_of, settings)] = cell
            queue = []
            while running:
                finished, _ = wait(running, return_when=FIRST_COMPLETED)
                for future in finished:
                    cell = running.pop(future)
                    error = future.exception()
                    if error is None:
                        yield future.result().model_copy(update={"attempts": attempts[cell.key]})
                    elif attempts[cell.key] > retries:
                        raise _failed(cell, attempts[cell.key], error) from error
                    elif isinstance(error, BrokenProcessPool):
                        queue.append(cell)
                    else:
                        attempts[cell.key] += 1
                        resubmitted = pool.submit(task, portfolio, scenario, cell, as_of, settings)
                        running[resubmitted] = cell
                if queue:
                    # The pool is broken: every cell still running on it is run again.
                    queue.extend(running.values())
                    running = {}
        finally:
            pool.shutdown(wait=True, cancel_futures=True)


def _on_dask(
    client: Any,
    task: CellTask,
    portfolio: Portfolio,
    scenario: Scenario,
    todo: Sequence[Cell],
    as_of: date,
    settings: SweepSettings,
    retries: int,
) -> Generator[CellResult, None, None]:
    """On a Dask cluster; the scheduler reruns a lost worker's tasks, and so do we on errors."""
    import distributed

    # distributed ships no type information; keep its objects as Any at this edge.
    as_completed: Any = distributed.as_completed
    [shared] = client.scatter([portfolio], broadcast=True)
    attempts = {c.key: 1 for c in todo}

    def submit(cell: Cell) -> Any:
        return client.submit(task, shared, scenario, cell, as_of, settings, pure=False)

    running = {submit(c): c for c in todo}
    flow: Any = as_completed(list(running))
    try:
        for future in flow:
            cell = running.pop(future)
            if future.status == "finished":
                result: CellResult = future.result()
                yield result.model_copy(update={"attempts": attempts[cell.key]})
                continue
            error = future.exception()
            if attempts[cell.key] > retries:
                raise _failed(cell, attempts[cell.key], error) from error
            attempts[cell.key] += 1
            again = submit(cell)
            running[again] = cell
            flow.add(again)
    finally:
        client.cancel(list(running))
