"""Calendars in the simulation: blackouts that move a cut-over, windows in which a risk strikes.

Days count from the simulation's origin; a finish ``f`` (days) is a cut-over on
day ``ceil(f) - 1`` (a cut-over during day ``d`` is dated day ``d``), as
everywhere else in the simulation. For each activity, in both passes:

1. its work ends at ``e = start + duration`` (ordinary risks already in the duration);
2. **windows**: every window risk that happened in the run and lists the activity,
   and whose window (first to last day, inclusive) contains the day of ``e``,
   *strikes* it and adds its delay: ``e' = e + Σ delays``. The test is made on
   the cut-over as the work would land without any window risk, so window risks
   never feed on each other's delays; a window risk *strikes the run* when it
   strikes at least one activity, and only then is its cost counted and its
   extension (if any) exercised;
3. **blackouts**: when the day of ``e'`` falls in one of the activity's blackouts,
   the cut-over moves to the first day after it, at the same time of day
   (``f = e' + (last + 1 - day)``). Blackouts that overlap or touch are merged
   first, so one move always lands on an allowed day.

The work then occupies ``[f - duration - window delay, f)``: it starts later
rather than waiting idle, as the planner would schedule it, so the
resource-aware pass books its people over that span.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numba
import numpy as np
from numpy.typing import NDArray

from carveout.risk.events import RiskEvent

CalendarArrays = tuple[NDArray[Any], ...]
"""Blackouts then windows as the kernels take them (see :meth:`Calendar.arrays`)."""


@dataclass(frozen=True, eq=False)
class Blackouts:
    """Per activity, the merged runs of days on which it may not cut over (CSR by activity).

    ``first[i]``/``last[i]`` for ``i`` in ``ptr[j]:ptr[j + 1]`` are ascending,
    disjoint and not touching. ``labels`` say which blackouts are in play, for a reader.
    """

    ptr: NDArray[np.int64]
    first: NDArray[np.float64]
    last: NDArray[np.float64]
    labels: tuple[str, ...] = ()

    @property
    def empty(self) -> bool:
        return int(self.ptr[-1]) == 0


def no_blackouts(size: int) -> Blackouts:
    return Blackouts(np.zeros(size + 1, dtype=np.int64), np.zeros(0), np.zeros(0))


def merge_days(spans: Sequence[tuple[float, float]]) -> list[tuple[float, float]]:
    """Runs of days, overlapping or touching ones merged, in order."""
    merged: list[tuple[float, float]] = []
    for first, last in sorted(spans):
        if merged and first <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(merged[-1][1], last))
        else:
            merged.append((first, last))
    return merged


def build_blackouts(
    spans: Sequence[Sequence[tuple[float, float]]], labels: tuple[str, ...] = ()
) -> Blackouts:
    """Blackouts from each activity's ``(first day, last day)`` spans."""
    runs = [merge_days(s) for s in spans]
    ptr = np.zeros(len(runs) + 1, dtype=np.int64)
    ptr[1:] = np.cumsum([len(r) for r in runs])
    flat = [d for r in runs for d in r]
    return Blackouts(
        ptr,
        np.array([a for a, _ in flat], dtype=np.float64),
        np.array([b for _, b in flat], dtype=np.float64),
        labels,
    )


@dataclass(frozen=True, eq=False)
class Windows:
    """Window risks by activity (CSR): entry ``w`` is event ``event[w]`` adding ``delay[w]``
    when the activity's cut-over day is in ``first[w] … last[w]``."""

    ptr: NDArray[np.int64]
    event: NDArray[np.int64]
    delay: NDArray[np.float64]
    first: NDArray[np.float64]
    last: NDArray[np.float64]

    @property
    def size(self) -> int:
        return int(self.ptr[-1])


def build_windows(events: tuple[RiskEvent, ...], size: int) -> Windows:
    """The window risks among ``events``, entry by entry, grouped by activity."""
    rows = sorted(
        (j, e, d, ev.window[0], ev.window[1])
        for e, ev in enumerate(events)
        if ev.window is not None
        for j, d in zip(ev.activities, ev.delay, strict=True)
    )
    ptr = np.zeros(size + 1, dtype=np.int64)
    np.add.at(ptr, np.array([r[0] + 1 for r in rows], dtype=np.int64), 1)
    return Windows(
        np.cumsum(ptr),
        np.array([r[1] for r in rows], dtype=np.int64),
        np.array([r[2] for r in rows], dtype=np.float64),
        np.array([r[3] for r in rows], dtype=np.float64),
        np.array([r[4] for r in rows], dtype=np.float64),
    )


@dataclass(frozen=True, eq=False)
class Calendar:
    """What a pass needs to honour calendars for one batch.

    ``happened`` (samples × events) says which risks happened; the pass writes into
    ``struck`` (samples × window entries) which window entries struck.
    """

    blackouts: Blackouts
    windows: Windows
    happened: NDArray[np.bool_]
    struck: NDArray[np.bool_]

    def arrays(self) -> CalendarArrays:
        b, w = self.blackouts, self.windows
        return (b.ptr, b.first, b.last, w.ptr, w.event, w.delay, w.first, w.last)

    def window_delays(self, size: int) -> NDArray[np.float64]:
        """Samples × activities: the delay window risks added to each activity's work."""
        w = self.windows
        rows = np.repeat(np.arange(size), np.diff(w.ptr))
        extra = np.zeros((self.struck.shape[0], size))
        for i, j in enumerate(rows):
            extra[:, j] += self.struck[:, i] * w.delay[i]
        return extra

    def struck_events(self, events: int) -> NDArray[np.bool_]:
        """Samples × events: whether each window risk struck at least one activity."""
        out = np.zeros((self.struck.shape[0], events), dtype=np.bool_)
        for i, e in enumerate(self.windows.event):
            out[:, e] |= self.struck[:, i]
        return out


def calendar_for(
    blackouts: Blackouts | None,
    events: tuple[RiskEvent, ...],
    happened: NDArray[np.bool_],
    size: int,
) -> Calendar | None:
    """The calendar of one batch, or None when no blackout or window risk is in play."""
    windows = build_windows(events, size)
    if (blackouts is None or blackouts.empty) and windows.size == 0:
        return None
    return Calendar(
        blackouts=blackouts if blackouts is not None else no_blackouts(size),
        windows=windows,
        happened=np.ascontiguousarray(happened, dtype=np.bool_),
        struck=np.zeros((happened.shape[0], windows.size), dtype=np.bool_),
    )


def plain_arrays(size: int, n: int) -> tuple[CalendarArrays, NDArray[np.bool_], NDArray[np.bool_]]:
    """Empty calendar arrays, for a pass with no blackouts or windows."""
    c = Calendar(
        no_blackouts(size),
        build_windows((), size),
        np.zeros((n, 0), dtype=np.bool_),
        np.zeros((n, 0), dtype=np.bool_),
    )
    return c.arrays(), c.happened, c.struck


@numba.njit(cache=True, inline="always")
def cutover_day(f: float) -> float:
    """The day a finish ``f`` is dated (a cut-over during day ``d`` is day ``d``)."""
    return math.ceil(f - 1e-9) - 1.0


@numba.njit(cache=True, inline="always")
def window_delay(j, end, cal, happened, struck, record):  # type: ignore[no-untyped-def]
    """The delay the window risks that happened add to activity ``j`` whose work ends at ``end``."""
    wptr, wevent, wdelay, wfirst, wlast = cal[3], cal[4], cal[5], cal[6], cal[7]
    extra = 0.0
    if wptr[j + 1] > wptr[j]:
        day = cutover_day(end)
        for w in range(wptr[j], wptr[j + 1]):
            if happened[wevent[w]] and wfirst[w] <= day <= wlast[w]:
                extra += wdelay[w]
                if record:
                    struck[w] = True
    return extra


@numba.njit(cache=True, inline="always")
def blackout_shift(j, f, cal):  # type: ignore[no-untyped-def]
    """Whole days that move finish ``f`` of activity ``j`` past the blackout its day is in."""
    bptr, bfirst, blast = cal[0], cal[1], cal[2]
    if bptr[j + 1] > bptr[j]:
        day = cutover_day(f)
        for b in range(bptr[j], bptr[j + 1]):
            if day < bfirst[b]:
                break
            if day <= blast[b]:
                return blast[b] + 1.0 - day
    return 0.0


def span_python(
    j: int, start: float, d: float, calendar: Calendar | None, sample: int, record: bool = True
) -> tuple[float, float]:
    """(start, duration) of activity ``j``'s work, ready at ``start`` for ``d`` days, once
    window risks struck and blackouts moved it; in plain Python, for the oracles."""
    if calendar is None:
        return start, d
    w, b = calendar.windows, calendar.blackouts
    day = math.ceil(start + d - 1e-9) - 1
    extra = 0.0
    for i in range(int(w.ptr[j]), int(w.ptr[j + 1])):
        if calendar.happened[sample, w.event[i]] and w.first[i] <= day <= w.last[i]:
            extra += float(w.delay[i])
            if record:
                calendar.struck[sample, i] = True
    d = d + extra
    day = math.ceil(start + d - 1e-9) - 1
    for i in range(int(b.ptr[j]), int(b.ptr[j + 1])):
        if b.first[i] <= day <= b.last[i]:
            return start + (float(b.last[i]) + 1 - day), d
    return start, d


def settle(
    calendar: Calendar | None,
    events: tuple[RiskEvent, ...],
    durations: NDArray[np.float64],
    happened: NDArray[np.bool_],
    risk_cost: NDArray[np.float64],
) -> tuple[NDArray[np.float64], NDArray[np.bool_], NDArray[np.float64]]:
    """After a pass: durations with the window delays that struck, which risks count as
    having happened (a window risk: when it struck) and the cost of those risks."""
    if calendar is None or calendar.windows.size == 0:
        return durations, happened, risk_cost
    windowed = np.array([e.window is not None for e in events])
    happened = np.where(windowed[None, :], calendar.struck_events(len(events)), happened)
    cost = np.array([e.cost for e in events], dtype=np.float64)
    return (
        durations + calendar.window_delays(durations.shape[1]),
        happened,
        np.asarray(happened.astype(np.float64) @ cost),
    )
