"""Precedence-energy bounds: work that must happen between two activities takes time.

If every activity of a set must start after ``i`` ends and end before ``j``
starts, the gap between them is at least that set's work on any resource
divided by the resource's peak capacity. The same holds from the project start
to an activity (its predecessors) and from an activity to the project end (its
successors). These cuts are redundant for feasibility but let CP-SAT prove much
stronger lower bounds. Cost: O(n^2 * m) over the transitive closure, so the
pairwise cuts are only built for networks of at most ``pair_limit`` activities.
"""

from __future__ import annotations

from dataclasses import dataclass

from carveout.planning.rcpsp.cliques import reachable
from carveout.planning.rcpsp.instance import Instance


@dataclass(frozen=True, slots=True)
class Delay:
    """``start[after] >= end[before] + gap``; ``before`` None means from time ``gap`` itself,
    ``after`` None means the project end."""

    before: int | None
    after: int | None
    gap: int


def _energy_time(instance: Instance, peaks: list[int], members: int) -> int:
    """The least time the activities in the bitset need on their busiest resource."""
    acts = instance.activities
    best = 0
    for r, peak in enumerate(peaks):
        if peak <= 0:
            continue
        work = 0
        mask = members
        while mask:
            low = mask & -mask
            k = low.bit_length() - 1
            work += acts[k].demands[r] * acts[k].duration
            mask ^= low
        best = max(best, -(-work // peak))
    return best


def _successors(instance: Instance) -> list[list[tuple[int, int]]]:
    """Per activity, its successors over non-negative-lag precedences and the start-to-start
    distance to each."""
    acts = instance.activities
    succ: list[list[tuple[int, int]]] = [[] for _ in acts]
    for p in instance.precedences:
        if p.lag >= 0:
            succ[p.before].append((p.after, acts[p.before].duration + p.lag))
    return succ


def _longest_paths(succ: list[list[tuple[int, int]]], order: list[int], source: int) -> list[int]:
    """Longest start-to-start distances from ``source`` over non-negative-lag precedences."""
    dist = [-1] * len(succ)
    dist[source] = 0
    for i in order:
        if dist[i] < 0:
            continue
        for j, w in succ[i]:
            dist[j] = max(dist[j], dist[i] + w)
    return dist


def precedence_energy_delays(
    instance: Instance, earliest: list[int], *, pair_limit: int = 400
) -> list[Delay]:
    """Delays implied by energy that the precedence network alone does not imply."""
    acts = instance.activities
    n = len(acts)
    after, order = reachable(instance)
    if len(order) < n:
        return []
    before = [0] * n
    for i in range(n):
        mask = after[i]
        while mask:
            low = mask & -mask
            before[low.bit_length() - 1] |= 1 << i
            mask ^= low
    peaks = [r.peak for r in instance.resources]
    succ = _successors(instance)
    delays: list[Delay] = []
    for i in range(n):
        if before[i]:
            base = min(earliest[k] for k in _members(before[i]))
            need = base + _energy_time(instance, peaks, before[i])
            if need > earliest[i]:
                delays.append(Delay(None, i, need))
        if after[i]:
            tail = _energy_time(instance, peaks, after[i])
            dist = _longest_paths(succ, order, i)
            path = max(dist[k] + acts[k].duration - acts[i].duration for k in _members(after[i]))
            if tail > path:
                delays.append(Delay(i, None, tail))
    if n > pair_limit:
        return delays
    for i in range(n):
        dist = _longest_paths(succ, order, i)
        for j in _members(after[i]):
            between = after[i] & before[j]
            if not between:
                continue
            gap = _energy_time(instance, peaks, between)
            if gap > dist[j] - acts[i].duration:
                delays.append(Delay(i, j, gap))
    return delays


def _members(mask: int) -> list[int]:
    out = []
    while mask:
        low = mask & -mask
        out.append(low.bit_length() - 1)
        mask ^= low
    return out
