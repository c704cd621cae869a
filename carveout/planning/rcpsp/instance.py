"""The input of the scheduling core: activities, renewable resources and their relations.

Times are integers in an abstract unit (days for a separation plan, periods for
PSPLIB). Activities and resources are referred to by their position.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Resource:
    """A renewable resource such as a team.

    ``capacity`` holds at every time not covered by ``profile``; each profile
    entry ``(start, end, capacity)`` overrides it on ``[start, end)`` (a later
    entry wins where entries overlap).
    """

    name: str
    capacity: int
    profile: tuple[tuple[int, int, int], ...] = ()

    def capacity_steps(self) -> tuple[tuple[int, int, int], ...]:
        """The capacity as disjoint ``(start, end, capacity)`` pieces where it differs from base."""
        points = sorted({t for s, e, _ in self.profile for t in (s, e)})
        steps: list[tuple[int, int, int]] = []
        for left, right in itertools.pairwise(points):
            level = self.capacity
            for s, e, c in self.profile:
                if s <= left and right <= e:
                    level = c
            if level == self.capacity:
                continue
            if steps and steps[-1][1] == left and steps[-1][2] == level:
                steps[-1] = (steps[-1][0], right, level)
            else:
                steps.append((left, right, level))
        return tuple(steps)

    @property
    def peak(self) -> int:
        """The highest capacity the resource ever has."""
        return max([self.capacity, *(c for _, _, c in self.profile)])

    def below_peak(self, horizon: int) -> list[tuple[int, int, int]]:
        """The ``(start, end, capacity)`` pieces of ``[0, horizon)`` where the capacity is
        below :attr:`peak` (a negative capacity counts as none)."""
        peak, base = self.peak, self.capacity
        pieces: list[tuple[int, int, int]] = []
        t = 0
        for s, e, level in self.capacity_steps():
            s, e = max(s, 0), min(e, horizon)
            if s > t and base < peak:
                pieces.append((t, s, base))
            if e > s and level < peak:
                pieces.append((s, e, max(level, 0)))
            t = max(t, e)
        if t < horizon and base < peak:
            pieces.append((t, horizon, base))
        return pieces


@dataclass(frozen=True, slots=True)
class Activity:
    """A non-preemptive piece of work.

    ``forbidden_ends`` lists half-open windows ``[a, b)`` in which the activity
    may not end (blackouts on cut-over). ``fixed_start`` freezes the activity.
    """

    name: str
    duration: int
    demands: tuple[int, ...]
    release: int = 0
    deadline: int | None = None
    fixed_start: int | None = None
    forbidden_ends: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True, slots=True)
class Precedence:
    """``start[after] >= end[before] + lag`` (activity positions)."""

    before: int
    after: int
    lag: int = 0


@dataclass(frozen=True, slots=True)
class Instance:
    """A resource-constrained project scheduling problem.

    ``together`` lists groups of activities that must start at the same time.
    ``horizon``, when given, bounds every end; otherwise the core derives one.
    """

    activities: tuple[Activity, ...]
    resources: tuple[Resource, ...]
    precedences: tuple[Precedence, ...] = ()
    together: tuple[tuple[int, ...], ...] = ()
    horizon: int | None = None
    name: str = ""

    def __post_init__(self) -> None:
        n, m = len(self.activities), len(self.resources)
        for a in self.activities:
            if len(a.demands) != m:
                raise ValueError(
                    f"activity {a.name!r} has {len(a.demands)} demands for {m} resources"
                )
            if a.duration < 0 or any(d < 0 for d in a.demands):
                raise ValueError(f"activity {a.name!r} has a negative duration or demand")
        for p in self.precedences:
            if not (0 <= p.before < n and 0 <= p.after < n) or p.before == p.after:
                raise ValueError(f"precedence {p} refers to a missing activity")
        for group in self.together:
            if any(not 0 <= i < n for i in group):
                raise ValueError(f"together group {group} refers to a missing activity")

    @property
    def size(self) -> int:
        """The number of activities."""
        return len(self.activities)

    def safe_horizon(self) -> int:
        """An end time by which any feasible schedule can be compressed (when one exists).

        Running activities one after another after every release, fixed start
        and capacity change always fits unless a resource is too small.
        """
        if self.horizon is not None:
            return self.horizon
        latest = [0]
        for a in self.activities:
            latest.append(a.release)
            if a.fixed_start is not None:
                latest.append(a.fixed_start + a.duration)
            latest.extend(b for _, b in a.forbidden_ends)
        for r in self.resources:
            latest.extend(e for _, e, _ in r.profile)
        lags = sum(max(p.lag, 0) for p in self.precedences)
        return max(latest) + sum(a.duration for a in self.activities) + lags
