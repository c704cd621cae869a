"""Resource-aware simulation: a serial schedule-generation scheme per sample.

Activities are taken in the network's order (the plan's priorities, precedence
respected); each starts at the earliest time, on or after its predecessors'
finish and its release, at which its team has the people it needs free for its
whole duration. Each team's free capacity is a step function kept as sorted
breakpoints, so time is continuous and capacities may change over time.

Per sample the cost is O(m · b) for m activities and b breakpoints per team
(b ≤ capacity steps + 2 × the team's activities). Samples are independent, so the
compiled kernel runs them in parallel.
"""

from __future__ import annotations

import numba
import numpy as np
from numpy.typing import NDArray

from carveout.risk.network import Network

_EPS = 1e-9
_CHUNK = 64


def effective_demand(network: Network) -> NDArray[np.float64]:
    """Each activity's demand, capped at what its team has in the end.

    A team's last capacity level holds for ever, so capping there guarantees every
    activity can eventually start; a team that ends with nobody does not constrain.
    """
    last = network.cap_level[network.cap_ptr[1:] - 1]
    cap = last[network.team]
    return np.asarray(np.where(cap > 0, np.minimum(network.demand, cap), 0.0))


@numba.njit(cache=True, inline="always")
def _split(times, free, base, count, k, at):  # type: ignore[no-untyped-def]
    """Index of the segment of team ``k`` starting exactly at ``at``, inserting it if needed."""
    n = count[k]
    i = n - 1
    while times[base + i] > at:
        i -= 1
    if times[base + i] == at:
        return i
    for q in range(base + n, base + i + 1, -1):
        times[q] = times[q - 1]
        free[q] = free[q - 1]
    times[base + i + 1] = at
    free[base + i + 1] = free[base + i]
    count[k] = n + 1
    return i + 1


@numba.njit(cache=True, inline="always")
def _schedule_one(  # type: ignore[no-untyped-def]
    durations,
    release,
    pred_ptr,
    pred_idx,
    team,
    demand,
    cap_ptr,
    cap_time,
    cap_level,
    offsets,
    times,
    free,
    count,
    finish,
):
    for k in range(cap_ptr.size - 1):
        c = cap_ptr[k + 1] - cap_ptr[k]
        for i in range(c):
            times[offsets[k] + i] = cap_time[cap_ptr[k] + i]
            free[offsets[k] + i] = cap_level[cap_ptr[k] + i]
        count[k] = c
    last = 0.0
    for j in range(release.size):
        t = release[j]
        for p in range(pred_ptr[j], pred_ptr[j + 1]):
            if finish[pred_idx[p]] > t:
                t = finish[pred_idx[p]]
        d = durations[j]
        r = demand[j]
        if r > 0.0 and d > 0.0:
            k = team[j]
            base = offsets[k]
            n = count[k]
            i = n - 1
            while times[base + i] > t:
                i -= 1
            # Move t past every segment in [t, t + d) that lacks the people.
            while True:
                ok = True
                q = i
                while q < n and times[base + q] < t + d:
                    if free[base + q] < r - _EPS:
                        ok = False
                        break
                    q += 1
                if ok:
                    break
                t = times[base + q + 1]
                i = q + 1
            a = _split(times, free, base, count, k, t)
            b = _split(times, free, base, count, k, t + d)
            for q in range(a, b):
                free[base + q] -= r
        f = t + d
        finish[j] = f
        if f > last:
            last = f
    return last


@numba.njit(cache=True)
def _sgs_chunk(c, durations, net, size, finish):  # type: ignore[no-untyped-def]
    """Schedule the samples of chunk ``c``, with scratch space shared across the chunk."""
    release, pred_ptr, pred_idx, team, demand, cap_ptr, cap_time, cap_level, offsets = net
    n = durations.shape[0]
    times = np.empty(size)
    free = np.empty(size)
    count = np.empty(cap_ptr.size - 1, dtype=np.int64)
    for s in range(c * _CHUNK, min(n, (c + 1) * _CHUNK)):
        _schedule_one(
            durations[s],
            release,
            pred_ptr,
            pred_idx,
            team,
            demand,
            cap_ptr,
            cap_time,
            cap_level,
            offsets,
            times,
            free,
            count,
            finish[s],
        )


# Separate parallel and serial variants (not one function compiled twice) so that
# their on-disk caches can never be confused, as in the precedence-only pass.
@numba.njit(parallel=True, cache=True)
def _sgs_parallel(durations, net, size, finish):  # type: ignore[no-untyped-def]
    for c in numba.prange((durations.shape[0] + _CHUNK - 1) // _CHUNK):
        _sgs_chunk(c, durations, net, size, finish)


@numba.njit(cache=True)
def _sgs_serial(durations, net, size, finish):  # type: ignore[no-untyped-def]
    for c in range((durations.shape[0] + _CHUNK - 1) // _CHUNK):
        _sgs_chunk(c, durations, net, size, finish)


def schedule(
    durations: NDArray[np.float64], network: Network, *, parallel: bool = True
) -> NDArray[np.float64]:
    """Finish time of every activity in every sample under team capacities."""
    if not network.has_resources:
        raise ValueError("the network has no teams; use the precedence-only pass")
    durations = np.ascontiguousarray(durations, dtype=np.float64)
    teams = len(network.team_names)
    slots = np.diff(network.cap_ptr) + 2 * np.bincount(network.team, minlength=teams) + 1
    offsets = np.zeros(teams, dtype=np.int64)
    offsets[1:] = np.cumsum(slots)[:-1]
    finish = np.empty_like(durations)
    kernel = _sgs_parallel if parallel else _sgs_serial
    net = (
        network.release,
        network.pred_ptr,
        network.pred_idx,
        network.team,
        effective_demand(network),
        network.cap_ptr,
        network.cap_time,
        network.cap_level,
        offsets,
    )
    kernel(durations, net, int(slots.sum()), finish)
    return finish


def schedule_python(durations: list[float], network: Network) -> list[float]:
    """One sample scheduled with plain Python on a day-free event list (a test oracle)."""
    demand = effective_demand(network)
    steps: list[list[tuple[float, float]]] = [
        [
            (float(network.cap_time[i]), float(network.cap_level[i]))
            for i in range(network.cap_ptr[k], network.cap_ptr[k + 1])
        ]
        for k in range(len(network.team_names))
    ]
    booked: list[list[tuple[float, float, float]]] = [[] for _ in steps]
    finish: list[float] = []

    def free_at(k: int, x: float) -> float:
        level = [lv for t, lv in steps[k] if t <= x][-1]
        return level - sum(r for s, e, r in booked[k] if s <= x < e)

    for j, d in enumerate(durations):
        t = max([float(network.release[j])] + [finish[p] for p in network.predecessors(j)])
        k, r = int(network.team[j]), float(demand[j])
        if r > 0 and d > 0:
            # Candidate starts: t and every later moment at which free capacity rises.
            cands = sorted({t} | {x for x, _ in steps[k] if x > t} | {e for _, e, _ in booked[k]})
            for c in (c for c in cands if c >= t):
                points = {c} | {x for x, _ in steps[k] if c < x < c + d}
                points |= {s for s, _, _ in booked[k] if c < s < c + d}
                if all(free_at(k, x) >= r - _EPS for x in points):
                    t = c
                    break
            booked[k].append((t, t + d, r))
        finish.append(t + d)
    return finish
