"""Priority-rule schedules: the serial schedule-generation scheme and its improvements.

The serial scheme takes activities one at a time, lowest priority value first
among those whose predecessors are placed, and starts each at the earliest
time its predecessors, release, forbidden ends and the remaining capacity
allow. Same-start groups are placed as one unit. It honours every constraint
except deadlines, which it can only favour through the priorities. Placing one
activity costs O(m * T) with numpy over the time grid, so a schedule costs
O(n * m * T) (the units and the grid: :mod:`carveout.planning.rcpsp.booking`).
"""

from __future__ import annotations

import heapq
import random
import time
from collections.abc import Sequence

from carveout.planning.rcpsp.booking import BookingGrid, unit_network
from carveout.planning.rcpsp.bounds import earliest_starts, latest_starts
from carveout.planning.rcpsp.instance import Activity, Instance, Precedence

RULES = ("lft", "lst", "est", "mts", "grpw", "spt")


def serial_sgs(instance: Instance, priority: Sequence[float]) -> tuple[int, ...]:
    """Start times from the serial schedule-generation scheme (lower priority value first)."""
    acts = instance.activities
    network = unit_network(instance)
    units, preds, succ_units = network.units, network.preds, network.succs
    waiting = network.waiting()
    key = [min(priority[i] for i in members) for members in units]
    starts = [0] * instance.size
    grid = BookingGrid(instance, instance.safe_horizon() + 1)
    # Frozen activities are booked first so that others fit around them.
    fixed = [
        u
        for u, members in enumerate(units)
        if any(acts[i].fixed_start is not None for i in members)
    ]
    for u in fixed:
        t = min(f for i in units[u] if (f := acts[i].fixed_start) is not None)
        for i in units[u]:
            starts[i] = t
            grid.book(acts[i], t)
    heap = [(key[u], u) for u in range(len(units)) if waiting[u] == 0]
    heapq.heapify(heap)
    fixed_set = set(fixed)
    while heap:
        _, u = heapq.heappop(heap)
        members = units[u]
        if u not in fixed_set:
            t0 = max(acts[i].release for i in members)
            for p in preds[u]:
                t0 = max(t0, starts[p.before] + acts[p.before].duration + p.lag)
            t = grid.earliest([acts[i] for i in members], t0)
            for i in members:
                starts[i] = t
                grid.book(acts[i], t)
        for v in succ_units[u]:
            waiting[v] -= 1
            if waiting[v] == 0:
                heapq.heappush(heap, (key[v], v))
    if any(w > 0 for w in waiting):
        raise ValueError("the precedences form a cycle")
    return tuple(starts)


def makespan(instance: Instance, starts: Sequence[int]) -> int:
    """The latest end of a schedule."""
    return max(
        (s + a.duration for s, a in zip(starts, instance.activities, strict=True)), default=0
    )


def rule_priorities(instance: Instance, rule: str) -> list[float]:
    """Priority values (lower first) for a named rule: lft, lst, est, mts, grpw or spt."""
    acts = instance.activities
    if rule in ("lft", "lst", "est"):
        es = earliest_starts(instance)
        ls = latest_starts(instance, instance.safe_horizon())
        if es is None or ls is None:
            raise ValueError("the precedences and same-start groups form a positive cycle")
        if rule == "est":
            return [float(t) for t in es]
        shift = 0 if rule == "lst" else 1
        # Ties broken by the earliest start keep the rule deterministic and sensible.
        return [
            ls[i] + shift * acts[i].duration + es[i] / (len(acts) * 10.0**6 + 1.0)
            for i in range(len(acts))
        ]
    successors: list[list[int]] = [[] for _ in acts]
    for p in instance.precedences:
        successors[p.before].append(p.after)
    if rule == "spt":
        return [float(a.duration) for a in acts]
    if rule == "mts":
        return [-float(len(_descendants(successors, i))) for i in range(len(acts))]
    if rule == "grpw":
        return [
            -float(acts[i].duration + sum(acts[j].duration for j in successors[i]))
            for i in range(len(acts))
        ]
    raise ValueError(f"unknown priority rule {rule!r}; choose from {', '.join(RULES)}")


def _descendants(successors: list[list[int]], i: int) -> set[int]:
    seen: set[int] = set()
    stack = list(successors[i])
    while stack:
        j = stack.pop()
        if j not in seen:
            seen.add(j)
            stack.extend(successors[j])
    return seen


def priority_rule_schedule(instance: Instance, *, rule: str = "lft") -> tuple[int, ...]:
    """The serial schedule for one priority rule."""
    return serial_sgs(instance, rule_priorities(instance, rule))


def _reversed(instance: Instance) -> Instance:
    """The plain mirror network (precedences reversed) used to right-justify a schedule."""
    acts = tuple(Activity(a.name, a.duration, a.demands) for a in instance.activities)
    precs = tuple(Precedence(p.after, p.before, p.lag) for p in instance.precedences)
    return Instance(acts, instance.resources, precs, instance.together, name=instance.name)


def justify(
    instance: Instance, starts: Sequence[int], mirror: Instance | None = None
) -> tuple[int, ...]:
    """Forward-backward improvement: right-justify, then left-justify, keeping the better.

    The backward pass only produces an order; the forward pass that follows
    honours every constraint, so the result is always a valid schedule.
    """
    mirror = mirror or _reversed(instance)
    acts = instance.activities
    best = tuple(starts)
    best_span = makespan(instance, best)
    current = best
    for _ in range(8):
        ends = [s + a.duration for s, a in zip(current, acts, strict=True)]
        back = serial_sgs(mirror, [-float(e) for e in ends])
        forward = serial_sgs(
            instance, [float(b + a.duration) * -1.0 for b, a in zip(back, acts, strict=True)]
        )
        span = makespan(instance, forward)
        if span >= best_span:
            break
        best, best_span, current = forward, span, forward
    return best


def improved_schedule(
    instance: Instance, *, seconds: float = 1.0, seed: int = 0, max_rounds: int = 200
) -> tuple[int, ...]:
    """The best schedule from every rule plus randomised LFT sampling, each justified.

    Stops after ``seconds`` or ``max_rounds`` sampled schedules, whichever
    comes first; with the same seed, fewer rounds give the same prefix of work.
    """
    deadline = time.perf_counter() + seconds
    mirror = _reversed(instance)
    best: tuple[int, ...] | None = None
    best_span = 0
    base = rule_priorities(instance, "lft")
    candidates: list[list[float]] = [rule_priorities(instance, r) for r in RULES]
    rng = random.Random(seed)
    spread = max(1.0, (max(base) - min(base)) / 10.0) if base else 1.0
    rounds = 0
    while True:
        if candidates:
            priority = candidates.pop(0)
        else:
            if rounds >= max_rounds or time.perf_counter() > deadline:
                break
            rounds += 1
            priority = [p + rng.uniform(0.0, spread) for p in base]
        starts = justify(instance, serial_sgs(instance, priority), mirror)
        span = makespan(instance, starts)
        if best is None or span < best_span:
            best, best_span = starts, span
    assert best is not None
    return best
