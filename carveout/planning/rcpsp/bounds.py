"""Lower bounds and time windows from the precedence network and resource energy.

The windows come from a longest-path pass over the "start[j] >= start[i] + w"
graph (precedences with lags, same-start groups, releases, fixed starts, the
first allowed end); it is a Bellman-Ford relaxation, O(n * arcs) in the worst
case and O(arcs) on the usual acyclic networks visited in topological order.
"""

from __future__ import annotations

import itertools

from carveout.planning.rcpsp.instance import Activity, Instance, Resource

Arc = tuple[int, int, int]  # start[j] >= start[i] + w


def arcs(instance: Instance) -> list[Arc]:
    """Every difference constraint between start times implied by the instance."""
    acts = instance.activities
    out = [(p.before, p.after, acts[p.before].duration + p.lag) for p in instance.precedences]
    for group in instance.together:
        for a, b in itertools.pairwise(group):
            out.extend([(a, b, 0), (b, a, 0)])
    return out


def _allowed_start(activity: Activity, t: int) -> int:
    """The earliest start >= t whose end avoids every forbidden window."""
    moved = True
    while moved:
        moved = False
        for a, b in activity.forbidden_ends:
            if a <= t + activity.duration < b:
                t, moved = b - activity.duration, True
    return t


def _allowed_start_down(activity: Activity, t: int) -> int:
    """The latest start <= t whose end avoids every forbidden window."""
    moved = True
    while moved:
        moved = False
        for a, b in activity.forbidden_ends:
            if a <= t + activity.duration < b:
                t, moved = a - 1 - activity.duration, True
    return t


def earliest_starts(instance: Instance) -> list[int] | None:
    """The earliest start of each activity, or None when the network has a positive cycle."""
    acts = instance.activities
    es = [a.fixed_start if a.fixed_start is not None else a.release for a in acts]
    es = [_allowed_start(a, t) for a, t in zip(acts, es, strict=True)]
    graph = arcs(instance)
    for _ in range(len(acts) + 1):
        changed = False
        for i, j, w in graph:
            if es[i] + w > es[j]:
                es[j] = _allowed_start(acts[j], es[i] + w)
                changed = True
        if not changed:
            return es
    return None


def latest_starts(instance: Instance, horizon: int) -> list[int] | None:
    """The latest start of each activity ending by ``horizon``; None on a positive cycle."""
    acts = instance.activities
    ls = []
    for a in acts:
        t = horizon - a.duration
        if a.deadline is not None:
            t = min(t, a.deadline - a.duration)
        if a.fixed_start is not None:
            t = min(t, a.fixed_start)
        ls.append(_allowed_start_down(a, t))
    graph = arcs(instance)
    for _ in range(len(acts) + 1):
        changed = False
        for i, j, w in reversed(graph):
            if ls[j] - w < ls[i]:
                ls[i] = _allowed_start_down(acts[i], ls[j] - w)
                changed = True
        if not changed:
            return ls
    return None


def critical_path_bound(instance: Instance) -> int:
    """The longest chain of the network: no schedule ends earlier (ignores resources)."""
    es = earliest_starts(instance)
    if es is None:
        raise ValueError("the precedences and same-start groups form a positive cycle")
    return max((t + a.duration for t, a in zip(es, instance.activities, strict=True)), default=0)


def _energy_end(resource: Resource, energy: int) -> int:
    """The first time by which the resource, starting at 0, can have supplied ``energy`` units."""
    if energy <= 0:
        return 0
    pieces: list[tuple[int, int, int]] = []
    t = 0
    for s, e, level in resource.capacity_steps():
        s, e = max(s, 0), max(e, 0)
        if s > t:
            pieces.append((t, s, resource.capacity))
        if e > s:
            pieces.append((s, e, level))
        t = max(t, e)
    supplied = 0
    for s, e, level in pieces:
        if level > 0 and s + -(-(energy - supplied) // level) <= e:
            return s + -(-(energy - supplied) // level)
        supplied += max(level, 0) * (e - s)
    if resource.capacity <= 0:
        raise ValueError(f"resource {resource.name!r} cannot supply the work asked of it")
    return t + -(-(energy - supplied) // resource.capacity)


def resource_bound(instance: Instance) -> int:
    """The energy bound: no resource can do its total work (demand x duration) sooner."""
    best = 0
    for r, resource in enumerate(instance.resources):
        energy = sum(a.demands[r] * a.duration for a in instance.activities)
        best = max(best, _energy_end(resource, energy))
    return best
