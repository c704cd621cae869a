"""Sets of activities of which no two can run at the same time (redundant no-overlaps).

Two activities conflict when together they need more than some resource ever
has, or when one must finish before the other starts (a chain of precedences
with non-negative lags). A clique of that conflict graph may be given to
CP-SAT as a no-overlap constraint, whose disjunctive reasoning (edge finding,
detectable precedences) is much stronger than the cumulative's. Cliques are
grown greedily from each uncovered activity; with bitsets this costs
O(starts * n * clique size).
"""

from __future__ import annotations

from carveout.planning.rcpsp.instance import Instance

_MAX_STARTS = 200


def conflict_sets(instance: Instance) -> tuple[list[int], list[int]]:
    """Bitsets per activity: activities it conflicts with, and those by resources alone."""
    acts = instance.activities
    n = len(acts)
    peaks = [r.peak for r in instance.resources]
    by_resource = [0] * n
    busy = [i for i, a in enumerate(acts) if a.duration > 0]
    for x, i in enumerate(busy):
        di = acts[i].demands
        for j in busy[x + 1 :]:
            dj = acts[j].demands
            if any(a + b > c for a, b, c in zip(di, dj, peaks, strict=True)):
                by_resource[i] |= 1 << j
                by_resource[j] |= 1 << i
    ordered, _ = reachable(instance)
    conflicts = [by_resource[i] | ordered[i] for i in range(n)]
    for i in range(n):
        for j in _bits(ordered[i]):
            conflicts[j] |= 1 << i
    for i, a in enumerate(acts):
        if a.duration == 0:
            conflicts[i] = 0
    for i in range(n):
        conflicts[i] &= ~(1 << i)
    zero = sum(1 << i for i, a in enumerate(acts) if a.duration == 0)
    return [c & ~zero for c in conflicts], by_resource


def reachable(instance: Instance) -> tuple[list[int], list[int]]:
    """Bitsets of activities that must start after each one ends, and a topological order.

    Only precedences with non-negative lags count; the order is short of some
    activities when those precedences form a cycle (then no bitset is filled).
    """
    n = instance.size
    succ: list[list[int]] = [[] for _ in range(n)]
    indeg = [0] * n
    for p in instance.precedences:
        if p.lag >= 0:
            succ[p.before].append(p.after)
            indeg[p.after] += 1
    order = [i for i in range(n) if indeg[i] == 0]
    for i in order:
        for j in succ[i]:
            indeg[j] -= 1
            if indeg[j] == 0:
                order.append(j)
    reach = [0] * n
    if len(order) < n:
        return reach, order  # a cycle: the model reports it; no transitive reasoning here
    for i in reversed(order):
        for j in succ[i]:
            reach[i] |= reach[j] | (1 << j)
    return reach, order


def _bits(mask: int) -> list[int]:
    out = []
    while mask:
        low = mask & -mask
        out.append(low.bit_length() - 1)
        mask ^= low
    return out


def disjunctive_cliques(
    instance: Instance, *, min_size: int = 3, most: int | None = None
) -> list[list[int]]:
    """Greedy maximal cliques that contain at least one resource conflict.

    With ``most``, only that many are kept, the largest first (ties in the
    order found).
    """
    conflicts, by_resource = conflict_sets(instance)
    degree = [c.bit_count() for c in conflicts]
    order = sorted(range(instance.size), key=lambda i: (-degree[i], i))
    covered = 0
    cliques: list[list[int]] = []
    for seed in order[:_MAX_STARTS]:
        if by_resource[seed] == 0 or (covered >> seed) & 1:
            continue
        clique, candidates = [seed], conflicts[seed]
        # Prefer resource conflicts first so the clique carries resource reasoning.
        while candidates:
            pool = candidates & by_resource[clique[-1]] or candidates
            pick = max(_bits(pool), key=lambda j: (degree[j], -j))
            clique.append(pick)
            candidates &= conflicts[pick]
        if len(clique) >= min_size:
            cliques.append(sorted(clique))
            for i in clique:
                covered |= 1 << i
    if most is not None:
        cliques = sorted(cliques, key=len, reverse=True)[:most]
    return cliques
