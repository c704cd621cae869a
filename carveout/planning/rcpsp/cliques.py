"""Sets of activities of which no two can run at the same time (redundant no-overlaps).

Two activities conflict when together they need more than some resource ever
has, or when one must finish before the other starts (a chain of precedences
with non-negative lags). A clique of that conflict graph may be given to
CP-SAT as a no-overlap constraint, whose disjunctive reasoning (edge finding,
detectable precedences) is much stronger than the cumulative's. The pairs
that conflict on a resource are found per resource from the activities sorted
by demand (those too big to run beside one are a prefix of that order), so
O(resources * n log n) bitset operations rather than a test of every pair.
Cliques are grown greedily from each uncovered activity; with bitsets this
costs O(starts * n * clique size).
"""

from __future__ import annotations

from carveout.planning.rcpsp.instance import Instance

_MAX_STARTS = 200


def conflict_sets(instance: Instance) -> tuple[list[int], list[int]]:
    """Bitsets per activity: activities it conflicts with, and those by resources alone."""
    acts = instance.activities
    n = len(acts)
    by_resource = [0] * n
    busy = [i for i, a in enumerate(acts) if a.duration > 0]
    for r, resource in enumerate(instance.resources):
        peak = resource.peak
        # Highest demand first: those that conflict with ``i`` are a prefix of this order.
        ranked = sorted(busy, key=lambda i: -acts[i].demands[r])
        demands = [acts[i].demands[r] for i in ranked]
        prefix = [0]
        for i in ranked:
            prefix.append(prefix[-1] | (1 << i))
        for i in busy:
            # How many demand more than peak - d_i: the first position whose demand is not.
            limit = peak - acts[i].demands[r]
            count = _count_above(demands, limit)
            by_resource[i] |= prefix[count] & ~(1 << i)
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


def _count_above(descending: list[int], limit: int) -> int:
    """How many values of the descending list exceed ``limit``."""
    lo, hi = 0, len(descending)
    while lo < hi:
        mid = (lo + hi) // 2
        if descending[mid] > limit:
            lo = mid + 1
        else:
            hi = mid
    return lo


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
