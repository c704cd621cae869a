"""The rows of the time-indexed relaxation (:mod:`carveout.planning.relaxation_bound`).

Each function adds one family of constraints, ``A x ≤ r``, over the end-week
columns of :class:`Ends` and the bridges' columns; why each is met by every plan
is argued in the bound's module.
"""

from __future__ import annotations

import numpy as np
from scipy.sparse import coo_array, csr_array

from carveout.planning.service_floor import service_floors
from carveout.planning.terms import SeparationModel

Int = np.int64


class Rows:
    """The constraint matrix ``A x ≤ r`` as blocks of triplets."""

    def __init__(self) -> None:
        self.count = 0
        self.parts: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
        self.rhs: list[np.ndarray] = []

    def add(self, cols: list[np.ndarray], vals: list[np.ndarray], rhs: np.ndarray) -> None:
        """Rows ``Σ_k vals[k][r] · x[cols[k][r]] ≤ rhs[r]``; a column of -1 is left out."""
        rows = np.arange(self.count, self.count + len(rhs), dtype=Int)
        for col, val in zip(cols, vals, strict=True):
            keep = (col >= 0) & (val != 0)
            self.parts.append((rows[keep], col[keep], val[keep]))
        self.rhs.append(rhs.astype(Int))
        self.count += len(rhs)

    def add_one(self, cols: np.ndarray, vals: np.ndarray, rhs: int) -> None:
        """One row ``Σ vals[i] · x[cols[i]] ≤ rhs``."""
        keep = vals != 0
        self.parts.append((np.full(int(keep.sum()), self.count, dtype=Int), cols[keep], vals[keep]))
        self.rhs.append(np.array([rhs], dtype=Int))
        self.count += 1

    def matrix(self, columns: int) -> tuple[csr_array, np.ndarray]:
        if not self.parts:
            return csr_array((0, columns), dtype=Int), np.zeros(0, dtype=Int)
        rows, cols, vals = (np.concatenate([p[i] for p in self.parts]) for i in range(3))
        shape = (self.count, columns)
        return coo_array((vals, (rows, cols)), shape=shape, dtype=Int).tocsr(), np.concatenate(
            self.rhs
        )


class Ends:
    """Where each service can end, in buckets of ``size`` weeks.

    ``F_j(m)`` ("``j`` ends by week ``m · size``") is 0 below ``first[j]``, 1 from
    ``last[j]`` on, and column ``base[j] + m − first[j]`` between.
    """

    def __init__(self, model: SeparationModel, size: int, until: int | None = None) -> None:
        self.size = size
        self.earliest = [int(end.proto.domain[0]) for end in model.core.ends]
        self.latest = [int(list(end.proto.domain)[-1]) for end in model.core.ends]
        self.first = [-(-e // size) for e in self.earliest]
        self.last = [-(-e // size) for e in self.latest]
        if until is not None:  # every end from bucket ``until`` on is one state: "late"
            self.last = [
                max(f, min(last, until)) for f, last in zip(self.first, self.last, strict=True)
            ]
        self.base = []
        column = 0
        for first, last in zip(self.first, self.last, strict=True):
            self.base.append(column)
            column += last - first
        self.columns = column

    def ends_by_last(self, j: int) -> int:
        """1 when ``F_j`` at its last bucket means "ended by then", 0 when it is the late state."""
        return int(self.last[j] == -(-self.latest[j] // self.size))

    def at(self, j: int, m: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Columns of ``F_j(m)`` (-1 outside the window) and its constant value there."""
        inside = (m >= self.first[j]) & (m < self.last[j])
        cols = np.where(inside, self.base[j] + m - self.first[j], -1)
        return cols, (m >= self.last[j]).astype(Int)


def add_capacity(rows: Rows, model: SeparationModel, ends: Ends) -> None:
    """Per team and bucket, the least load each end bucket surely puts in it ≤ the capacity;
    and again with the loads weighed for packing (:func:`packing_weights`)."""
    sep, size = model.separation, ends.size
    for team, indices in sep.team_members().items():
        buckets = max(ends.last[j] for j in indices)
        caps = np.asarray(sep.capacities[team], dtype=Int)
        flat = np.full(buckets * size, caps.max(initial=0), dtype=Int)
        flat[: min(len(caps), len(flat))] = caps[: len(flat)]
        weekly = flat.reshape(buckets, size)
        overlaps = [least_overlaps(ends, j, sep.moves[j].duration, buckets) for j in indices]
        loads = [sep.moves[j].load for j in indices]
        plain = [np.full(buckets, load, dtype=Int) for load in loads]
        _team_rows(rows, ends, indices, overlaps, plain, weekly.sum(axis=1))
        peak = weekly.max(axis=1)
        # Per bucket, the largest load at most half its capacity (else half of it): the
        # loads above the other side of the team then count as the whole team.
        sizes = np.unique(np.asarray(loads, dtype=Int))
        below = np.searchsorted(sizes, peak // 2, side="right") - 1
        edge = np.where(below >= 0, sizes[np.maximum(below, 0)], peak // 2)
        if edge.any():
            weights = [packing_weights(load, peak, edge) for load in loads]
            _team_rows(rows, ends, indices, overlaps, weights, peak * size)


def packing_weights(load: int, capacity: np.ndarray, edge: np.ndarray) -> np.ndarray:
    """A load's weight in weeks of ``capacity`` people, by a dual-feasible function.

    With ``e = min(edge, c // 2)`` the weight is ``c`` for a load above
    ``c − e``, the load itself from ``e`` to ``c − e``, and nothing below ``e``
    (Fekete and Schepers' function ``u_ε``, ``ε = e / c``, scaled by ``c``).
    Any loads that fit together in ``c`` have weights that do too, so a team's
    row with these weights against ``c`` holds in every plan. It is tighter
    than the plain row where loads above half the team cannot run together.
    A capacity of a bucket is its busiest week's, so it holds in each week.
    """
    edge = np.minimum(edge, capacity // 2)
    return np.where(load > capacity - edge, capacity, np.where(load >= edge, load, 0))


def least_overlaps(
    ends: Ends, j: int, duration: int, buckets: int
) -> tuple[np.ndarray, np.ndarray]:
    """For each bucket ``k`` and each end bucket ``m`` of service ``j``, the least weeks of
    ``k`` its migration runs in when it ends in ``m`` (buckets × end buckets), and the ``m``."""
    size = ends.size
    t = np.arange(ends.earliest[j], ends.latest[j] + 1, dtype=Int)  # its possible ends
    k = np.arange(buckets, dtype=Int)[:, None]
    overlap = np.maximum(np.minimum(t, (k + 1) * size) - np.maximum(t - duration, k * size), 0)
    groups = np.minimum(-(-t // size), ends.last[j])
    starts = np.flatnonzero(np.r_[True, groups[1:] != groups[:-1]])
    return np.minimum.reduceat(overlap, starts, axis=1), groups[starts]


def _team_rows(
    rows: Rows,
    ends: Ends,
    indices: list[int],
    overlaps: list[tuple[np.ndarray, np.ndarray]],
    weights: list[np.ndarray],
    rhs: np.ndarray,
) -> None:
    """One row per bucket ``k``: ``Σ_j Σ_m w_j(k) ô_j(m, k)(F_j(m) − F_j(m−1)) ≤ rhs(k)``."""
    rhs = rhs.copy()
    cols: list[np.ndarray] = []
    vals: list[np.ndarray] = []
    row_of: list[np.ndarray] = []
    for j, (overlap, m), weight in zip(indices, overlaps, weights, strict=True):
        least = overlap * weight[:, None]
        # Σ_m ô(m)(F(m) − F(m−1)) = Σ_{m<last} (ô(m) − ô(m+1)) F(m) + ô(last).
        rhs -= least[:, -1]
        steps = least[:, :-1] - least[:, 1:]
        col = ends.at(j, m[:-1])[0]
        kk, mm = np.nonzero(steps)
        row_of.append(kk)
        cols.append(col[mm])
        vals.append(steps[kk, mm])
    rows.parts.append(
        (np.concatenate(row_of) + rows.count, np.concatenate(cols), np.concatenate(vals))
    )
    rows.rhs.append(rhs)
    rows.count += len(rhs)


def add_wait(rows: Rows, ends: Ends, after: int, before: int, shift: int, paid: int) -> None:
    """``F_after(m) ≤ F_before(m − shift) [+ b]``: the consumer ends ``shift`` buckets after.

    The rows run to the consumer's last bucket, where it has surely ended (unless that is the
    late state), so a provider not paid for ends in time for its latest end.
    """
    m = np.arange(ends.first[after], ends.last[after] + ends.ends_by_last(after), dtype=Int)
    source, given = ends.at(before, m - shift)
    keep = given < 1  # a provider surely cut over by then leaves nothing to meet
    m, source = m[keep], source[keep]
    own, done = ends.at(after, m)
    ones = np.ones_like(m)
    rows.add([own, source, np.full_like(m, paid)], [ones, -ones, -ones], -done)


def add_bridge_floors(rows: Rows, model: SeparationModel, ends: Ends, bridge_col: int) -> None:
    """The bridges into each service cost at least what ending then needs with its providers
    at their earliest: ``Σ cost · b ≥ Σ_m g(m)(F(m) − F(m−1))``, ``g(m)`` that least at the
    last end of bucket ``m`` (it falls as the end moves later)."""
    sep = model.separation
    into: dict[int, list[int]] = {}
    for k, bridge in enumerate(sep.bridges):
        into.setdefault(bridge.after, []).append(k)
    floors = service_floors(model)
    for j, bridges in into.items():
        floor = floors[j]
        if ends.first[j] >= ends.last[j]:
            continue
        exact = floor.exact_costs(ends.latest[j])
        m = np.arange(ends.first[j], ends.last[j] + 1, dtype=Int)
        at = np.where(m < ends.last[j], np.minimum(m * ends.size, ends.latest[j]), ends.latest[j])
        least = np.array([(exact[t] or 0) - floor.hosting(int(t)) for t in at], dtype=Int)
        steps = least[:-1] - least[1:]
        cols = np.r_[ends.at(j, m[:-1])[0], bridge_col + np.array(bridges, dtype=Int)]
        vals = np.r_[steps, -np.array([sep.in_units(sep.bridges[k].cost) for k in bridges])]
        rows.add_one(cols, vals.astype(Int), int(-least[-1]))


def add_together(rows: Rows, model: SeparationModel, ends: Ends) -> None:
    """Services that start together: ``T_a − d_a = T_b − d_b``, as a wait each way."""
    sep = model.separation
    for group in sep.together:
        first = group[0]
        for other in group[1:]:
            gap = sep.moves[other].duration - sep.moves[first].duration
            add_wait(rows, ends, other, first, gap // ends.size, -1)
            add_wait(rows, ends, first, other, -gap // ends.size, -1)


def add_forbidden(rows: Rows, model: SeparationModel, ends: Ends) -> None:
    """No end in a freeze: ``F(m) ≤ F(m − 1)`` for each end bucket none of whose ends is
    allowed (every one forbidden or outside the window)."""
    for move in model.separation.moves:
        j = move.index
        if not move.forbidden_ends or ends.first[j] >= ends.last[j]:
            continue
        allowed = np.zeros(ends.latest[j] + 1, dtype=bool)
        allowed[ends.earliest[j] :] = True
        for lo, hi in move.forbidden_ends:
            allowed[max(0, lo) : max(0, min(hi, len(allowed)))] = False
        size = ends.size
        shut = np.array(
            [
                m
                for m in range(ends.first[j], ends.last[j])
                if not allowed[max(0, (m - 1) * size + 1) : m * size + 1].any()
            ],
            dtype=Int,
        )
        if len(shut):
            own, prior = ends.at(j, shut)[0], ends.at(j, shut - 1)[0]
            ones = np.ones_like(shut)
            rows.add([own, prior], [ones, -ones], 0 * shut)
