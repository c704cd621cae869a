"""The nucleolus: the allocation that treats the most aggrieved coalition best.

For a cost game the excess of coalition S under charges x is ``x(S) - c(S)``:
how much more S pays than it would alone. The nucleolus lexicographically
minimises the sorted excesses. It is found by a sequence of linear programmes
(HiGHS through :func:`scipy.optimize.linprog`): each minimises the largest
excess ε over the coalitions not yet settled; the coalitions whose dual value is
positive are tight in every optimum, so they are settled at that ε, together
with every coalition whose charge those settled ones already determine. Each
stage settles at least one new independent coalition, so at most n LPs over
2^n - 2 constraints are solved. Airport games use Littlechild's sequential
closed form instead (O(m) for m requirement levels).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import sparse
from scipy.optimize import linprog

from carveout.costs.games import AirportGame, CostGame, FloatArray, members

MAX_NUCLEOLUS_PLAYERS = 16
"""Largest general game whose nucleolus is computed (2^16 coalition constraints)."""

_TOL = 1e-9


@dataclass(frozen=True, eq=False)
class Nucleolus:
    """Nucleolus charges and how many LP stages settled them."""

    players: tuple[str, ...]
    values: FloatArray
    method: str
    stages: int

    def as_dict(self) -> dict[str, float]:
        return {p: float(v) for p, v in zip(self.players, self.values, strict=True)}


@dataclass(frozen=True, eq=False)
class LeastCore:
    """The smallest ε such that some allocation keeps every coalition's excess ≤ ε.

    The core (the subsidy-free allocations) is empty exactly when ε > 0.
    ``allocation`` is one allocation achieving it; ``tight`` the coalitions
    (as masks) that cannot be made better off.
    """

    epsilon: float
    allocation: FloatArray
    tight: tuple[int, ...]

    @property
    def core_empty(self) -> bool:
        return self.epsilon > _TOL * max(1.0, float(np.abs(self.allocation).sum()))


def airport_nucleolus(requirements: FloatArray, counts: np.ndarray | None = None) -> FloatArray:
    """Littlechild (1974): charge the cheapest prefix of small users equally, then repeat.

    Players sorted by requirement; at each stage the charge is the smallest
    ``(c_k - paid) / (players in the prefix + 1)`` over the prefixes still open
    (the ``+ 1`` is the rest of the field, who save the same amount), and the
    last group pays what remains. Values per single player of each entry.
    """
    requirements = np.asarray(requirements, dtype=np.float64)
    counts = np.ones(len(requirements)) if counts is None else np.asarray(counts, np.float64)
    order = np.argsort(requirements, kind="stable")
    levels, sizes = requirements[order], counts[order]
    charges = np.empty(len(levels))
    start, paid, last = 0, 0.0, len(levels) - 1
    while start <= last:
        players = np.cumsum(sizes[start:])
        candidates = (levels[start:] - paid) / (players + 1)
        # The largest proper prefix stops one player short of everybody.
        candidates[-1] = (levels[last] - paid) / players[-1]
        best = float(candidates.min())
        end = start + int(np.flatnonzero(candidates <= best + _TOL * max(1.0, abs(best)))[-1])
        charges[start : end + 1] = best
        paid += best * float(players[end - start])
        start = end + 1
    values = np.empty(len(levels))
    values[order] = charges
    return values


def proper_coalitions(n: int) -> tuple[np.ndarray, FloatArray]:
    """Every coalition but the empty and the grand one: masks and 0/1 membership rows."""
    masks = np.arange(1, (1 << n) - 1, dtype=np.int64)
    return masks, members(masks, n)


def lp_unit(*amounts: FloatArray) -> float:
    """The largest magnitude among ``amounts`` (1 if all are 0): LPs are solved in this unit.

    HiGHS reads numbers from 1e20 up as infinite, and a pool's catalogue costs
    may reach that; an LP scales with its data, so its solution in these units
    times the unit is the solution in pounds, and its duals are unchanged.
    """
    return max((float(np.abs(a).max(initial=0.0)) for a in amounts), default=0.0) or 1.0


def scaled_bounds(low: float | None, high: float | None, unit: float) -> tuple[float | None, ...]:
    return (None if low is None else low / unit, None if high is None else high / unit)


def _minimise_largest_excess(
    rows: FloatArray,
    costs: FloatArray,
    equalities: FloatArray,
    targets: FloatArray,
    bounds: list[tuple[float | None, float | None]],
) -> tuple[FloatArray, float, FloatArray]:
    n = rows.shape[1]
    unit = lp_unit(costs, targets)
    result = linprog(
        np.r_[np.zeros(n), 1.0],
        A_ub=sparse.csr_matrix(np.hstack([rows, -np.ones((len(rows), 1))])),
        b_ub=costs / unit,
        A_eq=np.hstack([equalities, np.zeros((len(equalities), 1))]),
        b_eq=targets / unit,
        bounds=[*(scaled_bounds(lo, hi, unit) for lo, hi in bounds), (None, None)],
        method="highs",
    )
    if result.status != 0:
        raise ArithmeticError(f"the nucleolus LP did not solve: {result.message}")
    return result.x[:n] * unit, float(result.x[n]) * unit, -np.asarray(result.ineqlin.marginals)


def least_core(game: CostGame) -> LeastCore:
    """One LP over all coalitions: the least core value and a least-core allocation."""
    table = game.table()
    masks, rows = proper_coalitions(game.n)
    if len(masks) == 0:
        return LeastCore(0.0, np.array([table[game.grand]]), ())
    x, epsilon, duals = _minimise_largest_excess(
        rows,
        table[masks],
        np.ones((1, game.n)),
        np.array([table[game.grand]]),
        [(None, None)] * game.n,
    )
    tight = tuple(int(m) for m in masks[duals > _TOL])
    return LeastCore(epsilon, x, tight)


def lp_nucleolus(game: CostGame) -> Nucleolus:
    """The nucleolus of any game of up to :data:`MAX_NUCLEOLUS_PLAYERS` players, by LPs.

    Over the imputations (nobody pays more than alone) when there are any, else
    the prenucleolus.
    """
    n = game.n
    if n > MAX_NUCLEOLUS_PLAYERS:
        raise ValueError(f"the nucleolus is computed for at most {MAX_NUCLEOLUS_PLAYERS} players")
    table = game.table()
    if n == 1:
        return Nucleolus(game.players, np.array([table[1]]), "single player", 0)
    masks, rows = proper_coalitions(n)
    costs = table[masks]
    alone = table[1 << np.arange(n)]
    total = float(table[game.grand])
    imputations = alone.sum() >= total - _TOL * max(1.0, abs(total))
    bounds: list[tuple[float | None, float | None]] = [
        (None, float(a) if imputations else None) for a in alone
    ]
    settled, targets = [np.ones(n)], [total]
    free = np.ones(len(masks), dtype=bool)
    stages = 0
    while True:
        stages += 1
        open_ = np.flatnonzero(free)
        x, epsilon, duals = _minimise_largest_excess(
            rows[open_], costs[open_], np.array(settled), np.array(targets), bounds
        )
        for k in open_[duals > _TOL]:
            basis = np.linalg.qr(np.array(settled).T)[0]
            if np.linalg.norm(rows[k] - basis @ (basis.T @ rows[k])) > 1e-7:
                settled.append(rows[k])
                targets.append(float(costs[k] + epsilon))
        if len(settled) >= n:
            return Nucleolus(game.players, x, "exact, sequence of LPs", stages)
        # Coalitions whose charge the settled ones determine are settled too.
        basis = np.linalg.qr(np.array(settled).T)[0]
        residual = rows[open_] - (rows[open_] @ basis) @ basis.T
        free[open_[np.linalg.norm(residual, axis=1) <= 1e-7]] = False
        free[open_[duals > _TOL]] = False
        if not free.any():
            return Nucleolus(game.players, x, "exact, sequence of LPs", stages)


def nucleolus(game: CostGame) -> Nucleolus:
    """The nucleolus: closed form for airport games, LPs otherwise."""
    if isinstance(game, AirportGame):
        values = airport_nucleolus(game.requirements, game.counts)
        return Nucleolus(game.players, values, "exact, Littlechild's sequential closed form", 0)
    return lp_nucleolus(game)
