"""Transitional hosting: its cost per sample, and the tranches to contract.

The cost of a sample is read off the planner's own hosting terms
(:mod:`carveout.planning.hosting`), tabled per service by the month it cuts
over, so the simulation and the plan price the same dates the same way.

Recommending tranches is a chance-constrained covering problem: choose for each
hosted service an end month so that, in at least the chosen share of samples,
every service has left before its contract ends, at least total charge. It is
solved greedily on the sample: start with every service covered to its latest
sampled cut-over, then keep shortening by one month the contract whose saving
per newly failing sample is largest (free savings first) while the failing share
stays within ``1 - confidence``. Each step costs O(samples in one month bucket)
per service, so a 20,000-sample recommendation over 130 services takes well
under a second.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

import numba
import numpy as np
from numpy.typing import NDArray

from carveout.risk.model import HostingTables

DAYS_PER_MONTH = 365.25 / 12


@dataclass(frozen=True, slots=True)
class SampleCosts:
    """Per sample: transitional hosting (step-ups included), its step-ups, running cost."""

    hosting: NDArray[np.float64]
    step_up: NDArray[np.float64]
    running: NDArray[np.float64]


def cutover_months(
    finish: NDArray[np.floating], start: date, tables: HostingTables
) -> NDArray[np.int64]:
    """Samples × services: the month of each cut-over counted from ``tables.first_month``.

    ``finish`` counts days from ``start``; a cut-over during day ``d`` is dated day ``d``.
    """
    day = np.maximum(0.0, np.ceil(np.asarray(finish, dtype=np.float64) - 1e-9) - 1)
    return month_index(start, day) + tables.origin_shift


def _cumulated(
    table: NDArray[np.float64], last: NDArray[np.float64], months: NDArray[np.int64]
) -> NDArray[np.float64]:
    width = table.shape[1]
    inside = np.clip(months, 0, width - 1)
    rows = np.arange(table.shape[0])[None, :]
    value = table[rows, inside] + np.maximum(0, months - (width - 1)) * last[None, :]
    return np.asarray(np.where(months < 0, 0.0, value).sum(axis=1))


def sample_costs(finish: NDArray[np.floating], start: date, tables: HostingTables) -> SampleCosts:
    """The charges to go of each sample: the same function of cut-over dates as the plan's."""
    months = cutover_months(finish, start, tables)
    return SampleCosts(
        hosting=_cumulated(tables.hosting, tables.last_hosting, months),
        step_up=_cumulated(tables.step_up, tables.last_step_up, months),
        running=_cumulated(tables.running, tables.last_running, months),
    )


def month_index(start: date, days: NDArray[np.floating]) -> NDArray[np.int64]:
    """Calendar month of ``start + days`` counted from ``start``'s month (0 = same month)."""
    origin = np.datetime64(start, "D")
    when = origin + np.floor(np.asarray(days)).astype("timedelta64[D]")
    months = when.astype("datetime64[M]") - origin.astype("datetime64[M]")
    return np.asarray(months.astype(np.int64))


def month_end(start: date, index: int) -> date:
    """The last day of month ``index`` counted from ``start``'s month."""
    first_next = np.datetime64(start, "M") + np.timedelta64(index + 1, "M")
    day = first_next.astype("datetime64[D]") - np.timedelta64(1, "D")
    # past the calendar's end (the longest work, end to end), the end is its last day
    last: date = min(day, np.datetime64(date.max)).astype(date)
    return last


@numba.njit(cache=True)
def _greedy(order, months, charge, budget, end):  # type: ignore[no-untyped-def]
    """Shorten contracts month by month; ``order[s]`` lists samples by descending month."""
    n, services = months.shape
    violated = np.zeros(n, dtype=np.int64)
    failing = 0
    ptr = np.zeros(services, dtype=np.int64)  # samples already beyond the contract
    while True:
        best, best_score, best_new = -1, -1.0, 0
        for s in range(services):
            if end[s] <= 0 or charge[s] <= 0.0:
                continue
            new = 0
            q = ptr[s]
            while q < n and months[order[s, q], s] >= end[s]:
                if violated[order[s, q]] == 0:
                    new += 1
                q += 1
            if failing + new > budget:
                continue
            score = charge[s] * 1e12 if new == 0 else charge[s] / new
            if score > best_score:
                best, best_score, best_new = s, score, new
        if best < 0:
            return
        s = best
        q = ptr[s]
        while q < n and months[order[s, q], s] >= end[s]:
            violated[order[s, q]] += 1
            q += 1
        ptr[s] = q
        failing += best_new
        end[s] -= 1


def recommend_ends(
    months: NDArray[np.int64], charges: NDArray[np.float64], confidence: float
) -> NDArray[np.int64]:
    """The last month each service is contracted for (samples × services of cut-over months).

    A service is covered in a sample when its cut-over month is at most its end month.
    """
    n = months.shape[0]
    months = np.ascontiguousarray(months, dtype=np.int64)
    end = months.max(axis=0) if n else np.zeros(months.shape[1], dtype=np.int64)
    order = np.ascontiguousarray(np.argsort(-months, axis=0, kind="stable").T)
    budget = int(np.floor((1.0 - confidence) * n + 1e-9))
    _greedy(order, months, np.asarray(charges, dtype=np.float64), budget, end)
    return np.asarray(end)


def merge_ends(
    ends: NDArray[np.int64], charges: NDArray[np.float64], most: int
) -> NDArray[np.int64]:
    """At most ``most`` distinct end months, by extending contracts at least extra charge.

    Ends only move later, so every sample covered before stays covered. The best
    grouping of the sorted distinct ends into runs (each extended to its run's last
    end) is found by dynamic programming in O(most · d²) for d distinct ends.
    """
    values = np.unique(ends)
    d = values.size
    if d <= most:
        return ends
    weight = np.array([charges[ends == v].sum() for v in values])
    # cost[i][j]: extending the ends values[i..j] to values[j].
    cost = np.zeros((d, d))
    for i in range(d):
        for j in range(i, d):
            cost[i, j] = float(np.sum(weight[i : j + 1] * (values[j] - values[i : j + 1])))
    best = np.full((most + 1, d + 1), np.inf)
    cut = np.zeros((most + 1, d + 1), dtype=np.int64)
    best[0, 0] = 0.0
    for k in range(1, most + 1):
        for j in range(1, d + 1):
            for i in range(j):
                c = best[k - 1, i] + cost[i, j - 1]
                if c < best[k, j]:
                    best[k, j], cut[k, j] = c, i
    mapping: dict[int, int] = {}
    j, k = d, int(np.argmin(best[:, d]))
    while j > 0:
        i = int(cut[k, j])
        for v in values[i:j]:
            mapping[int(v)] = int(values[j - 1])
        j, k = i, k - 1
    return np.array([mapping[int(e)] for e in ends], dtype=np.int64)


@dataclass(frozen=True, slots=True)
class Contract:
    """Services hosted by ``host`` to contract from ``start`` until ``until`` (a month end)."""

    host: str
    start: date
    until: date
    services: tuple[str, ...]
    monthly_charge: float
    cost: float


def group_contracts(
    *,
    tables: HostingTables,
    names: tuple[str, ...],
    hosts: tuple[str, ...],
    members: NDArray[np.int64],
    ends: NDArray[np.int64],
    most: int = 3,
) -> list[Contract]:
    """Services with the same host and end month, in at most ``most`` tranches per host.

    ``members`` are the rows of ``tables`` the services are; ``ends`` their last
    contracted month (counted from ``tables.first_month``). A contract starts at
    the first month to go, or later when its services' tranches start later,
    and costs what the hosting terms charge for its services to its end.
    """
    ends = np.array(ends, dtype=np.int64)
    charges = tables.monthly[members]
    for host in set(hosts):
        mine = np.array([h == host for h in hosts])
        ends[mine] = merge_ends(ends[mine], charges[mine], most)
    buckets: dict[tuple[str, int], list[int]] = defaultdict(list)
    for j, (host, end) in enumerate(zip(hosts, ends, strict=True)):
        buckets[(host, int(end))].append(j)
    contracts = []
    for (host, end), group in sorted(buckets.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        rows = members[group]
        months = np.full(len(rows), end, dtype=np.int64)[None, :]
        priced = tables.has_tranche[rows].any()
        hosting = tables.hosting[rows] if priced else tables.running[rows]
        last = tables.last_hosting[rows] if priced else tables.last_running[rows]
        cost = float(_cumulated(hosting, last, months)[0])
        first = int(max(0, tables.tranche_start[rows].min()))
        contracts.append(
            Contract(
                host=host,
                start=month_start_of(tables.first_month, first),
                until=month_end(tables.first_month, end),
                services=tuple(names[j] for j in group),
                monthly_charge=float(charges[group].sum()),
                cost=cost,
            )
        )
    return contracts


def month_start_of(first: date, index: int) -> date:
    """The first day of month ``index`` counted from ``first``'s month."""
    month = np.datetime64(first, "M") + np.timedelta64(index, "M")
    first_day: date = min(month.astype("datetime64[D]"), np.datetime64(date.max, "D")).astype(date)
    return first_day
