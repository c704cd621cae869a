"""The genetic algorithm's decoder: an activity list to a schedule, compiled with numba.

The serial schedule-generation scheme starts the eligible activity that comes
first in the list at the earliest precedence- and resource-feasible time;
forward-backward justification then shifts the schedule right and left while
that shortens it, and the improved start order is written back into the list.
Precedences are in compressed sparse rows: ``pp``/``pi``/``pl`` for each
activity's predecessors (pointers, indices, lags), ``sp``/``si``/``sl`` for its
successors.
"""

from __future__ import annotations

import numba
import numpy as np
from numpy.typing import NDArray

JUSTIFY_ROUNDS = 4
"""Forward-backward passes at most per decoded list."""

I64 = NDArray[np.int64]
F64 = NDArray[np.float64]


@numba.njit(cache=True)
def serial_sgs(
    key: F64,
    dur: I64,
    dem: I64,
    cap: I64,
    rel: I64,
    pp: I64,
    pi: I64,
    pl: I64,
    sp: I64,
    si: I64,
    starts: I64,
    free: I64,
) -> int:
    """Serial SGS: the eligible activity with the lowest key goes first; returns the makespan.

    ``free`` must hold the full capacity on entry and holds it again on return.
    """
    n, m = dur.shape[0], cap.shape[0]
    order = np.argsort(key)
    waiting = np.empty(n, np.int64)
    done = np.zeros(n, np.bool_)
    for j in range(n):
        waiting[j] = pp[j + 1] - pp[j]
    span = 0
    first = 0
    for _ in range(n):
        # The list is usually precedence-feasible, so the scan stops at once.
        while done[order[first]]:
            first += 1
        k = first
        while done[order[k]] or waiting[order[k]] > 0:
            k += 1
        j = order[k]
        t = rel[j]
        for q in range(pp[j], pp[j + 1]):
            v = starts[pi[q]] + dur[pi[q]] + pl[q]
            if v > t:
                t = v
        d = dur[j]
        if d > 0:
            tau = t
            while tau < t + d:
                fits = True
                for r in range(m):
                    if free[r, tau] < dem[j, r]:
                        fits = False
                        break
                if fits:
                    tau += 1
                else:
                    t = tau + 1
                    tau = t
            for tau in range(t, t + d):
                for r in range(m):
                    free[r, tau] -= dem[j, r]
        starts[j] = t
        done[j] = True
        for q in range(sp[j], sp[j + 1]):
            waiting[si[q]] -= 1
        if t + d > span:
            span = t + d
    for r in range(m):
        for t in range(span):
            free[r, t] = cap[r]
    return span


@numba.njit(cache=True)
def decode(
    key: F64,
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
    starts: I64,
    free: I64,
) -> int:
    """Decode a list, then justify right and left while that shortens it."""
    n = dur.shape[0]
    span = serial_sgs(key, dur, dem, cap, rel, pp, pi, pl, sp, si, starts, free)
    mirrored = np.empty(n, np.int64)
    trial = np.empty(n, np.int64)
    back_key = np.empty(n, np.float64)
    zero = np.zeros(n, np.int64)
    for _ in range(JUSTIFY_ROUNDS):
        for j in range(n):
            back_key[j] = -float(starts[j] + dur[j]) * (n + 1) + j
        back = serial_sgs(back_key, dur, dem, cap, zero, sp, si, sl, pp, pi, mirrored, free)
        for j in range(n):
            back_key[j] = float(back - mirrored[j] - dur[j]) * (n + 1) + j
        again = serial_sgs(back_key, dur, dem, cap, rel, pp, pi, pl, sp, si, trial, free)
        if again >= span:
            break
        span = again
        starts[:] = trial
    # Lamarckian write-back: the schedule's start order becomes the list.
    order = np.argsort(key)
    rank = np.empty(n, np.int64)
    for pos in range(n):
        rank[order[pos]] = pos
    for j in range(n):
        key[j] = float(starts[j]) * (n + 1) + rank[j]
    return span
