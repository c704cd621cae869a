"""The result of solving an instance, progress reports, and the solver configuration."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, replace

from ortools.sat.python import cp_model


@dataclass(frozen=True, slots=True)
class Solution:
    """A schedule and what the solver proved about it.

    ``status`` is ``optimal``, ``feasible``, ``infeasible`` or ``unknown``.
    ``starts`` is empty unless a schedule was found. ``bound`` is the proven
    lower bound on ``objective`` and ``gap`` their relative difference
    (``(objective - bound) / max(1, |objective|)``). ``heuristic_makespan`` is
    the makespan of the warm start, when one was built.
    """

    status: str
    starts: tuple[int, ...]
    makespan: int | None
    objective: float | None
    bound: float | None
    gap: float | None
    seconds: float
    heuristic_makespan: int | None

    @property
    def feasible(self) -> bool:
        """Whether a schedule was found."""
        return self.status in ("optimal", "feasible")


@dataclass(frozen=True, slots=True)
class Progress:
    """One improving solution found during the search."""

    seconds: float
    objective: float
    bound: float
    gap: float


@dataclass(frozen=True, slots=True)
class SolverConfig:
    """How to solve.

    ``hint`` gives previous start times (replanning); otherwise, when
    ``warm_start`` is set, a priority-rule schedule is used as the hint.
    ``deterministic`` makes the result depend only on the instance, the seed
    and ``workers``, not on machine load: the search is interleaved in fixed
    batches and the time limit is counted in CP-SAT's deterministic time.
    ``wall_deadline`` (a :func:`time.perf_counter` reading) stops every search
    on the wall clock as well, whatever the mode: the caller's hard limit;
    ``warm_deadline`` likewise stops the heuristic warm start.
    """

    time_limit: float = 10.0
    workers: int = 2
    seed: int = 0
    warm_start: bool = True
    hint: tuple[int, ...] | None = None
    deterministic: bool = False
    wall_deadline: float | None = None
    warm_deadline: float | None = None

    def warm_over(self) -> bool:
        """Whether the heuristic warm start has used up its time on the wall clock."""
        return self.warm_deadline is not None and time.perf_counter() > self.warm_deadline

    def warm_seconds(self, wanted: float) -> float:
        """``wanted`` seconds of warm start, cut to what is left of its wall time."""
        if self.warm_deadline is None:
            return self.wall_seconds(wanted)
        return self.wall_seconds(max(0.05, min(wanted, self.warm_deadline - time.perf_counter())))

    def wall_left(self) -> float:
        """Seconds left before the wall deadline (infinite without one)."""
        if self.wall_deadline is None:
            return float("inf")
        return self.wall_deadline - time.perf_counter()

    def wall_seconds(self, wanted: float) -> float:
        """``wanted`` seconds, cut to what is left before the wall deadline (at least 0.1)."""
        if self.wall_deadline is None:
            return wanted
        return max(0.1, min(wanted, self.wall_deadline - time.perf_counter()))


def relative_gap(objective: float, bound: float) -> float:
    """The gap between an objective and its lower bound, relative to the objective."""
    return max(0.0, objective - bound) / max(1.0, abs(objective))


def with_lower_bound(solution: Solution, known: float | None) -> Solution:
    """``solution`` with the better of its bound and ``known``, another valid lower bound.

    A search that found nothing of its own (the fallback to a warm start) may
    report no bound or a trivial one; a bound known before the search still
    holds, so it is kept. The bound never exceeds the objective (a schedule
    proves its own value is reachable) and the gap follows the bound.
    """
    if solution.objective is None or known is None:
        return solution
    bound = known if solution.bound is None else max(solution.bound, known)
    bound = min(bound, solution.objective)
    return replace(solution, bound=bound, gap=relative_gap(solution.objective, bound))


class ProgressReporter(cp_model.CpSolverSolutionCallback):
    """Passes each improving solution to the caller."""

    def __init__(self, on_progress: Callable[[Progress], None]) -> None:
        super().__init__()
        self._on_progress = on_progress

    def on_solution_callback(self) -> None:
        objective = float(self.objective_value)
        bound = float(self.best_objective_bound)
        self._on_progress(
            Progress(float(self.wall_time), objective, bound, relative_gap(objective, bound))
        )
