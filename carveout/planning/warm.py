"""A complete starting plan for the separation model, and the plan to fall back on.

CP-SAT only uses a hint quickly when it is complete and feasible: every
variable, including the bridge decisions, the monthly hosting steps and the
lateness, must be given a value that satisfies the whole model. The core's
priority-rule schedule knows nothing of bridges, so here each bridgeable
dependency is either kept as a precedence or paid (its load added to the
dependent service), following the order of a plain schedule so that the kept
ones never form a cycle. Every other variable is then derived from the dates
(:func:`carveout.planning.incumbent.hint_model`).
"""

from __future__ import annotations

import heapq
import itertools
import random
import time

from carveout.planning.incumbent import invalid
from carveout.planning.rcpsp import Instance, Precedence, SolverConfig
from carveout.planning.rcpsp.booking import BookingGrid, unit_network
from carveout.planning.rcpsp.heuristics import makespan, rule_priorities
from carveout.planning.rcpsp.instance import Activity
from carveout.planning.rebridge import BUDGETS, decide_bridges, fixed_schedule, with_load
from carveout.planning.separation import Separation

# How many weeks of its team's time a paid bridge's work counts for when a
# service chooses between waiting for its providers and paying their bridges.
_PAYING_WEIGHTS = (0.0, 0.5)
# Randomised passes (around the most-total-successors rule) tried when no rule gives a plan.
_SAMPLE_WORK = 20_000  # activities times passes
_SAMPLED_WEIGHTS = (0.0, 0.25, 0.5, 0.75)
# Repairs of overrunning passes (see rebridge): how many passes, rounds per budget, and work.
_REPAIRED = 4
_REPAIR_ROUNDS = 3
_REPAIR_WORK = 30_000  # activities times attempts


def warm_schedule(separation: Separation, config: SolverConfig) -> tuple[int, ...] | None:
    """Start weeks valid for the whole separation model, or None when none is found.

    Serial schedules (LFT and most-successors priorities) that decide each
    bridge as they place the dependent: wait for the providers already placed,
    or pay some bridges and start earlier with their load, whichever starts
    first (paying counted as ``weight`` weeks per week of the team's time).
    Bridges from providers placed later are paid. When no rule gives a valid
    schedule, seeded random perturbations of the priorities are tried, a
    number of them that shrinks with the size. Costs O(n * m * T) per pass.
    """
    instance = separation.instance()
    passes: list[tuple[list[float], float]] = [
        (rule_priorities(instance, rule), weight)
        for rule, weight in itertools.product(("lft", "mts"), _PAYING_WEIGHTS)
    ]
    best: tuple[int, ...] | None = None
    rng = random.Random(config.seed)
    base = passes[-1][0]
    spread = max(1.0, (max(base, default=0.0) - min(base, default=0.0)) / 5.0)
    # Sampling and repair only go on while nothing valid is found, counted in passes
    # when deterministic, else also bounded by a quarter of the time limit (repairing a
    # 250-service portfolio takes about 5 s); either way they stop at the caller's
    # warm-start deadline on the wall clock.
    stop = time.perf_counter() + 0.25 * config.time_limit
    samples = max(4, min(40, _SAMPLE_WORK // max(1, instance.size)))
    rules = len(passes)
    overrun: list[tuple[int, tuple[int, ...]]] = []
    for k in itertools.count():
        if k == rules and best is None:
            best = _repair(separation, instance, [s for _, s in sorted(overrun)], config, stop)
        if k >= rules:
            late = _late(config, stop)
            if best is not None or k >= rules + samples or late:
                break
            passes.append(
                ([p + rng.uniform(0.0, spread) for p in base], rng.choice(_SAMPLED_WEIGHTS))
            )
        priority, weight = passes[k]
        try:
            starts = _bridging_sgs(separation, instance, priority, weight)
        except ValueError:
            continue
        if invalid(separation, instance, starts):
            overrun.append((makespan(instance, starts), starts))
            continue
        if best is None or makespan(instance, starts) < makespan(instance, best):
            best = starts
    return best


def _late(config: SolverConfig, stop: float) -> bool:
    """Whether the warm start must stop searching: past ``stop`` on the wall clock unless
    deterministic, and past the caller's warm-start deadline in any case."""
    return config.warm_over() or (not config.deterministic and time.perf_counter() > stop)


def _repair(
    separation: Separation,
    instance: Instance,
    schedules: list[tuple[int, ...]],
    config: SolverConfig,
    stop: float,
) -> tuple[int, ...] | None:
    """A valid schedule from invalid ones, with the bridges decided again under a chain budget.

    Each schedule (best first) gives the order of the waits; for each budget
    the decisions and the schedule are remade a few rounds, each round
    ordered by the last. Bounded in attempts (fewer for larger portfolios)
    and, unless deterministic, by ``stop`` on the wall clock.
    """
    bridges = [(b.before, b.after, b.load) for b in separation.bridges]
    attempts = max(6, min(60, _REPAIR_WORK // max(1, instance.size)))
    for order, share in itertools.product(schedules[:_REPAIRED], BUDGETS):
        for _ in range(_REPAIR_ROUNDS):
            late = _late(config, stop)
            if attempts <= 0 or late:
                return None
            attempts -= 1
            budget = int(share * separation.horizon)
            kept = decide_bridges(instance=instance, bridges=bridges, order=order, budget=budget)
            try:
                order = fixed_schedule(instance=instance, bridges=bridges, kept=kept)
            except ValueError:
                break
            if not invalid(separation, instance, order):
                return order
    return None


def rule_schedule(separation: Separation) -> tuple[int, ...] | None:
    """The latest-finish-time rule's schedule, valid or not (it may run past the horizon):
    a schedule for CP-SAT to repair when no valid one was found; None if it breaks down."""
    instance = separation.instance()
    try:
        return _bridging_sgs(separation, instance, rule_priorities(instance, "lft"), 0.0)
    except ValueError:
        return None


def _bridging_sgs(
    separation: Separation, instance: Instance, priority: list[float], weight: float
) -> tuple[int, ...]:
    acts = instance.activities
    network = unit_network(instance)
    units, unit, preds, succs = network.units, network.unit_of, network.preds, network.succs
    bridges_in: list[list[int]] = [[] for _ in units]
    for k, br in enumerate(separation.bridges):
        bridges_in[unit[br.after]].append(k)
    waiting = network.waiting()
    key = [min(priority[i] for i in members) for members in units]
    starts = [0] * instance.size
    placed = [False] * len(units)
    grid = BookingGrid(instance, instance.safe_horizon() + 1)
    for u, members in enumerate(units):
        fixed = [f for i in members if (f := acts[i].fixed_start) is not None]
        if fixed:
            for i in members:
                starts[i] = min(fixed)
                grid.book(_loaded(acts[i], separation, i, set(bridges_in[u])), min(fixed))
            placed[u] = True
    # Providers go first where the bridges allow: among the units whose hard
    # predecessors are placed, those with no unplaced provider in priority
    # order; in a cycle of bridges, the one waiting on the fewest.
    soft = [0] * len(units)
    soft_out: list[list[int]] = [[] for _ in units]
    for br in separation.bridges:
        if unit[br.before] != unit[br.after]:
            soft[unit[br.after]] += 1
            soft_out[unit[br.before]].append(unit[br.after])
    free = [(key[u], u) for u in range(len(units)) if waiting[u] == 0 and soft[u] == 0]
    heapq.heapify(free)
    stuck = {u for u in range(len(units)) if waiting[u] == 0 and soft[u] > 0}
    done = [False] * len(units)
    while free or stuck:
        if free:
            _, u = heapq.heappop(free)
        else:
            u = min(stuck, key=lambda w: (soft[w], key[w], w))
        stuck.discard(u)
        done[u] = True
        if not placed[u]:
            _place(
                separation,
                instance,
                grid,
                units[u],
                preds[u],
                bridges_in[u],
                starts,
                unit,
                placed,
                weight,
            )
            placed[u] = True
        for v, counts in [(v, waiting) for v in succs[u]] + [(v, soft) for v in soft_out[u]]:
            if done[v]:
                continue
            counts[v] -= 1
            if waiting[v] == 0 and soft[v] == 0:
                stuck.discard(v)
                heapq.heappush(free, (key[v], v))
            elif waiting[v] == 0:
                stuck.add(v)
    if not all(done):
        raise ValueError("the precedences form a cycle")
    return tuple(starts)


def _place(
    separation: Separation,
    instance: Instance,
    grid: BookingGrid,
    members: list[int],
    preds: list[Precedence],
    incoming: list[int],
    starts: list[int],
    unit: list[int],
    placed: list[bool],
    weight: float,
) -> None:
    """Start one unit as early as its bridges allow, paying only those it cannot wait for.

    For each threshold (its earliest start, then each placed provider's end)
    the unit waits for the providers ending by then and pays the others; the
    earliest start wins, and only the bridges still needed there are booked.
    """
    acts, bridges = instance.activities, separation.bridges
    t0 = max(acts[i].release for i in members)
    for p in preds:
        t0 = max(t0, starts[p.before] + acts[p.before].duration + p.lag)
    unplaced = {k for k in incoming if not placed[unit[bridges[k].before]]}
    ends = {
        k: starts[bridges[k].before] + acts[bridges[k].before].duration
        for k in incoming
        if k not in unplaced
    }
    best: tuple[float, int, set[int], int] | None = None
    duration = max(acts[i].duration for i in members)
    peak = max(1, max(max(acts[i].demands) for i in members))
    for threshold in sorted({t0, *(e for e in ends.values() if e > t0)}):
        paid = unplaced | {k for k, e in ends.items() if e > threshold}
        loaded = [_loaded(acts[i], separation, i, paid) for i in members]
        try:
            t = grid.earliest(loaded, threshold)
        except ValueError:
            continue
        needed = unplaced | {k for k, e in ends.items() if e > t}
        score = t + weight * sum(bridges[k].load for k in needed) * duration / peak
        if best is None or (score, len(needed)) < (best[0], best[1]):
            best = (score, len(needed), needed, t)
    if best is None:
        raise ValueError("a service cannot carry the load of its bridges")
    _, _, needed, t = best
    for i in members:
        starts[i] = t
        grid.book(_loaded(acts[i], separation, i, needed), t)


def _loaded(activity: Activity, separation: Separation, index: int, paid: set[int]) -> Activity:
    """The activity with the load of the paid bridges into it added to its team's demand."""
    extra = sum(separation.bridges[k].load for k in paid if separation.bridges[k].after == index)
    return with_load(activity, extra)
