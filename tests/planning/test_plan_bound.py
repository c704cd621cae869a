"""The stored plan reports the best bound known: CP-SAT's, or the one known before the search."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from carveout.demo.generate import generate_portfolio
from carveout.domain import Objective, Portfolio, Scenario
from carveout.planning import money
from carveout.planning.cost_bound import SHARE, cost_lower_bound
from carveout.planning.planner import plan_scenario
from carveout.planning.prepare import build_separation
from carveout.planning.rcpsp import ScheduleModel, Solution, SolverConfig
from carveout.planning.terms import build_model
from tests.planning.bound_cases import random_portfolio

Build = Callable[..., Portfolio]


def _generated() -> Portfolio:
    return generate_portfolio(services=40, dependencies=160, teams=3, years=2, seed=3)


def _known_bound(portfolio: Portfolio, time_limit: float = 5) -> tuple[int, int]:
    """The bound known before the search of a plan given ``time_limit``, in the model's money,
    and pounds per unit."""
    separation = build_separation(portfolio=portfolio, scenario=_scenario(portfolio))
    model = build_model(separation, SolverConfig(time_limit=1, warm_start=False))
    return cost_lower_bound(model, seconds=SHARE * time_limit), separation.money_unit


def _scenario(portfolio: Portfolio) -> Scenario:
    return portfolio.scenarios[0].model_copy(update={"deadline": None, "objective": Objective.COST})


@pytest.fixture
def solver_finds_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    """CP-SAT stops before any solution, with the trivial bound it then reports."""

    def solve(self: ScheduleModel, **_: object) -> Solution:
        return Solution("unknown", (), None, None, None, None, 0.1, None)

    monkeypatch.setattr(ScheduleModel, "solve", solve)
    monkeypatch.setattr(ScheduleModel, "best_bound", lambda self: 0.0)


@pytest.mark.usefixtures("solver_finds_nothing")
def test_a_plan_the_solver_found_nothing_for_keeps_the_bound_known_before() -> None:
    portfolio = _generated()
    plan = plan_scenario(portfolio=portfolio, scenario=_scenario(portfolio), time_limit=5)
    bound, unit = _known_bound(portfolio)
    assert plan.status == "feasible"  # the warm start
    assert unit == 1 and bound > 0
    assert plan.bound == bound
    assert plan.objective_value is not None and plan.gap is not None
    assert plan.gap == pytest.approx((plan.objective_value - bound) / plan.objective_value)
    assert plan.gap < 1


@pytest.mark.usefixtures("solver_finds_nothing")
def test_the_known_bound_is_reported_in_pounds_when_the_model_counts_coarser_units(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(money, "MODEL_BUDGET", 10**6)  # the model then counts in coarse units
    portfolio = _generated()
    plan = plan_scenario(portfolio=portfolio, scenario=_scenario(portfolio), time_limit=5)
    bound, unit = _known_bound(portfolio)
    assert unit > 1
    assert plan.bound == bound * unit
    assert plan.objective_value is not None and plan.bound <= plan.objective_value
    assert plan.gap is not None and plan.gap < 1


def test_the_solver_s_own_bound_is_reported_when_it_is_better(build: Build) -> None:
    portfolio = random_portfolio(build, 0)
    known, unit = _known_bound(portfolio)
    plan = plan_scenario(portfolio=portfolio, scenario=portfolio.scenarios[0], time_limit=5)
    assert plan.status == "optimal"
    assert plan.bound == plan.objective_value == 52_527  # proven by CP-SAT
    assert known * unit == 43_858
    assert plan.gap == 0
