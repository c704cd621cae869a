"""The simulation prices and dates the plan's own schedule exactly as the planner does."""

from datetime import date

import numpy as np
import pytest

from carveout.demo.generate import generate_portfolio
from carveout.demo.portfolio import demo_portfolio
from carveout.domain import Portfolio
from carveout.planning.plan import Plan
from carveout.planning.planner import plan_scenario
from carveout.risk.calendars import calendar_for
from carveout.risk.from_plan import model_from_plan
from carveout.risk.hosting import sample_costs
from carveout.risk.joint import run_costs
from carveout.risk.model import RiskModel
from carveout.risk.precedence import forward_pass
from carveout.risk.resources import schedule


def _replay(model: RiskModel, *, resources: bool) -> np.ndarray:
    """Finish offsets of one run with every duration at its plan value, blackouts honoured
    (the plan's cut-overs avoid them, so none moves)."""
    assert model.plan_durations is not None
    durations = model.plan_durations[None, :]
    net = model.network
    calendar = calendar_for(model.blackouts, (), np.zeros((1, 0), dtype=np.bool_), net.size)
    if resources:
        finish = schedule(durations, net, parallel=False, calendar=calendar)
    else:
        finish = forward_pass(durations, net, parallel=False, calendar=calendar)
    for group in model.groups:
        finish[:, list(group)] = finish[:, list(group)].max(axis=1, keepdims=True)
    return np.asarray(finish)


def _check(portfolio: Portfolio, plan: Plan) -> None:
    assert plan.feasible, plan.conflicts
    model = model_from_plan(portfolio=portfolio, plan=plan)
    for resources in (True, False):
        finish = _replay(model, resources=resources)
        assert model.planned is not None
        np.testing.assert_array_equal(finish[0], model.planned)
        assert model.hosting is not None
        costs = sample_costs(finish, model.start, model.hosting)
        assert costs.hosting[0] == pytest.approx(plan.hosting_cost, abs=0.5)
        assert costs.step_up[0] == pytest.approx(plan.step_up_cost, abs=0.5)
        assert costs.running[0] == pytest.approx(plan.running_cost, abs=0.5)
        # the joint confidence prices a run the same way: the plan's cost to go, its budget
        cost = run_costs(model, finish, np.zeros(1))
        assert cost is not None and model.budget is not None
        to_go = plan.hosting_cost + plan.running_cost + plan.bridge_cost
        assert cost[0] == pytest.approx(to_go, abs=1.0) == model.budget


@pytest.mark.slow
def test_the_demonstration_plan_replayed_costs_what_the_plan_says_to_the_pound() -> None:
    portfolio = demo_portfolio()
    plan = plan_scenario(
        portfolio=portfolio,
        scenario=portfolio.scenario_by_code["tsa-2023"],
        as_of=date(2021, 10, 1),
        time_limit=6,
    )
    assert plan.hosting_cost > 1_000_000
    _check(portfolio, plan)


@pytest.mark.parametrize("seed", [1, 2])
def test_a_generated_plan_replayed_costs_what_the_plan_says_to_the_pound(seed: int) -> None:
    portfolio = generate_portfolio(services=40, dependencies=50, teams=4, seed=seed)
    scenario = portfolio.scenarios[0]
    as_of = scenario.start.replace(year=scenario.start.year + 1)
    plan = plan_scenario(portfolio=portfolio, scenario=scenario, as_of=as_of, time_limit=3)
    _check(portfolio, plan)
