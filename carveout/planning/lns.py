"""Large-neighbourhood search: a cheaper plan from a valid one, a few services at a time.

On large portfolios CP-SAT spends most of a minute presolving the whole model
and rarely improves the warm start. Here the model is solved again and again
with every service outside a small neighbourhood (one team's window, one
cluster of coupled services, one window of time; see
:mod:`carveout.planning.lns_neighbourhoods`) fixed to its incumbent dates: the
fixed starts make presolve remove most of the model, and the small remainder
is solved within a short limit from the incumbent as a hint. A schedule is
accepted only when it costs less, so the result never costs more than the
start. The neighbourhood grows while its searches finish and shrinks while
they run out of time. With ``deterministic`` set each small search runs on one
worker within a deterministic-time limit and each step counts a fixed share of
the budget, so the same seed gives the same plan.
"""

from __future__ import annotations

import itertools
import random
import time
from dataclasses import dataclass, replace

from carveout.planning.incumbent import hint_model, invalid, schedule_cost
from carveout.planning.lns_neighbourhoods import KINDS, couplings, neighbourhood
from carveout.planning.lns_submodel import merged, sub_separation
from carveout.planning.rcpsp import SolverConfig
from carveout.planning.terms import SeparationModel, build_model

SIZE = (8, 20, 200)
"""Fewest, first and most moves a neighbourhood frees."""
STEP_LIMIT = 1.0
"""Seconds (deterministic or wall) one neighbourhood's search may take."""
GROW, SHRINK = 1.25, 0.8
STEP_WORK = (0.05, 0.5)
"""In deterministic mode: the deterministic time one neighbourhood's search may take (on
these small models CP-SAT counts about 0.05 a wall second), and what each step counts
against the budget, about its wall time with the building and checking around the search,
which CP-SAT's deterministic time does not see."""
TARGETED = True
"""Centre neighbourhoods on the services whose dates cost the most more than their earliest."""


@dataclass(frozen=True, slots=True)
class LnsResult:
    """The best schedule found, its cost in the model's money, and how it was found."""

    starts: tuple[int, ...]
    cost: int
    start_cost: int
    steps: int
    accepted: int
    seconds: float
    work: float


def improve(
    model: SeparationModel,
    starts: tuple[int, ...],
    *,
    budget: float,
    seed: int = 0,
    workers: int = 1,
    deterministic: bool = False,
    wall_deadline: float | None = None,
    max_steps: int | None = None,
) -> LnsResult:
    """A schedule costing no more than ``starts`` (valid for ``model``) after ``budget`` seconds.

    ``budget`` counts wall seconds, or CP-SAT's deterministic time when
    ``deterministic``; ``wall_deadline`` (a :func:`time.perf_counter` reading)
    stops the search in any case, and so does ``max_steps``. The model is hinted with
    the result.
    """
    began = time.perf_counter()
    best, best_cost = starts, schedule_cost(model, starts)
    first_cost = best_cost
    coupled = couplings(model.separation)
    instance = model.separation.instance()
    rng = random.Random(seed)
    size = float(SIZE[1])
    spent = 0.0
    steps = accepted = 0
    for step in itertools.count():
        if max_steps is not None and step >= max_steps:
            break
        used = spent if deterministic else time.perf_counter() - began
        left = budget - used
        if left <= 0.05 or (wall_deadline is not None and time.perf_counter() >= wall_deadline):
            break
        kind = KINDS[step % len(KINDS)]
        freed = neighbourhood(
            kind=kind,
            coupled=coupled,
            starts=best,
            size=round(size),
            rng=rng,
            weights=regret(model, best) if TARGETED else None,
        )
        if not freed:
            break
        limit = min(STEP_WORK[0] if deterministic else STEP_LIMIT, left)
        if wall_deadline is not None:
            limit = min(limit, max(0.05, wall_deadline - time.perf_counter()))
        step_config = SolverConfig(
            time_limit=limit,
            workers=1 if deterministic else workers,
            seed=seed + step,
            deterministic=deterministic,
            wall_deadline=wall_deadline,
        )
        found, optimal, work = _solve_freed(model, best, freed, config=step_config)
        spent += max(work, STEP_WORK[1])
        steps += 1
        if found is not None:
            cost = schedule_cost(model, found)
            if cost < best_cost and not invalid(model.separation, instance, found):
                best, best_cost = found, cost
                accepted += 1
        size = min(SIZE[2], size * GROW) if optimal else max(SIZE[0], size * SHRINK)
        size = min(size, float(len(coupled.free)))
    hint_model(model, best)
    seconds = time.perf_counter() - began
    return LnsResult(best, best_cost, first_cost, steps, accepted, seconds, spent)


def regret(model: SeparationModel, starts: tuple[int, ...]) -> list[float]:
    """Per move, what its dates cost beyond its earliest cut-over: the hosting months past
    its earliest end and the bridges paid into or out of it (plus one, so every move may
    be drawn)."""
    sep = model.separation
    out = [1.0] * len(sep.moves)
    for m, table in zip(sep.moves, sep.cost_tables, strict=True):
        end = min(len(table) - 1, starts[m.index] + m.duration)
        earliest = min(end, m.release + m.duration)
        out[m.index] += table[end] - table[earliest]
    for b in sep.bridges:
        if starts[b.before] + sep.moves[b.before].duration > starts[b.after]:
            cost = sep.in_units(b.cost)
            out[b.before] += cost
            out[b.after] += cost
    return out


def _solve_freed(
    model: SeparationModel,
    incumbent: tuple[int, ...],
    freed: frozenset[int],
    *,
    config: SolverConfig,
) -> tuple[tuple[int, ...] | None, bool, float]:
    """Solve the small separation around ``freed``: the whole schedule (or None), whether it
    is proven best in the neighbourhood, and the deterministic time it took."""
    previous = {model.separation.moves[m].service: b for m, b in model.moved_of}
    sub = sub_separation(model.separation, incumbent, freed, previous)
    small = build_model(
        sub.separation,
        replace(config, hint=sub.hint, warm_start=False),
        previous_ends=sub.previous_ends or None,
        stability_weight=model.stability_weight,
    )
    hint_model(small, sub.hint)
    small.core.minimise(small.cost())
    solved = small.core.solve()
    work = small.core.deterministic_time()
    if not solved.feasible:
        return None, False, work
    return merged(sub, incumbent, solved.starts), solved.status == "optimal", work
