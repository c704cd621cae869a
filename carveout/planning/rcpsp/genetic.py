"""A compiled activity-list genetic algorithm for plain networks: the strong warm start.

Each individual is a priority order (an activity list). It is decoded by the
serial schedule-generation scheme (the eligible activity that comes first in
the list starts at the earliest precedence- and resource-feasible time) and
then improved by forward-backward justification. The improved schedule is
written back into the individual (its start order becomes its list). A
generation draws parents by binary tournament, crosses them over at two points
(mother's prefix, then father's order, then mother's order again), moves a few
random activities to random places between their last predecessor and first
successor, and keeps the best distinct schedules of parents and children. When
the best has not improved for a few generations, every other individual is
drawn afresh: on hard networks many short, diverse searches beat one long one.
Decoding (:mod:`genetic_decode`) costs O(n² + n · m · d̄) and is compiled with numba, so tens of
thousands of schedules fit in a second on j120-sized networks.

It applies to networks with constant capacities, non-negative lags and
releases only; richer instances (profiles, blackouts, frozen or same-start
activities) use the priority-rule sampler in :mod:`heuristics`.
"""

from __future__ import annotations

import time

import numba
import numpy as np

from carveout.planning.rcpsp.genetic_decode import F64, I64, decode
from carveout.planning.rcpsp.heuristics import rule_priorities
from carveout.planning.rcpsp.instance import Instance

_POPULATION = 40
_INSERTIONS = 5  # at most this many random moves per child
_CHUNK = 5  # generations between clock checks
_STALL = 15  # generations without a better schedule before the others restart


@numba.njit(cache=True)
def _insert(child: I64, where: I64, pp: I64, pi: I64, sp: I64, si: I64) -> None:
    """Move a random activity of the list to a random place that keeps its precedences."""
    n = child.shape[0]
    for k in range(n):
        where[child[k]] = k
    j = np.random.randint(n)
    lo, hi = 0, n - 1
    for q in range(pp[j], pp[j + 1]):
        lo = max(lo, where[pi[q]] + 1)
    for q in range(sp[j], sp[j + 1]):
        hi = min(hi, where[si[q]] - 1)
    if hi <= lo:
        return
    old, new = where[j], lo + np.random.randint(hi - lo + 1)
    if new > old:
        child[old:new] = child[old + 1 : new + 1].copy()
    elif new < old:
        child[new + 1 : old + 1] = child[new:old].copy()
    child[new] = j


@numba.njit(cache=True)
def _seed(seed: int) -> None:
    np.random.seed(seed)


@numba.njit(cache=True)
def _evolve(
    keys: F64,
    spans: I64,
    best_starts: I64,
    generations: int,
    dur: I64,
    dem: I64,
    cap: I64,
    rel: I64,
    pp: I64,
    pi: I64,
    pl: I64,
    sp: I64,
    si: I64,
    sl: I64,
    free: I64,
) -> int:
    """Run ``generations`` generations in place; returns the best makespan seen."""
    size, n = keys.shape
    child_keys = np.empty((size, n), np.float64)
    child_spans = np.empty(size, np.int64)
    starts = np.empty(n, np.int64)
    used = np.zeros(n, np.bool_)
    where = np.empty(n, np.int64)
    best: int = spans.min()
    for _ in range(generations):
        for c in range(size):
            a, b = np.random.randint(size), np.random.randint(size)
            mother = a if spans[a] <= spans[b] else b
            a, b = np.random.randint(size), np.random.randint(size)
            father = a if spans[a] <= spans[b] else b
            lm = np.argsort(keys[mother])
            lf = np.argsort(keys[father])
            q1 = np.random.randint(n + 1)
            q2 = np.random.randint(n + 1)
            if q1 > q2:
                q1, q2 = q2, q1
            used[:] = False
            child = np.empty(n, np.int64)
            pos = 0
            for k in range(q1):
                child[pos] = lm[k]
                used[lm[k]] = True
                pos += 1
            for k in range(n):
                if pos >= q2:
                    break
                if not used[lf[k]]:
                    child[pos] = lf[k]
                    used[lf[k]] = True
                    pos += 1
            for k in range(n):
                if not used[lm[k]]:
                    child[pos] = lm[k]
                    used[lm[k]] = True
                    pos += 1
            for _ in range(np.random.randint(_INSERTIONS + 1)):
                _insert(child, where, pp, pi, sp, si)
            for k in range(n):
                child_keys[c, child[k]] = float(k)
            span = decode(child_keys[c], dur, dem, cap, rel, pp, pi, pl, sp, si, sl, starts, free)
            child_spans[c] = span
            if span < best:
                best = span
                best_starts[:] = starts
        # Keep the best `size` distinct schedules of parents and children; a
        # population of copies would stop the search early.
        all_spans = np.concatenate((child_spans, spans))
        order = np.argsort(all_spans, kind="mergesort")
        new_keys = np.empty((size, n), np.float64)
        new_spans = np.empty(size, np.int64)
        kept = 0
        taken = np.zeros(2 * size, np.bool_)
        for twice in range(2):
            for k in range(2 * size):
                if kept == size:
                    break
                o = order[k]
                if taken[o]:
                    continue
                row = child_keys[o] if o < size else keys[o - size]
                copy = False
                for q in range(kept):
                    if new_spans[q] == all_spans[o]:
                        same = True
                        for j in range(n):
                            if new_keys[q, j] // (n + 1) != row[j] // (n + 1):
                                same = False
                                break
                        if same:
                            copy = True
                            break
                if copy and twice == 0:
                    continue
                taken[o] = True
                new_keys[kept] = row
                new_spans[kept] = all_spans[o]
                kept += 1
        keys[:] = new_keys
        spans[:] = new_spans
    return best


def applies(instance: Instance) -> bool:
    """Whether the network is plain enough for the compiled algorithm."""
    if instance.together or instance.size == 0:
        return False
    if any(r.profile for r in instance.resources):
        return False
    if any(p.lag < 0 for p in instance.precedences):
        return False
    for a in instance.activities:
        if a.fixed_start is not None or a.forbidden_ends:
            return False
        if any(d > r.capacity for d, r in zip(a.demands, instance.resources, strict=True)):
            return False
    return True


def _csr(n: int, edges: list[tuple[int, int, int]]) -> tuple[I64, I64, I64]:
    """Compressed rows: for each activity, its neighbours and the lags."""
    counts = np.zeros(n + 1, np.int64)
    for a, _, _ in edges:
        counts[a + 1] += 1
    ptr = np.cumsum(counts).astype(np.int64)
    idx = np.empty(len(edges), np.int64)
    lag = np.empty(len(edges), np.int64)
    fill = ptr[:-1].copy()
    for a, b, w in edges:
        idx[fill[a]], lag[fill[a]] = b, w
        fill[a] += 1
    return ptr, idx, lag


def genetic_schedule(
    instance: Instance,
    *,
    seconds: float = 1.0,
    seed: int = 0,
    max_generations: int = 10**9,
    lower_bound: int = 0,
    patience: float | None = None,
) -> tuple[int, ...] | None:
    """The best schedule the algorithm finds, or None when the instance does not apply.

    Stops after ``seconds`` or ``max_generations``, whichever comes first, as
    soon as a schedule reaches ``lower_bound`` (it is then optimal), or when
    ``patience`` seconds pass without a better schedule; with a generation
    limit only, the result depends on the seed alone.
    """
    if not applies(instance):
        return None
    deadline = time.perf_counter() + seconds
    acts, n = instance.activities, instance.size
    dur = np.array([a.duration for a in acts], np.int64)
    dem = np.array([a.demands for a in acts], np.int64).reshape(n, len(instance.resources))
    cap = np.array([r.capacity for r in instance.resources], np.int64)
    rel = np.array([a.release for a in acts], np.int64)
    pp, pi, pl = _csr(n, [(p.after, p.before, p.lag) for p in instance.precedences])
    sp, si, sl = _csr(n, [(p.before, p.after, p.lag) for p in instance.precedences])
    horizon = int(rel.max() + dur.sum() + sum(p.lag for p in instance.precedences) + 1)
    free = np.repeat(cap[:, None], horizon, axis=1).astype(np.int64)
    try:
        base = np.array(rule_priorities(instance, "lft"), np.float64)
    except ValueError:
        return None
    _seed(seed)
    rng = np.random.default_rng(seed)
    spread = max(1.0, float(base.max() - base.min()))
    keys = np.empty((_POPULATION, n), np.float64)
    spans = np.empty(_POPULATION, np.int64)
    best_starts = np.empty(n, np.int64)
    starts = np.empty(n, np.int64)
    best = -1

    def draw(k: int) -> None:
        keys[k] = base + rng.uniform(0.0, spread, n)
        spans[k] = decode(keys[k], dur, dem, cap, rel, pp, pi, pl, sp, si, sl, starts, free)

    for k in range(_POPULATION):
        if k == 0:
            keys[k] = base
            spans[k] = decode(keys[k], dur, dem, cap, rel, pp, pi, pl, sp, si, sl, starts, free)
        else:
            draw(k)
        if best < 0 or spans[k] < best:
            best, best_starts[:] = int(spans[k]), starts
    done = improved = 0
    last_gain = time.perf_counter()
    while done < max_generations and time.perf_counter() < deadline and best > lower_bound:
        if patience is not None and time.perf_counter() - last_gain > patience:
            break
        step = min(_CHUNK, max_generations - done)
        before = best
        best = _evolve(
            keys, spans, best_starts, step, dur, dem, cap, rel, pp, pi, pl, sp, si, sl, free
        )
        done += step
        if best < before:
            improved = done
            last_gain = time.perf_counter()
        elif done - improved >= _STALL:
            improved = done
            keep = int(np.argmin(spans))
            for k in range(_POPULATION):
                if k != keep:
                    draw(k)
    return tuple(int(s) for s in best_starts)
