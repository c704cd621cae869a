"""A first valid schedule from CP-SAT when the priority rules find none.

On a tight portfolio every priority-rule pass, and every repair of one, can run
past the horizon (the teams' last week of capacity). CP-SAT asked for *any*
schedule that meets every constraint, with no cost to minimise, finds one far
sooner than while minimising, and sooner still when told to repair the
latest-finish rule's schedule (hinted, with the dates past the horizon pulled
back): on one generated 250-service portfolio in 1-8 s, against 7-24 s unhinted
and nothing in 60 s with the cost to minimise. Its schedule then seeds the
search as the warm start would have. When it proves that no schedule exists,
the plan is infeasible and the search is not needed.
"""

from __future__ import annotations

from dataclasses import replace

from carveout.planning.incumbent import invalid
from carveout.planning.rcpsp import Solution, SolverConfig
from carveout.planning.separation import Separation
from carveout.planning.terms import build_model
from carveout.planning.warm import rule_schedule

SHARE = 0.25
"""Share of the time limit the search for a first schedule may take."""


def first_schedule(
    separation: Separation, config: SolverConfig, *, seconds: float
) -> tuple[Solution, float]:
    """CP-SAT's first schedule meeting every constraint of ``separation`` within ``seconds``
    (deterministic or wall, as ``config`` says) and the time it took (deterministic or wall
    alike): ``feasible`` with its starts, ``infeasible`` when none exists, or ``unknown``
    when time ran out."""
    model = build_model(
        separation, replace(config, time_limit=seconds, hint=None, warm_start=False)
    )
    overrun = rule_schedule(separation)
    if overrun is not None:
        core = model.core
        for var, move, start in zip(core.starts, separation.moves, overrun, strict=True):
            latest = max(move.release, separation.horizon - move.duration)
            core.add_hint(var, min(max(start, move.release), latest))
    solved = model.core.solve()
    took = model.core.deterministic_time() if config.deterministic else solved.seconds
    if not solved.feasible:
        return solved, took
    if invalid(separation, separation.instance(), solved.starts):
        # The model and the independent check disagree: trust neither with the plan.
        return replace(solved, status="unknown", starts=()), took
    return replace(solved, status="feasible"), took
