"""What the serial schemes place activities on: same-start units and the booking grid.

Activities that must start together are placed as one unit; the unit network holds the
precedences between units. The booking grid is each resource's free capacity over time,
so that placing one activity costs O(m * T) with numpy.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np

from carveout.planning.rcpsp.instance import Activity, Instance, Precedence


def same_start_units(instance: Instance) -> list[list[int]]:
    """Activities grouped by the same-start relation (union-find), in first-member order."""
    parent = list(range(instance.size))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for group in instance.together:
        for a, b in itertools.pairwise(group):
            parent[find(a)] = find(b)
    members: dict[int, list[int]] = {}
    for i in range(instance.size):
        members.setdefault(find(i), []).append(i)
    return sorted(members.values(), key=lambda g: g[0])


@dataclass(frozen=True, slots=True)
class UnitNetwork:
    """Same-start units and the precedences between them, for schemes that place whole units.

    ``preds[u]`` lists the precedences into unit ``u`` from other units,
    ``succs[u]`` the units that wait for it.
    """

    units: list[list[int]]
    unit_of: list[int]
    preds: list[list[Precedence]]
    succs: list[set[int]]

    def waiting(self) -> list[int]:
        """How many other units each unit waits for (a fresh list, to count down)."""
        return [len({self.unit_of[p.before] for p in preds}) for preds in self.preds]


def unit_network(instance: Instance) -> UnitNetwork:
    """The same-start units of ``instance`` with the precedences between them."""
    units = same_start_units(instance)
    unit_of = [0] * instance.size
    for u, members in enumerate(units):
        for i in members:
            unit_of[i] = u
    preds: list[list[Precedence]] = [[] for _ in units]
    succs: list[set[int]] = [set() for _ in units]
    for p in instance.precedences:
        before, after = unit_of[p.before], unit_of[p.after]
        if before != after:
            preds[after].append(p)
            succs[before].add(after)
    return UnitNetwork(units, unit_of, preds, succs)


class BookingGrid:
    """Remaining capacity per resource and time, grown on demand.

    From ``settled`` on (after every capacity change and every booking) the
    remaining capacity is the base capacity for good, so a search for a start
    time never needs to look further than that: an activity that does not fit
    there never fits, and the grid stays as long as the schedule itself.
    """

    def __init__(self, instance: Instance, length: int) -> None:
        self.instance = instance
        self.settled = max((e for r in instance.resources for _, e, _ in r.profile), default=0)
        self.free = np.zeros((len(instance.resources), 0), dtype=np.int64)
        self._grow(max(length, 16))

    def _grow(self, length: int) -> None:
        old = self.free.shape[1]
        extra = np.empty((self.free.shape[0], length - old), dtype=np.int64)
        times = np.arange(old, length)
        for r, resource in enumerate(self.instance.resources):
            extra[r, :] = resource.capacity
            for s, e, c in resource.profile:
                extra[r, (times >= s) & (times < e)] = c
        self.free = np.concatenate([self.free, extra], axis=1)

    def _ensure(self, length: int) -> None:
        """At least ``length`` columns, doubling so that growth costs O(1) per column."""
        if self.free.shape[1] < length:
            self._grow(max(length, 2 * self.free.shape[1]))

    def earliest(self, acts: list[Activity], t0: int) -> int:
        """The first t >= t0 at which all ``acts`` can start together.

        Raises ``ValueError`` when there is none: past ``settled`` and every
        forbidden end the situation no longer changes, so that is where to stop.
        """
        t0 = max(t0, 0)
        span = max(a.duration for a in acts)
        last = max([t0, self.settled, *(b for a in acts for _, b in a.forbidden_ends)])
        self._ensure(last + span + 1)
        usage = np.zeros((self.free.shape[0], span), dtype=np.int64)
        for a in acts:
            usage[:, : a.duration] += np.asarray(a.demands, dtype=np.int64)[:, None]
        ok_start = self._fits(usage, self.free.shape[1])
        for t in np.flatnonzero(ok_start[t0 : last + 1]) + t0:
            if all(_end_allowed(a, int(t)) for a in acts):
                return int(t)
        names = ", ".join(a.name for a in acts)
        raise ValueError(
            f"{names} can never start: no time from {t0} on leaves enough capacity "
            "for its demand on every resource"
        )

    def _fits(self, usage: np.ndarray, length: int) -> np.ndarray:
        """For each start time, whether ``usage`` fits in the remaining capacity."""
        span = usage.shape[1]
        ok = np.ones(length - span + 1 if span else length, dtype=bool)
        if span == 0:
            return ok
        for r in np.flatnonzero(usage.max(axis=1) > 0):
            row = usage[r]
            if np.all(row == row[0]):
                bad = np.concatenate([[0], np.cumsum(self.free[r] < row[0])])
                ok &= (bad[span:] - bad[:-span]) == 0
            else:
                for k in np.flatnonzero(row):
                    ok &= self.free[r, k : length - span + 1 + k] >= row[k]
        return ok

    def book(self, activity: Activity, t: int) -> None:
        """Take the activity's demand off the remaining capacity."""
        self._ensure(t + activity.duration + 1)
        if activity.duration and any(activity.demands):
            self.free[:, t : t + activity.duration] -= np.asarray(activity.demands)[:, None]
            self.settled = max(self.settled, t + activity.duration)


def _end_allowed(activity: Activity, t: int) -> bool:
    end = t + activity.duration
    return not any(a <= end < b for a, b in activity.forbidden_ends)
