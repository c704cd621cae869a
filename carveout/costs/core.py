"""How far the core reaches: each party's least and greatest subsidy-free charge.

The core of a cost game is every charging ``x`` that recovers the whole cost,
``x(N) = c(N)``, and charges no coalition more than it would pay alone,
``x(S) ≤ c(S)``. With the total fixed, the second condition also keeps every
coalition at or above the incremental cost of serving it, ``c(N) - c(N∖S)``:
the core is exactly the set of subsidy-free chargings.

A party's range over the core is two linear programmes over those
constraints (HiGHS through :func:`scipy.optimize.linprog`): minimise its
charge, then maximise it. Every coalition is a constraint, so the range is
exact (to the solver's tolerance), not sampled; it is computed for games of up
to :data:`~carveout.costs.nucleolus.MAX_NUCLEOLUS_PLAYERS` players, like the
least core that first says whether the core is empty at all. With two parties
the range is simply ``[incremental cost, stand-alone cost]``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import sparse
from scipy.optimize import linprog

from carveout.costs.games import CostGame, FloatArray
from carveout.costs.nucleolus import (
    MAX_NUCLEOLUS_PLAYERS,
    least_core,
    lp_unit,
    proper_coalitions,
)


@dataclass(frozen=True, eq=False)
class CoreRange:
    """Each player's least and greatest charge over the core, in the game's units."""

    players: tuple[str, ...]
    least: FloatArray
    greatest: FloatArray

    def as_dict(self) -> dict[str, tuple[float, float]]:
        return {
            p: (float(lo), float(hi))
            for p, lo, hi in zip(self.players, self.least, self.greatest, strict=True)
        }


def core_range(game: CostGame) -> CoreRange | None:
    """The core's extent along each player, or ``None`` when the core is empty.

    Raises :class:`ValueError` above :data:`MAX_NUCLEOLUS_PLAYERS` players.
    """
    n = game.n
    if n > MAX_NUCLEOLUS_PLAYERS:
        raise ValueError(
            f"the core's range is computed for at most {MAX_NUCLEOLUS_PLAYERS} players"
        )
    table = game.table()
    total = float(table[game.grand])
    if n == 1:
        return CoreRange(game.players, np.array([total]), np.array([total]))
    smallest = least_core(game)
    if smallest.core_empty:
        return None
    masks, rows = proper_coalitions(n)
    # A core that is a single point solves only within the least core's rounding.
    bounds = table[masks] + max(smallest.epsilon, 0.0)
    constraints = sparse.csr_matrix(rows)
    unit = lp_unit(bounds, np.array([total]))
    least, greatest = np.empty(n), np.empty(n)
    for i in range(n):
        for sign, into in ((1.0, least), (-1.0, greatest)):
            objective = np.zeros(n)
            objective[i] = sign
            result = linprog(
                objective,
                A_ub=constraints,
                b_ub=bounds / unit,
                A_eq=np.ones((1, n)),
                b_eq=[total / unit],
                bounds=[(None, None)] * n,
                method="highs",
            )
            if result.status != 0:
                raise ArithmeticError(f"the core range LP did not solve: {result.message}")
            into[i] = float(result.x[i]) * unit + 0.0  # never -0.0
    return CoreRange(game.players, least, greatest)
