"""The static cost bound holds for every plan and is exact when each service decides alone."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from carveout.demo.generate import generate_portfolio
from carveout.domain import Coupling, Dependency, Objective, Portfolio
from carveout.planning.cost_bound import SHARE, cost_lower_bound
from carveout.planning.planner import plan_scenario
from carveout.planning.prepare import build_separation
from carveout.planning.rcpsp import SolverConfig
from carveout.planning.terms import SeparationModel, build_model
from tests.planning.bound_cases import proven_optimum as _optimum
from tests.planning.bound_cases import separation_model as _model

Build = Callable[..., Portfolio]


def _provider_and_consumer(build: Build, bridge_cost: float) -> Portfolio:
    """A takes ten weeks on team U; B, one week on team T, may bridge to A instead of waiting."""
    return build(
        work={"A": (50, 50), "B": (5, 5)},
        teams={"T": 1.0, "U": 1.0},
        team_of={"A": "U"},
        dependencies=[
            Dependency(
                service="B", depends_on="A", coupling=Coupling.BRIDGEABLE, bridge_cost=bridge_cost
            )
        ],
    )


def _without_bridges(model: SeparationModel) -> int:
    """The bound if every service cut over at its earliest end, bridges aside."""
    sep = model.separation
    total = 0
    for table, end in zip(sep.cost_tables, model.core.ends, strict=True):
        week = int(end.proto.domain[0])
        total += week + table[min(len(table) - 1, week)]
    return total


@pytest.mark.parametrize("bridge_cost", [1.0, 1_000_000.0])
def test_one_consumer_pays_or_waits_and_the_bound_is_the_optimum(
    build: Build, bridge_cost: float
) -> None:
    model = _model(_provider_and_consumer(build, bridge_cost))
    bound = cost_lower_bound(model)
    assert _optimum(model) == bound


def test_a_dear_bridge_raises_the_bound_by_the_cheaper_wait(build: Build) -> None:
    model = _model(_provider_and_consumer(build, 1_000_000.0))
    # Waiting ten weeks for A costs B more hosting than cutting over at once.
    assert _without_bridges(model) < cost_lower_bound(model) < _without_bridges(model) + 1_000_000


def test_no_generated_plan_costs_less_than_the_bound() -> None:
    portfolio = generate_portfolio(services=40, dependencies=160, teams=3, years=2, seed=3)
    scenario = portfolio.scenarios[0].model_copy(
        update={"deadline": None, "objective": Objective.COST}
    )
    plan = plan_scenario(portfolio=portfolio, scenario=scenario, time_limit=5, workers=2)
    separation = build_separation(portfolio=portfolio, scenario=scenario)
    model = build_model(separation, SolverConfig(time_limit=5, warm_start=False))
    assert separation.bridges, "the portfolio should have bridgeable dependencies"
    bound = cost_lower_bound(model, seconds=SHARE * 5)  # as much as the planner gives it
    assert plan.objective_value is not None and plan.bound is not None
    assert plan.objective_value >= bound
    assert plan.bound >= bound  # the solver is told the bound and reports at least it
