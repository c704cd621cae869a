"""Models solved to optimality and the portfolios the bound tests share."""

from __future__ import annotations

import random
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


def chain_of_dear_bridges(build: Build, *, forked: bool = False) -> Portfolio:
    """C may bridge to B and B to A, each on its own team, each bridge dearer than waiting.

    ``forked``: D, on a team of its own, may bridge to B as well.
    """
    work = {"A": (50.0, 50.0), "B": (50.0, 50.0), "C": (5.0, 5.0)}
    links = [("B", "A"), ("C", "B")]
    if forked:
        work["D"] = (5.0, 5.0)
        links.append(("D", "B"))
    return build(
        work=work,
        teams={"T": 1.0, "U": 1.0, "V": 1.0, "W": 1.0},
        team_of={"A": "U", "B": "V", "D": "W"},
        dependencies=[
            Dependency(service=s, depends_on=p, coupling=Coupling.BRIDGEABLE, bridge_cost=DEAR)
            for s, p in links
        ],
    )


def random_portfolio(build: Build, seed: int) -> Portfolio:
    """Five services on two teams, wired by 'before' and bridgeable chains."""
    rng = random.Random(seed)
    codes = [f"S{i}" for i in range(5)]
    work = {}
    for code in codes:
        days = rng.choice([5, 10, 15, 20])
        work[code] = (days * rng.choice([0.5, 1.0, 1.5]), days)
    dependencies = [
        Dependency(
            service=codes[j],
            depends_on=codes[i],
            coupling=rng.choice([Coupling.BEFORE, Coupling.BRIDGEABLE, Coupling.BRIDGEABLE]),
            bridge_cost=rng.choice([500, 5_000, 50_000]),
            bridge_effort=rng.choice([0, 2, 5]),
        )
        for i in range(5)
        for j in range(i + 1, 5)
        if rng.random() < 0.35
    ]
    return build(
        work=work,
        teams={"T": 1.0, "U": 2.0},
        team_of={c: rng.choice(["T", "U"]) for c in codes},
        dependencies=dependencies,
        annual_cost=rng.choice([26_000.0, 52_000.0, 104_000.0]),
    )
