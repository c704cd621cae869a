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
- team capacity again with each load weighed for packing,
  ``Σ_j u(l_j)(F_j(w + d_j) − F_j(w)) ≤ c_w``, ``u`` a dual-feasible function
  (:func:`carveout.planning.relaxation_rows.packing_weights`): two loads above
  half the team cannot run together, even split across end weeks;
- a 'before' dependency with lag ``g``: ``F_a(t) ≤ F_i(t − g − d_a)``;
- a bridge: ``F_a(t) ≤ F_i(t − d_a) + b``, up to and including ``t = L_a``, where
  ``F_a`` is 1: a provider not paid for ends in time for the consumer's latest end
  (which matters where that end is set, as for work under way);
- services that start together: ``F_a(t) ≤ F_b(t − d_a + d_b)`` and the other way;
- no end in a blackout: ``F_j(t) ≤ F_j(t − 1)`` for each forbidden end week ``t``;
- the bridges into a service ``a`` cost at least what ending then needs with its
  providers at their earliest ends (its static floor, less its hosting: ``g_a(t)``,
  which never rises as ``t`` moves later): ``Σ cost · b ≥ Σ_t g_a(t) (F_a(t) − F_a(t−1))``;

and the objective is each service's hosting with its tie-break and its lateness
past its deadline, ``h_j(L_j) − Σ_t (h_j(t+1) − h_j(t)) F_j(t)``, plus ``Σ cost · b``.

**Why it is a lower bound.** Any plan, with ``F_j(t) = [T_j ≤ t]`` for its end
weeks ``T_j`` and ``b = 1`` exactly for the bridges it pays, meets every
constraint: ends stay ends; the capacity row counts exactly the load its own
migrations put on week ``w`` (paid bridges add more, which the plan's capacity
also carries), and the packing row holds because loads that fit together have
weights that do; a 'before' is met; a bridge not paid is waited for, so its
consumer starts after the provider ends; services grouped start together; no
end falls in a blackout; the plan pays at least ``g_a(T_a)``
for the bridges into ``a`` (:mod:`carveout.planning.service_floor`). Its
objective is then the plan's hosting, tie-break, lateness and bridges, at most the
plan's cost (stability is non-negative). Write the programme as ``min c·x + k`` subject to
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
provider were done), and so is the row at a late consumer's last bucket; the
bridges' floor takes ``g_a`` at the last end. Leaving rows out only relaxes, so
the bound stays valid and may only fall.

In buckets, the other rows: a wait of ``s`` weeks gives ``T̂_a ≥ T̂_i + ⌊s / B⌋``
for any integer ``s``, negative ones (services starting together) included; a
bucket is shut only when none of its ends is allowed; and the packing row of a
bucket weighs the loads against its busiest week's capacity, which holds in each
of its weeks because the weights never fall as the capacity grows.

It is not exact at any ``B``: work may be split across end weeks and bridges
paid in part, so on small portfolios the team bound is sometimes the larger.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.optimize import linprog
from scipy.sparse import csr_array

from carveout.planning.relaxation_rows import (
    Ends,
    Int,
    Rows,
    add_bridge_floors,
    add_capacity,
    add_forbidden,
    add_together,
    add_wait,
)
from carveout.planning.terms import SeparationModel

PRICE_SCALE = 1 << 16
"""Duals are rounded down to multiples of ``1 / PRICE_SCALE``: the bound is then exact integers."""


@dataclass(frozen=True, slots=True)
class Programme:
    """``min cost · x + constant`` subject to ``matrix x ≤ rhs`` and ``0 ≤ x ≤ 1``.

    The columns are each service's end weeks (``ends``), then the bridges' "paid".
    """

    cost: np.ndarray
    constant: int
    matrix: csr_array
    rhs: np.ndarray
    ends: Ends

    @property
    def bridge_columns(self) -> slice:
        return slice(self.ends.columns, len(self.cost))


def relaxation_programme(
    model: SeparationModel, *, bucket: int = 1, until: int | None = None, capacity: bool = True
) -> Programme:
    """The relaxation of ``model`` in buckets of ``bucket`` weeks; without the teams'
    capacity rows when ``capacity`` is False (a relaxation of the plan without people)."""
    sep = model.separation
    ends = Ends(model, bucket, until)
    bridge_col = ends.columns
    n = bridge_col + len(sep.bridges)
    cost = np.zeros(n, dtype=Int)
    constant = 0
    penalty = sep.in_units(sep.scenario.lateness_penalty * 7)
    deadlines = dict(model.late_of)
    for move, table in zip(sep.moves, sep.cost_tables, strict=True):
        j = move.index
        weeks = np.arange(ends.first[j], ends.last[j] + 1, dtype=Int)
        at = np.maximum(ends.earliest[j], (weeks - 1) * bucket + 1)  # the least end in bucket
        hosting = at + np.asarray(table, dtype=Int)[np.clip(at, 0, len(table) - 1)]
        if j in deadlines:
            hosting += penalty * np.maximum(0, at - deadlines[j])
        constant += int(hosting[-1])
        cost[ends.base[j] : ends.base[j] + len(weeks) - 1] = hosting[:-1] - hosting[1:]
    cost[bridge_col:] = [sep.in_units(b.cost) for b in sep.bridges]
    rows = Rows()
    for j in range(len(sep.moves)):
        m = np.arange(ends.first[j], ends.last[j] - 1, dtype=Int)
        rows.add(
            [ends.at(j, m)[0], ends.at(j, m + 1)[0]], [np.ones_like(m), -np.ones_like(m)], 0 * m
        )
    if capacity:
        add_capacity(rows, model, ends)
    for p in sep.precedences:
        shift = p.lag + sep.moves[p.after].duration
        add_wait(rows, ends, p.after, p.before, shift // bucket, -1)
    for k, b in enumerate(sep.bridges):
        add_wait(
            rows, ends, b.after, b.before, sep.moves[b.after].duration // bucket, bridge_col + k
        )
    add_bridge_floors(rows, model, ends, bridge_col)
    add_together(rows, model, ends)
    add_forbidden(rows, model, ends)
    matrix, rhs = rows.matrix(n)
    return Programme(cost, constant, matrix, rhs, ends)


def relaxation_bound(
    model: SeparationModel,
    *,
    bucket: int = 1,
    time_limit: float | None = None,
    until: int | None = None,
) -> int | None:
    """No plan of the model costs less; None when the relaxation was not solved in time."""
    programme = relaxation_programme(model, bucket=bucket, until=until)
    cost, matrix, rhs = programme.cost, programme.matrix, programme.rhs
    if len(cost) == 0:  # every end is fixed: the hosting is known
        return programme.constant
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
    return safe_value(cost, programme.constant, matrix, rhs, prices.astype(Int))


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
