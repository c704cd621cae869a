"""The typed input of a simulation: activities, precedence, teams and capacities.

Activities are numbered in an order that is both topological (every predecessor
comes first) and the plan's priority order, so one left-to-right sweep is a valid
forward pass and a valid serial schedule-generation order. Time is in calendar
days from the programme start.
"""

from __future__ import annotations

import heapq
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from carveout.risk.distributions import Shape, standard_mode, tables_for


@dataclass(frozen=True, eq=False)
class Network:
    """Activities with three-point durations, predecessors (CSR) and team demands.

    ``pred_ptr``/``pred_idx`` list the predecessors of activity ``j`` as
    ``pred_idx[pred_ptr[j]:pred_ptr[j + 1]]``, all smaller than ``j``. Team ``k``'s
    capacity is a step function: ``cap_level[i]`` people from ``cap_time[i]`` on, for
    ``i`` in ``cap_ptr[k]:cap_ptr[k + 1]`` (times ascending, the first at 0; the last
    level holds for ever).
    """

    names: tuple[str, ...]
    low: NDArray[np.float64]
    mode: NDArray[np.float64]
    high: NDArray[np.float64]
    shapes: tuple[Shape, ...]
    release: NDArray[np.float64]
    pred_ptr: NDArray[np.int64]
    pred_idx: NDArray[np.int64]
    team: NDArray[np.int64] = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    demand: NDArray[np.float64] = field(default_factory=lambda: np.zeros(0))
    team_names: tuple[str, ...] = ()
    cap_ptr: NDArray[np.int64] = field(default_factory=lambda: np.zeros(1, dtype=np.int64))
    cap_time: NDArray[np.float64] = field(default_factory=lambda: np.zeros(0))
    cap_level: NDArray[np.float64] = field(default_factory=lambda: np.zeros(0))
    tables: NDArray[np.float64] = field(init=False)
    table_index: NDArray[np.int64] = field(init=False)

    def __post_init__(self) -> None:
        n = len(self.names)
        for name in ("low", "mode", "high", "release"):
            if getattr(self, name).shape != (n,):
                raise ValueError(f"{name} must have one value per activity")
        if np.any(self.low > self.mode) or np.any(self.mode > self.high):
            raise ValueError("needs low ≤ mode ≤ high for every activity")
        for j in range(n):
            preds = self.pred_idx[self.pred_ptr[j] : self.pred_ptr[j + 1]]
            if np.any(preds >= j) or np.any(preds < 0):
                raise ValueError(f"activity {self.names[j]} has a predecessor after it")
        modes = np.array(
            [standard_mode(a, m, b) for a, m, b in zip(self.low, self.mode, self.high, strict=True)]
        )
        tables, index = tables_for(list(self.shapes), modes)
        object.__setattr__(self, "tables", tables)
        object.__setattr__(self, "table_index", index)

    @property
    def size(self) -> int:
        return len(self.names)

    @property
    def span(self) -> NDArray[np.float64]:
        return np.asarray(self.high - self.low)

    @property
    def has_resources(self) -> bool:
        return self.team.size == self.size and len(self.team_names) > 0

    def predecessors(self, j: int) -> NDArray[np.int64]:
        return np.asarray(self.pred_idx[self.pred_ptr[j] : self.pred_ptr[j + 1]])


def build_network(
    *,
    names: Sequence[str],
    estimates: Sequence[tuple[float, float, float]],
    edges: Sequence[tuple[str, str]] = (),
    shape: Shape | Sequence[Shape] = Shape.PERT,
    release: Sequence[float] | None = None,
    priority: Sequence[float] | None = None,
    teams: Mapping[str, Sequence[tuple[float, float]]] | None = None,
    team_of: Sequence[str] | None = None,
    demand: Sequence[float] | None = None,
) -> Network:
    """A :class:`Network` from named activities and ``(before, after)`` edges.

    Activities are reordered topologically, taking the lowest ``priority`` first
    among those ready (the input order by default). ``teams`` maps a team to its
    capacity steps ``[(from_day, people), …]``; ``team_of`` and ``demand`` give each
    activity's team and the people it occupies.
    """
    n = len(names)
    pos = {name: i for i, name in enumerate(names)}
    if len(pos) != n:
        raise ValueError("activity names must be unique")
    succ: list[list[int]] = [[] for _ in range(n)]
    indegree = [0] * n
    for before, after in set(edges):
        succ[pos[before]].append(pos[after])
        indegree[pos[after]] += 1
    prio = list(priority) if priority is not None else list(range(n))
    ready = [(prio[i], i) for i in range(n) if indegree[i] == 0]
    heapq.heapify(ready)
    order: list[int] = []
    while ready:
        _, i = heapq.heappop(ready)
        order.append(i)
        for k in succ[i]:
            indegree[k] -= 1
            if indegree[k] == 0:
                heapq.heappush(ready, (prio[k], k))
    if len(order) != n:
        raise ValueError("the precedence edges contain a cycle")
    new = {old: j for j, old in enumerate(order)}
    preds: list[list[int]] = [[] for _ in range(n)]
    for i in range(n):
        for k in succ[i]:
            preds[new[k]].append(new[i])
    pred_ptr = np.zeros(n + 1, dtype=np.int64)
    pred_ptr[1:] = np.cumsum([len(p) for p in preds])
    pred_idx = np.array([p for ps in preds for p in sorted(ps)], dtype=np.int64)
    est = np.asarray(estimates, dtype=np.float64).reshape(n, 3)[order]
    shapes = [shape] * n if isinstance(shape, Shape) else [shape[i] for i in order]
    rel = np.zeros(n) if release is None else np.asarray(release, dtype=np.float64)[order]
    extra: dict[str, object] = {}
    if teams is not None and team_of is not None:
        team_names = tuple(teams)
        tpos = {t: k for k, t in enumerate(team_names)}
        cap_ptr = np.zeros(len(team_names) + 1, dtype=np.int64)
        times: list[float] = []
        levels: list[float] = []
        for k, t in enumerate(team_names):
            steps = sorted(teams[t])
            if not steps or steps[0][0] > 0:
                steps = [(0.0, 0.0), *steps]
            times += [float(s[0]) for s in steps]
            levels += [float(s[1]) for s in steps]
            cap_ptr[k + 1] = len(times)
        need = np.ones(n) if demand is None else np.asarray(demand, dtype=np.float64)
        extra = {
            "team": np.array([tpos[team_of[i]] for i in order], dtype=np.int64),
            "demand": need[order],
            "team_names": team_names,
            "cap_ptr": cap_ptr,
            "cap_time": np.array(times),
            "cap_level": np.array(levels),
        }
    return Network(
        names=tuple(names[i] for i in order),
        low=np.ascontiguousarray(est[:, 0]),
        mode=np.ascontiguousarray(est[:, 1]),
        high=np.ascontiguousarray(est[:, 2]),
        shapes=tuple(shapes),
        release=np.ascontiguousarray(rel),
        pred_ptr=pred_ptr,
        pred_idx=pred_idx,
        **extra,  # type: ignore[arg-type]
    )
