"""The resource-aware schedule of one sample in plain Python: the oracle the compiled
serial schedule-generation scheme (:mod:`carveout.risk.resources`) is tested against."""

from __future__ import annotations

import math

from carveout.risk.calendars import Calendar, span_python
from carveout.risk.network import Network
from carveout.risk.resources import _EPS, effective_demand


def schedule_python(
    durations: list[float], network: Network, *, calendar: Calendar | None = None, sample: int = 0
) -> list[float]:
    """One sample scheduled with plain Python on a day-free event list (a test oracle).

    With a ``calendar`` (row ``sample`` of its risks), cut-overs move as in :func:`schedule`.
    """
    demand = effective_demand(network)
    steps: list[list[tuple[float, float]]] = [
        [
            (-math.inf if i == network.cap_ptr[k] else float(network.cap_time[i]), float(level))
            for i, level in enumerate(network.cap_level)
            if network.cap_ptr[k] <= i < network.cap_ptr[k + 1]
        ]
        for k in range(len(network.team_names))
    ]
    booked: list[list[tuple[float, float, float]]] = [[] for _ in steps]
    finish: list[float] = []

    def free_at(k: int, x: float) -> float:
        level = [lv for t, lv in steps[k] if t <= x][-1]
        return level - sum(r for s, e, r in booked[k] if s <= x < e)

    def span(j: int, c: float, d: float, record: bool) -> tuple[float, float]:
        """(start, end) of work ready at ``c``, moved by the calendar."""
        s0, d = span_python(j, c, d, calendar, sample, record)
        return s0, s0 + d

    for j, d in enumerate(durations):
        t = max([float(network.release[j])] + [finish[p] for p in network.predecessors(j)])
        k, r = int(network.team[j]), float(demand[j])
        if r > 0 and d > 0:
            # Candidate starts: t and every later moment at which free capacity rises
            # (with a calendar, changes: a moved span may fit after a drop).
            cands = sorted({t} | {x for x, _ in steps[k] if x > t} | {e for _, e, _ in booked[k]})
            if calendar is not None:
                cands = sorted(set(cands) | {s for s, _, _ in booked[k]})
            for c in (c for c in cands if c >= t):
                s0, e0 = span(j, c, d, False)
                points = {s0} | {x for x, _ in steps[k] if s0 < x < e0}
                points |= {s for s, _, _ in booked[k] if s0 < s < e0}
                if all(free_at(k, x) >= r - _EPS for x in points):
                    t = c
                    break
            s0, e0 = span(j, t, d, True)
            booked[k].append((s0, e0, r))
            finish.append(e0)
        else:
            s0, d = span_python(j, t, d, calendar, sample)
            finish.append(s0 + d)
    return finish
