"""When no priority rule gives a valid schedule, CP-SAT's first schedule seeds the search."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pytest

from carveout.demo.generate import generate_portfolio
from carveout.domain import Portfolio
from carveout.planning import planner
from carveout.planning.first_schedule import first_schedule
from carveout.planning.incumbent import invalid
from carveout.planning.prepare import build_separation
from carveout.planning.rcpsp import SolverConfig
from carveout.planning.rcpsp.heuristics import makespan
from carveout.planning.warm import rule_schedule
from tests.plan_checker import check_plan
from tests.test_plan_checker import small_programme


@pytest.mark.parametrize(
    "make",
    [
        small_programme,
        lambda: generate_portfolio(services=30, dependencies=120, teams=3, years=2, seed=3),
    ],
    ids=["programme", "generated"],
)
def test_without_a_warm_start_the_plan_comes_from_the_first_schedule(
    make: Callable[[], Portfolio], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(planner, "warm_schedule", lambda separation, config: None)
    portfolio = make()

    plan = planner.plan_scenario(
        portfolio=portfolio, scenario=portfolio.scenarios[0], time_limit=4, workers=1
    )

    assert plan.feasible, plan.conflicts
    assert check_plan(portfolio, plan) == []


def test_a_rule_schedule_past_the_horizon_is_repaired() -> None:
    portfolio = generate_portfolio(services=30, dependencies=120, teams=3, years=2, seed=3)
    separation = build_separation(portfolio=portfolio, scenario=portfolio.scenarios[0])
    overrun = rule_schedule(separation)
    assert overrun is not None
    # The same portfolio with a horizon the rule's schedule runs past, but which fits it.
    span = makespan(separation.instance(), overrun)
    tight = replace(separation, horizon=span - 1)
    assert invalid(tight, tight.instance(), overrun)

    found, _ = first_schedule(tight, SolverConfig(workers=1, deterministic=True), seconds=10)

    assert found.status == "feasible"
    assert not invalid(tight, tight.instance(), found.starts)


def test_a_separation_with_no_schedule_is_proven_infeasible_at_once() -> None:
    portfolio = generate_portfolio(services=30, dependencies=120, teams=3, years=2, seed=3)
    separation = build_separation(portfolio=portfolio, scenario=portfolio.scenarios[0])
    # Every service must be cut over within a week: no team can do that.
    moves = tuple(replace(m, deadline=m.release + 1) for m in separation.moves)

    found, _ = first_schedule(replace(separation, moves=moves), SolverConfig(workers=1), seconds=10)

    assert found.status == "infeasible" and found.starts == ()
