"""Models solved to optimality and the portfolios the bound tests share."""

from __future__ import annotations

from collections.abc import Callable

from carveout.domain import Coupling, Dependency, Portfolio
from carveout.planning.prepare import build_separation
from carveout.planning.rcpsp import SolverConfig
from carveout.planning.terms import SeparationModel, build_model

Build = Callable[..., Portfolio]

DEAR = 1_000_000.0
"""A bridge dearer than any wait in these portfolios."""


def separation_model(portfolio: Portfolio) -> SeparationModel:
    """The CP-SAT model of the portfolio's first scenario, deterministic on one worker."""
    separation = build_separation(portfolio=portfolio, scenario=portfolio.scenarios[0])
    return build_model(separation, SolverConfig(time_limit=20, workers=1, deterministic=True))


def proven_optimum(model: SeparationModel) -> float:
    """The least cost of any plan of ``model``, proven by CP-SAT."""
    model.core.minimise(model.cost())
    solution = model.core.solve()
    assert solution.status == "optimal"
    assert solution.objective is not None
    return solution.objective


def chain_of_dear_bridges(build: Build) -> Portfolio:
    """C may bridge to B and B to A, each on its own team, each bridge dearer than waiting."""
    return build(
        work={"A": (50, 50), "B": (50, 50), "C": (5, 5)},
        teams={"T": 1.0, "U": 1.0, "V": 1.0},
        team_of={"A": "U", "B": "V"},
        dependencies=[
            Dependency(service=s, depends_on=p, coupling=Coupling.BRIDGEABLE, bridge_cost=DEAR)
            for s, p in (("B", "A"), ("C", "B"))
        ],
    )
