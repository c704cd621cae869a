"""Repair for warm starts that overrun the horizon: remake the bridge decisions under a budget.

Why a warm start overruns: every bridge a service waits for becomes a
precedence, and every bridge it pays adds its load to the team for the whole
migration. The greedy passes decide one service at a time, so the waits add
up to chains nearly as long as the horizon while the paid loads fill the
teams; the few services at the end of those chains then finish past it.

The repair decides all bridges at once: a bridge is waited for only while the
longest chain through it stays within a budget (a share of the horizon), and
the bridges whose payment costs the most team time are considered first, so
the load that remains is the cheapest to carry. Waits follow the order of a
given schedule, which keeps them acyclic. With the decisions fixed, the
problem is a plain one for the core's serial schedule and its
forward-backward justification; the schedule found gives the order for the
next round.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass, replace

from carveout.planning.rcpsp import Instance, Precedence
from carveout.planning.rcpsp.booking import unit_network
from carveout.planning.rcpsp.bounds import earliest_starts
from carveout.planning.rcpsp.heuristics import justify, rule_priorities, serial_sgs
from carveout.planning.rcpsp.instance import Activity

# The longest chain of waits allowed, as shares of the horizon, most promising first:
# shorter chains pay more bridges (more load), longer ones leave less room.
BUDGETS = (0.6, 0.65, 0.55, 0.7, 0.5)


@dataclass(frozen=True, slots=True)
class _UnitGraph:
    """Same-start units with the hard precedences between them, as weighted arcs."""

    units: list[list[int]]
    unit_of: list[int]
    succ: list[list[tuple[int, int]]]
    pred: list[list[tuple[int, int]]]


def decide_bridges(
    *,
    instance: Instance,
    bridges: Sequence[tuple[int, int, int]],
    order: Sequence[int],
    budget: int,
) -> set[int]:
    """Which bridges (``(before, after, load)``) to wait for; every other one is paid.

    A wait is kept when its provider comes earlier in ``order`` (start weeks
    of a schedule, so the waits never form a cycle) and the longest chain
    through it, with releases, stays within ``budget`` weeks. A wait the
    dependent's team could never carry as a paid load is kept whatever the
    budget, when it closes no cycle.
    """
    graph = _unit_graph(instance)
    acts = instance.activities
    rank = _rank(graph, order)
    head = _heads(instance, graph)
    tail = _tails(instance, graph)
    forced = _unpayable(instance, graph, bridges)
    costliest = sorted(
        range(len(bridges)),
        key=lambda k: (k not in forced, -bridges[k][2] * acts[bridges[k][1]].duration, k),
    )
    kept: set[int] = set()
    for k in costliest:
        before, after, _ = bridges[k]
        u, v = graph.unit_of[before], graph.unit_of[after]
        if u == v:
            continue
        weight = acts[before].duration
        if rank[u] >= rank[v] and (k not in forced or _reaches(graph, v, u)):
            continue
        if k not in forced and head[u] + weight + tail[v] > budget:
            continue
        kept.add(k)
        graph.succ[u].append((v, weight))
        graph.pred[v].append((u, weight))
        _raise(graph.succ, head, v, head[u] + weight)
        _raise(graph.pred, tail, u, weight + tail[v])
    return kept


def fixed_schedule(
    *, instance: Instance, bridges: Sequence[tuple[int, int, int]], kept: set[int]
) -> tuple[int, ...]:
    """A justified serial schedule with the kept waits as precedences and the rest paid.

    Raises ``ValueError`` when a service cannot carry the load of its paid bridges.
    """
    extra = [0] * instance.size
    for k, (_, after, load) in enumerate(bridges):
        if k not in kept:
            extra[after] += load
    activities = tuple(with_load(a, extra[i]) for i, a in enumerate(instance.activities))
    waits = tuple(Precedence(bridges[k][0], bridges[k][1]) for k in sorted(kept))
    fixed = replace(instance, activities=activities, precedences=instance.precedences + waits)
    return justify(fixed, serial_sgs(fixed, rule_priorities(fixed, "lft")))


def with_load(activity: Activity, extra: int) -> Activity:
    """The activity with ``extra`` added to the demand on its own teams (bridge work)."""
    if not extra:
        return activity
    return replace(activity, demands=tuple(d + extra if d else 0 for d in activity.demands))


def _unit_graph(instance: Instance) -> _UnitGraph:
    network = unit_network(instance)
    units, unit_of = network.units, network.unit_of
    succ: list[list[tuple[int, int]]] = [[] for _ in units]
    pred: list[list[tuple[int, int]]] = [[] for _ in units]
    for p in instance.precedences:
        u, v = unit_of[p.before], unit_of[p.after]
        if u != v:
            weight = instance.activities[p.before].duration + p.lag
            succ[u].append((v, weight))
            pred[v].append((u, weight))
    return _UnitGraph(units, unit_of, succ, pred)


def _rank(graph: _UnitGraph, order: Sequence[int]) -> list[int]:
    """Each unit's position when the units are sorted by their start in ``order``."""
    ranked = sorted(range(len(graph.units)), key=lambda u: (order[graph.units[u][0]], u))
    rank = [0] * len(graph.units)
    for position, u in enumerate(ranked):
        rank[u] = position
    return rank


def _heads(instance: Instance, graph: _UnitGraph) -> list[int]:
    """Each unit's earliest start from releases and the hard precedences."""
    es = earliest_starts(instance)
    if es is None:
        raise ValueError("the precedences and same-start groups form a positive cycle")
    return [max(es[i] for i in members) for members in graph.units]


def _tails(instance: Instance, graph: _UnitGraph) -> list[int]:
    """Each unit's longest chain from its start to the end of its last successor."""
    acts = instance.activities
    tail = [max(acts[i].duration for i in members) for members in graph.units]
    for u in reversed(_topological(graph)):
        for v, weight in graph.succ[u]:
            tail[u] = max(tail[u], weight + tail[v])
    return tail


def _topological(graph: _UnitGraph) -> list[int]:
    waiting = [len(p) for p in graph.pred]
    ready = deque(u for u, n in enumerate(waiting) if n == 0)
    out: list[int] = []
    while ready:
        u = ready.popleft()
        out.append(u)
        for v, _ in graph.succ[u]:
            waiting[v] -= 1
            if waiting[v] == 0:
                ready.append(v)
    if len(out) != len(graph.units):
        raise ValueError("the precedences form a cycle")
    return out


def _unpayable(
    instance: Instance, graph: _UnitGraph, bridges: Sequence[tuple[int, int, int]]
) -> set[int]:
    """Bridges whose load, with the others into the same unit, its team could never carry.

    The heaviest go first, until what is left of the unit's demand fits the team's peak.
    """
    peaks = [r.peak for r in instance.resources]
    forced: set[int] = set()
    for members in graph.units:
        demand = [
            sum(instance.activities[i].demands[r] for i in members) for r in range(len(peaks))
        ]
        into = [k for k, (b, a, _) in enumerate(bridges) if a in members and b not in members]
        for k in into:
            for r in _teams_of(instance, bridges[k][1]):
                demand[r] += bridges[k][2]
        for k in sorted(into, key=lambda k: (-bridges[k][2], k)):
            teams = _teams_of(instance, bridges[k][1])
            if any(demand[r] > peaks[r] for r in teams):
                forced.add(k)
                for r in teams:
                    demand[r] -= bridges[k][2]
    return forced


def _teams_of(instance: Instance, activity: int) -> list[int]:
    return [r for r, d in enumerate(instance.activities[activity].demands) if d]


def _reaches(graph: _UnitGraph, source: int, target: int) -> bool:
    seen, stack = {source}, [source]
    while stack:
        u = stack.pop()
        if u == target:
            return True
        for v, _ in graph.succ[u]:
            if v not in seen:
                seen.add(v)
                stack.append(v)
    return False


def _raise(arcs: list[list[tuple[int, int]]], values: list[int], start: int, value: int) -> None:
    """Lift ``values[start]`` to ``value`` and propagate the increase along ``arcs``."""
    queue = deque([(start, value)])
    while queue:
        u, candidate = queue.popleft()
        if candidate <= values[u]:
            continue
        values[u] = candidate
        queue.extend((v, candidate + weight) for v, weight in arcs[u])
