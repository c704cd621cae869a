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

from carveout.risk.calendars import Calendar, blackout_shift, plain_arrays, window_delay
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
def _fits(times, free, base, n, t, end, r):  # type: ignore[no-untyped-def]
    """-1 when the team has ``r`` people free over ``[t, end)``, else the first segment short
    of them."""
    i = n - 1
    while times[base + i] > t:
        i -= 1
    q = i
    while q < n and times[base + q] < end:
        if free[base + q] < r - _EPS:
            return q
        q += 1
    return -1


@numba.njit(cache=True, inline="always")
def _dated_start(j, t, d, r, times, free, base, n, cal, happened, struck):  # type: ignore[no-untyped-def]
    """(start, duration) of work ready at ``t`` whose cut-over calendars may move.

    The work starts later when its cut-over moves (calendars.py): try ``t`` and then
    each later moment the team's free capacity changes, until the span so moved has
    the people throughout.
    """
    while True:
        span = d + window_delay(j, t + d, cal, happened, struck, False)
        s0 = t + blackout_shift(j, t + span, cal)
        if _fits(times, free, base, n, s0, s0 + span, r) < 0:
            break
        i = n - 1
        while times[base + i] > t:
            i -= 1
        t = times[base + i + 1]
    d = d + window_delay(j, t + d, cal, happened, struck, True)
    return t + blackout_shift(j, t + d, cal), d


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
    cal,
    happened,
    struck,
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
            searched = False
            # Without calendars ``cal`` is None and numba compiles this branch away (only a
            # test of ``cal is None`` alone is pruned, hence two ifs).
            if cal is not None:  # noqa: SIM102
                if cal[0][j + 1] > cal[0][j] or cal[3][j + 1] > cal[3][j]:
                    t, d = _dated_start(j, t, d, r, times, free, base, n, cal, happened, struck)
                    searched = True
            if not searched:
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
        elif cal is not None:
            d = d + window_delay(j, t + d, cal, happened, struck, True)
            t = t + blackout_shift(j, t + d, cal)
        f = t + d
        finish[j] = f
        if f > last:
            last = f
    return last


@numba.njit(cache=True)
def _sgs_chunk(c, durations, net, size, finish, cal, happened, struck):  # type: ignore[no-untyped-def]
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
            cal,
            happened[s],
            struck[s],
        )


# Separate parallel and serial variants (not one function compiled twice) so that
# their on-disk caches can never be confused, as in the precedence-only pass.
@numba.njit(parallel=True, cache=True)
def _sgs_parallel(durations, net, size, finish, cal, happened, struck):  # type: ignore[no-untyped-def]
    for c in numba.prange((durations.shape[0] + _CHUNK - 1) // _CHUNK):
        _sgs_chunk(c, durations, net, size, finish, cal, happened, struck)


@numba.njit(cache=True)
def _sgs_serial(durations, net, size, finish, cal, happened, struck):  # type: ignore[no-untyped-def]
    for c in range((durations.shape[0] + _CHUNK - 1) // _CHUNK):
        _sgs_chunk(c, durations, net, size, finish, cal, happened, struck)


def schedule(
    durations: NDArray[np.float64],
    network: Network,
    *,
    parallel: bool = True,
    calendar: Calendar | None = None,
) -> NDArray[np.float64]:
    """Finish time of every activity in every sample under team capacities.

    With a ``calendar``, window risks strike and blackouts move cut-overs, the work
    starting later so that its people are booked up to the moved cut-over's time
    (:mod:`carveout.risk.calendars`); ``calendar.struck`` records what struck.
    """
    if not network.has_resources:
        raise ValueError("the network has no teams; use the precedence-only pass")
    durations = np.ascontiguousarray(durations, dtype=np.float64)
    teams = len(network.team_names)
    slots = np.diff(network.cap_ptr) + 2 * np.bincount(network.team, minlength=teams) + 1
    offsets = np.zeros(teams, dtype=np.int64)
    offsets[1:] = np.cumsum(slots)[:-1]
    finish = np.empty_like(durations)
    kernel = _sgs_parallel if parallel else _sgs_serial
    # Each team's first capacity level also holds before its first step, so work ready
    # before the clock's origin (a plan that started before its data date) finds a
    # segment rather than searching before the team's first breakpoint.
    cap_time = network.cap_time.copy()
    cap_time[network.cap_ptr[:-1][np.diff(network.cap_ptr) > 0]] = -np.inf
    net = (
        network.release,
        network.pred_ptr,
        network.pred_idx,
        network.team,
        effective_demand(network),
        network.cap_ptr,
        cap_time,
        network.cap_level,
        offsets,
    )
    if calendar is None:
        _, happened, struck = plain_arrays(network.size, durations.shape[0])
        cal = None
    else:
        cal, happened, struck = calendar.arrays(), calendar.happened, calendar.struck
    kernel(durations, net, int(slots.sum()), finish, cal, happened, struck)
    return finish
