"""CP-SAT parameters for scheduling with few workers, and how determinism is obtained."""

from __future__ import annotations

from typing import Any

from carveout.planning.rcpsp.solution import SolverConfig

SMALL_NETWORK = 40  # activities: decided by the proof rather than by the search
_LARGE = 60  # activities
# With a good warm start these only take turns away from the neighbourhood searches.
_UNHELPFUL_WHEN_LARGE = ("fj", "ls", "feasibility_pump")


def configure(
    params: Any,
    config: SolverConfig,
    seconds: float,
    *,
    size: int = 0,
    makespan: bool = False,
    with_assumptions: bool = False,
    feasibility: bool = False,
) -> None:
    """Set the CP-SAT ``params`` (a solver's ``parameters``) for one solve of ``seconds``.

    ``makespan`` says the objective is the latest end alone (no costs); ``feasibility``
    that there is no objective, only a schedule to find (explaining an infeasible
    model, with assumptions, is not that).
    """
    feasibility = feasibility and not with_assumptions
    params.num_workers = max(1, config.workers)
    params.random_seed = config.seed
    params.max_time_in_seconds = seconds
    if size <= SMALL_NETWORK:
        # Small networks are decided by the proof, not by neighbourhood search.
        # For the makespan the workers split one search tree between them, and
        # without the LP relaxation, which adds little to the propagators and
        # slows every node: the hardest j30 instance closes in about 7 s instead
        # of about 10 with two separate complete searches. Otherwise a second
        # complete search raises the objective's lower bound.
        if makespan and config.workers >= 2 and not config.deterministic:
            params.shared_tree_num_workers = config.workers
            params.linearization_level = 0
        else:
            params.num_full_subsolvers = 2
            params.subsolvers.extend(["no_lp" if makespan else "default_lp", "objective_lb_search"])
    elif size >= _LARGE and not config.deterministic and not feasibility:
        # Without an objective these find the first schedule, so they stay.
        params.ignore_subsolvers.extend(_UNHELPFUL_WHEN_LARGE)
    if feasibility:
        # A hint that breaks constraints is a schedule to repair, not one to drop.
        params.repair_hint = True
    if config.deterministic:
        # Interleaved batches make the search independent of thread timing; a
        # deterministic-time limit makes where it stops independent of load.
        params.interleave_search = True
        params.max_deterministic_time = seconds
        # A caller's wall deadline is its own safety net; without one, three times over.
        params.max_time_in_seconds = 3 * seconds + 5 if config.wall_deadline is None else 1e9
    params.max_time_in_seconds = config.wall_seconds(params.max_time_in_seconds)
    if with_assumptions:
        params.keep_all_feasible_solutions_in_presolve = False
