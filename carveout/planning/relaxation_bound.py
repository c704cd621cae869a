"""A lower bound from the time-indexed linear relaxation of the whole plan.

The bounds of :mod:`carveout.planning.cost_bound` each see one side of the
problem: a team's capacity, or a tree of waits. A plan delays services because
the two compound (a provider waits for its team, so its consumers wait for it).
This relaxation sees both at once. For each service ``j`` and each week ``t`` of
its window ``[e_j, L_j)`` of end weeks (the CP-SAT model's end domain) a
variable ``F_j(t)`` in ``[0, 1]`` stands for "``j`` has cut over by the end of
week ``t``" (``F_j`` is 0 before the window and 1 from ``L_j`` on); each
bridge has a variable ``b`` in ``[0, 1]``, "paid". The constraints, for every
week:

- ``F_j(t) ≤ F_j(t+1)`` (once cut over, it stays so);
- team capacity: ``Σ_j l_j (F_j(w + d_j) − F_j(w)) ≤ c_w``, the load of the
  migrations running in week ``w`` (one ending at ``T`` runs in ``[T − d, T)``);
- a 'before' dependency with lag ``g``: ``F_a(t) ≤ F_i(t − g − d_a)``;
- a bridge: ``F_a(t) ≤ F_i(t − d_a) + b``;

- the bridges into a service ``a`` cost at least what ending then needs with its
  providers at their earliest ends (its static floor, less its hosting: ``g_a(t)``,
  which never rises as ``t`` moves later): ``Σ cost · b ≥ Σ_t g_a(t) (F_a(t) − F_a(t−1))``;

and the objective is each service's hosting with its tie-break,
``h_j(L_j) − Σ_t (h_j(t+1) − h_j(t)) F_j(t)``, plus ``Σ cost · b``.

**Why it is a lower bound.** Any plan, with ``F_j(t) = [T_j ≤ t]`` for its end
weeks ``T_j`` and ``b = 1`` exactly for the bridges it pays, meets every
constraint: ends stay ends; the capacity row counts exactly the load its own
migrations put on week ``w`` (paid bridges add more, which the plan's capacity
also carries); a 'before' is met; a bridge not paid is waited for, so its
consumer starts after the provider ends; the plan pays at least ``g_a(T_a)``
for the bridges into ``a`` (:mod:`carveout.planning.service_floor`). Its
objective is then the plan's hosting, tie-break and bridges, at most the plan's cost (lateness and
stability are non-negative). Write the programme as ``min c·x + k`` subject to
``A x ≤ r`` and ``0 ≤ x ≤ 1``. For any prices ``λ ≥ 0`` on the rows,

``k − λ·r + Σ_i min(0, (c + Aᵀλ)_i)``

is at most ``c·x + k + λ·(A x − r)`` for every ``x`` in the box, hence at most
the objective of any feasible ``x``, hence at most any plan's cost (weak
duality). The bound is this value at the duals HiGHS returns
(:func:`scipy.optimize.linprog`), rounded down to multiples of
``1 / PRICE_SCALE`` and evaluated exactly in integers, so the solver's
tolerances can lower the bound a little but never make it invalid. At the
exact duals it equals the relaxation's value.

**Buckets of weeks.** The LP has about services × weeks variables and
(bridges + dependencies) × weeks rows, too many for a large portfolio. With
buckets of ``B`` weeks, ``F_j(m)`` stands for "``j`` ends by week ``m·B``", that
is ``T̂_j ≤ m`` for ``T̂_j = ⌈T_j / B⌉``, and every term is replaced by one that no
plan's ``T̂`` can exceed what its ``T`` pays or needs, so a plan still gives a
feasible point of no greater objective and the proof above stands unchanged:

- hosting at ``T̂ = m`` is taken at the least end the bucket allows,
  ``max(e_j, (m−1)B + 1)`` — at most ``h_j(T_j)``, as hosting never falls;
- a wait ``T_a ≥ T_i + s`` gives ``T_a ≥ (T̂_i − 1)B + 1 + s``, so
  ``T̂_a ≥ T̂_i + ⌊s / B⌋``: the row ``F_a(m) ≤ F_i(m − ⌊s/B⌋) [+ b]`` holds;
- a bucket's capacity row counts, for each service, the least load any end in
  its end bucket puts in that bucket's weeks (the overlap of ``[T − d, T)`` with
  them, least over the ends ``T`` of the bucket), against the capacity of all
  of those weeks: at most the load the plan puts there;
- the bridges' floor takes ``g_a`` at the bucket's last end, the least in it.

With ``B = 1`` this is the weekly programme. Coarser buckets lower the bound.

**A late state.** With ``until``, every end bucket from ``until`` on is one
state, "late" (``F_j`` has columns below ``until`` only), and again each term is
one no late end can beat: its hosting is taken at the least end of the state;
each capacity row counts the least load any late end puts in that bucket (none
where a late end can fall after it), and rows of buckets past ``until`` are
left out; a wait on a provider that may be late is left out (it is as if the
provider were done); the bridges' floor takes ``g_a`` at the last end. Leaving
rows out only relaxes, so the bound stays valid and may only fall.

It is not exact at any ``B``: work may be split across end weeks and bridges
paid in part, so on small portfolios the team bound is sometimes the larger.
"""

from __future__ import annotations

import numpy as np
from scipy.optimize import linprog
from scipy.sparse import coo_array, csr_array

from carveout.planning.service_floor import service_floors
from carveout.planning.terms import SeparationModel

PRICE_SCALE = 1 << 16
"""Duals are rounded down to multiples of ``1 / PRICE_SCALE``: the bound is then exact integers."""

Int = np.int64


class _Rows:
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
        rows, cols, vals = (np.concatenate([p[i] for p in self.parts]) for i in range(3))
        shape = (self.count, columns)
        return coo_array((vals, (rows, cols)), shape=shape, dtype=Int).tocsr(), np.concatenate(
            self.rhs
        )


class _Ends:
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

    def at(self, j: int, m: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Columns of ``F_j(m)`` (-1 outside the window) and its constant value there."""
        inside = (m >= self.first[j]) & (m < self.last[j])
        cols = np.where(inside, self.base[j] + m - self.first[j], -1)
        return cols, (m >= self.last[j]).astype(Int)


def relaxation_bound(
    model: SeparationModel,
    *,
    bucket: int = 1,
    time_limit: float | None = None,
    until: int | None = None,
) -> int | None:
    """No plan of the model costs less; None when the relaxation was not solved in time."""
    sep = model.separation
    ends = _Ends(model, bucket, until)
    bridge_col = ends.columns
    n = bridge_col + len(sep.bridges)
    cost = np.zeros(n, dtype=Int)
    constant = 0
    for move, table in zip(sep.moves, sep.cost_tables, strict=True):
        j = move.index
        weeks = np.arange(ends.first[j], ends.last[j] + 1, dtype=Int)
        at = np.maximum(ends.earliest[j], (weeks - 1) * bucket + 1)  # the least end in bucket
        hosting = at + np.asarray(table, dtype=Int)[np.clip(at, 0, len(table) - 1)]
        constant += int(hosting[-1])
        cost[ends.base[j] : ends.base[j] + len(weeks) - 1] = hosting[:-1] - hosting[1:]
    cost[bridge_col:] = [sep.in_units(b.cost) for b in sep.bridges]
    rows = _Rows()
    for j in range(len(sep.moves)):
        m = np.arange(ends.first[j], ends.last[j] - 1, dtype=Int)
        rows.add(
            [ends.at(j, m)[0], ends.at(j, m + 1)[0]], [np.ones_like(m), -np.ones_like(m)], 0 * m
        )
    _add_capacity(rows, model, ends)
    for p in sep.precedences:
        shift = p.lag + sep.moves[p.after].duration
        _add_wait(rows, ends, p.after, p.before, shift // bucket, -1)
    for k, b in enumerate(sep.bridges):
        _add_wait(
            rows, ends, b.after, b.before, sep.moves[b.after].duration // bucket, bridge_col + k
        )
    _add_bridge_floors(rows, model, ends, bridge_col)
    if n == 0:  # every end is fixed: the hosting is known
        return constant
    matrix, rhs = rows.matrix(n)
    options = {} if time_limit is None else {"time_limit": max(0.1, time_limit)}
    result = linprog(
        cost.astype(float),
        A_ub=matrix.astype(float),
        b_ub=rhs.astype(float),
        bounds=(0, 1),
        method="highs-ipm",
        options=options,
    )
    if result.status != 0:
        return None
    prices = np.floor(np.maximum(0.0, -np.asarray(result.ineqlin.marginals)) * PRICE_SCALE)
    return safe_value(cost, constant, matrix, rhs, prices.astype(Int))


def safe_value(
    cost: np.ndarray, constant: int, matrix: csr_array, rhs: np.ndarray, prices: np.ndarray
) -> int:
    """``k − λ·r + Σ min(0, c + Aᵀλ)`` for ``λ = prices / PRICE_SCALE``, rounded down, in integers.

    The products stay well inside 64 bits; the sums are taken in Python integers.
    """
    reduced = cost * PRICE_SCALE + matrix.T @ prices
    total = constant * PRICE_SCALE
    total -= sum(int(v) for v in rhs * prices)
    total += sum(int(v) for v in np.minimum(reduced, 0))
    return total // PRICE_SCALE


def _add_capacity(rows: _Rows, model: SeparationModel, ends: _Ends) -> None:
    """Per team and bucket, the least load each end bucket surely puts in it ≤ the capacity."""
    sep, size = model.separation, ends.size
    members: dict[int, list[int]] = {}
    for move in sep.moves:
        if move.load > 0:
            members.setdefault(move.team_index, []).append(move.index)
    for team, indices in members.items():
        buckets = max(ends.last[j] for j in indices)
        caps = np.asarray(sep.capacities[team], dtype=Int)
        weekly = np.full(buckets * size, caps.max(initial=0), dtype=Int)
        weekly[: min(len(caps), len(weekly))] = caps[: len(weekly)]
        rhs = weekly.reshape(buckets, size).sum(axis=1)
        cols: list[np.ndarray] = []
        vals: list[np.ndarray] = []
        row_of: list[np.ndarray] = []
        for j in indices:
            load, duration = sep.moves[j].load, sep.moves[j].duration
            t = np.arange(ends.earliest[j], ends.latest[j] + 1, dtype=Int)  # its possible ends
            k = np.arange(buckets, dtype=Int)[:, None]
            overlap = np.minimum(t, (k + 1) * size) - np.maximum(t - duration, k * size)
            overlap = np.maximum(overlap, 0)
            # The least overlap over the ends of each end bucket m: ô(m, k).
            groups = np.minimum(-(-t // size), ends.last[j])
            starts = np.flatnonzero(np.r_[True, groups[1:] != groups[:-1]])
            least = np.minimum.reduceat(overlap, starts, axis=1) * load  # buckets × end buckets
            m = groups[starts]
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
        rows.count += buckets


def _add_wait(rows: _Rows, ends: _Ends, after: int, before: int, shift: int, paid: int) -> None:
    """``F_after(m) ≤ F_before(m − shift) [+ b]``: the consumer ends ``shift`` buckets after."""
    m = np.arange(ends.first[after], ends.last[after], dtype=Int)
    source, given = ends.at(before, m - shift)
    keep = given < 1  # a provider surely cut over by then leaves nothing to meet
    m, source = m[keep], source[keep]
    own = ends.at(after, m)[0]
    ones = np.ones_like(m)
    rows.add([own, source, np.full_like(m, paid)], [ones, -ones, -ones], 0 * m)


def _add_bridge_floors(rows: _Rows, model: SeparationModel, ends: _Ends, bridge_col: int) -> None:
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
