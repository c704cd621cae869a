"""The schedule CP-SAT starts from: a valid heuristic schedule, used as hint and upper bound."""

from __future__ import annotations

from carveout.planning.rcpsp import genetic
from carveout.planning.rcpsp.bounds import critical_path_bound, resource_bound
from carveout.planning.rcpsp.check import violations
from carveout.planning.rcpsp.heuristics import improved_schedule
from carveout.planning.rcpsp.instance import Instance
from carveout.planning.rcpsp.solution import SolverConfig


def warm_start(instance: Instance, config: SolverConfig) -> tuple[int, ...] | None:
    """A valid heuristic schedule, or None when it breaks a hard constraint.

    Plain networks get the compiled genetic algorithm for a share of the
    time limit that grows with the size (large instances are won by a good
    incumbent, small ones by the proof); richer ones the priority-rule
    sampler.
    """
    n = instance.size
    # From about 50 activities the search, not the proof, decides: the
    # algorithm may take most of the time, but stops once it stalls so that
    # the solver keeps time to prove what it found.
    share, patience = (0.8, 0.4) if n >= 50 else (0.02, 0.02)
    try:
        if genetic.applies(instance):
            starts = genetic.genetic_schedule(
                instance,
                # In deterministic mode the work is counted in generations, not seconds.
                seconds=config.warm_seconds(
                    1e9 if config.deterministic else share * config.time_limit
                ),
                seed=config.seed,
                max_generations=50 if config.deterministic else 10**9,
                patience=None if config.deterministic else patience * config.time_limit,
                lower_bound=max(critical_path_bound(instance), resource_bound(instance)),
            )
        else:
            starts = improved_schedule(
                instance,
                seconds=config.warm_seconds(
                    1e9 if config.deterministic else min(1.0, 0.1 * config.time_limit)
                ),
                seed=config.seed,
                max_rounds=40 if config.deterministic else 400,
            )
    except ValueError:
        return None
    if starts is None:
        return None
    return starts if not violations(instance, starts) else None
