"""The precedence-only forward pass: each activity starts when its predecessors end.

Three implementations of the same arithmetic:

- :func:`simulate_finish` — compiled, parallel over samples, drawing every duration
  inside the kernel from the batch's counter-based stream (the fast path);
- :func:`forward_pass` — compiled, over durations drawn beforehand (used when
  durations are correlated or shifted by risk events);
- :func:`forward_pass_numpy` — one vector operation per activity over all samples,
  the dependency-free reference; and :func:`forward_pass_python`, a plain loop.
"""

from __future__ import annotations

import numba
import numpy as np
from numpy.typing import NDArray

from carveout.risk.calendars import (
    Blackouts,
    Calendar,
    CalendarArrays,
    blackout_shift,
    plain_arrays,
    span_python,
    window_delay,
)
from carveout.risk.distributions import TABLE_SIZE
from carveout.risk.network import Network
from carveout.risk.streams import uniform_at

_CHUNK = 256  # samples per work item: amortises the scratch allocation per thread


@numba.njit(cache=True, inline="always")
def _draw(
    key: np.uint64,
    base: np.uint64,
    j: int,
    low: NDArray[np.float64],
    span: NDArray[np.float64],
    tables: NDArray[np.float64],
    tindex: NDArray[np.int64],
) -> float:
    u = uniform_at(key, base + np.uint64(j))
    x = u * TABLE_SIZE
    i = min(int(x), TABLE_SIZE - 1)
    row = tindex[j]
    left = tables[row, i]
    q = left + (x - i) * (tables[row, i + 1] - left)
    return low[j] + span[j] * q  # type: ignore[no-any-return]


@numba.njit(cache=True, inline="always")
def _pass_one(
    durations: NDArray[np.float64],
    release: NDArray[np.float64],
    pred_ptr: NDArray[np.int64],
    pred_idx: NDArray[np.int64],
    finish: NDArray[np.float64],
) -> float:
    last = 0.0
    for j in range(release.size):
        start = release[j]
        for p in range(pred_ptr[j], pred_ptr[j + 1]):
            fp = finish[pred_idx[p]]
            if fp > start:
                start = fp
        f = start + durations[j]
        finish[j] = f
        if f > last:
            last = f
    return last


# The same pass with calendars (calendars.py), kept apart so that a model without
# blackouts or window risks runs the loop above unchanged.
@numba.njit(cache=True, inline="always")
def _pass_dated(durations, release, pred_ptr, pred_idx, finish, cal, happened, struck):  # type: ignore[no-untyped-def]
    last = 0.0
    for j in range(release.size):
        start = release[j]
        for p in range(pred_ptr[j], pred_ptr[j + 1]):
            fp = finish[pred_idx[p]]
            if fp > start:
                start = fp
        d = durations[j] + window_delay(j, start + durations[j], cal, happened, struck, True)
        f = start + blackout_shift(j, start + d, cal) + d
        finish[j] = f
        if f > last:
            last = f
    return last


@numba.njit(cache=True, inline="always")
def _sampled_chunk(  # type: ignore[no-untyped-def]
    c, key, first, n, stride, net, tindex, pred_ptr, pred_idx, cal, programme
):
    low, span, tables, release = net
    m = release.size
    durations = np.empty(m)
    finish = np.empty(m)
    # Durations drawn in the kernel come with no risk events, so no window risk happens.
    none = np.zeros(0, dtype=np.bool_)
    for s in range(c * _CHUNK, min(n, (c + 1) * _CHUNK)):
        base = np.uint64(first + s) * np.uint64(stride)
        for j in range(m):
            durations[j] = _draw(key, base, j, low, span, tables, tindex)
        if cal is None:
            programme[s] = _pass_one(durations, release, pred_ptr, pred_idx, finish)
        else:
            programme[s] = _pass_dated(
                durations, release, pred_ptr, pred_idx, finish, cal, none, none
            )


# The parallel and serial variants are separate functions (not one function compiled
# twice) so that their on-disk caches can never be confused with each other. ``cal`` is
# None without blackouts: numba compiles that case apart and prunes the calendar branch.
@numba.njit(parallel=True, cache=True)
def _sampled_parallel(key, first, n, stride, net, tindex, pred_ptr, pred_idx, cal, programme):  # type: ignore[no-untyped-def]
    for c in numba.prange((n + _CHUNK - 1) // _CHUNK):
        _sampled_chunk(c, key, first, n, stride, net, tindex, pred_ptr, pred_idx, cal, programme)


@numba.njit(cache=True)
def _sampled_serial(key, first, n, stride, net, tindex, pred_ptr, pred_idx, cal, programme):  # type: ignore[no-untyped-def]
    for c in range((n + _CHUNK - 1) // _CHUNK):
        _sampled_chunk(c, key, first, n, stride, net, tindex, pred_ptr, pred_idx, cal, programme)


@numba.njit(parallel=True, cache=True)
def _given_parallel(durations, release, pred_ptr, pred_idx, finish):  # type: ignore[no-untyped-def]
    for s in numba.prange(durations.shape[0]):
        _pass_one(durations[s], release, pred_ptr, pred_idx, finish[s])


@numba.njit(cache=True)
def _given_serial(durations, release, pred_ptr, pred_idx, finish):  # type: ignore[no-untyped-def]
    for s in range(durations.shape[0]):
        _pass_one(durations[s], release, pred_ptr, pred_idx, finish[s])


@numba.njit(parallel=True, cache=True)
def _dated_parallel(durations, release, pred_ptr, pred_idx, finish, cal, happened, struck):  # type: ignore[no-untyped-def]
    for s in numba.prange(durations.shape[0]):
        _pass_dated(
            durations[s], release, pred_ptr, pred_idx, finish[s], cal, happened[s], struck[s]
        )


@numba.njit(cache=True)
def _dated_serial(durations, release, pred_ptr, pred_idx, finish, cal, happened, struck):  # type: ignore[no-untyped-def]
    for s in range(durations.shape[0]):
        _pass_dated(
            durations[s], release, pred_ptr, pred_idx, finish[s], cal, happened[s], struck[s]
        )


def simulate_finish(
    network: Network,
    *,
    key: int,
    n: int,
    first: int = 0,
    parallel: bool = True,
    blackouts: Blackouts | None = None,
) -> NDArray[np.float64]:
    """Programme finishes of ``n`` samples, durations drawn inside the kernel.

    Sample ``s`` uses uniforms ``first + s`` of stream ``key`` (stride = activities),
    exactly those :func:`carveout.risk.sampling.sample_durations` would draw.
    Cut-overs that land in ``blackouts`` move to the next allowed day.
    """
    programme = np.empty(n)
    cal: CalendarArrays | None = None
    if blackouts is not None and not blackouts.empty:
        windows = plain_arrays(network.size, 0)[0][3:]
        cal = (blackouts.ptr, blackouts.first, blackouts.last, *windows)
    net = (network.low, network.span, network.tables, network.release)
    kernel = _sampled_parallel if parallel else _sampled_serial
    kernel(
        np.uint64(key),
        first,
        n,
        network.size,
        net,
        network.table_index,
        network.pred_ptr,
        network.pred_idx,
        cal,
        programme,
    )
    return programme


def forward_pass(
    durations: NDArray[np.float64],
    network: Network,
    *,
    parallel: bool = True,
    calendar: Calendar | None = None,
) -> NDArray[np.float64]:
    """Finish time of every activity in every sample (samples × activities).

    With a ``calendar``, window risks strike and blackouts move cut-overs
    (:mod:`carveout.risk.calendars`); the pass records in ``calendar.struck``
    which window risks struck.
    """
    durations = np.ascontiguousarray(durations, dtype=np.float64)
    finish = np.empty_like(durations)
    net = (network.release, network.pred_ptr, network.pred_idx)
    if calendar is None:
        (_given_parallel if parallel else _given_serial)(durations, *net, finish)
    else:
        (_dated_parallel if parallel else _dated_serial)(
            durations, *net, finish, calendar.arrays(), calendar.happened, calendar.struck
        )
    return finish


def forward_pass_numpy(
    durations: NDArray[np.float64], network: Network, *, calendar: Calendar | None = None
) -> NDArray[np.float64]:
    """The same pass as :func:`forward_pass`, one vector operation per activity.

    Calendars are applied sample by sample in plain Python (a reference, not a fast path).
    """
    finish = np.empty_like(durations)
    for j in range(network.size):
        start = np.full(durations.shape[0], network.release[j])
        for p in network.predecessors(j):
            np.maximum(start, finish[:, p], out=start)
        if calendar is not None:
            for s in range(durations.shape[0]):
                start[s], d = span_python(j, float(start[s]), float(durations[s, j]), calendar, s)
                finish[s, j] = start[s] + d
        else:
            finish[:, j] = start + durations[:, j]
    return finish


def forward_pass_python(
    durations: list[list[float]],
    release: list[float],
    predecessors: list[list[int]],
) -> list[float]:
    """Programme finish of each sample with plain Python loops (for comparison only)."""
    out: list[float] = []
    for row in durations:
        finish: list[float] = []
        for j, d in enumerate(row):
            start = release[j]
            for p in predecessors[j]:
                start = max(start, finish[p])
            finish.append(start + d)
        out.append(max(finish) if finish else 0.0)
    return out
