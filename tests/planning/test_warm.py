import itertools
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import pytest
from ortools.sat.python import cp_model

from carveout.demo.generate import generate_portfolio
from carveout.domain import Coupling, Dependency, Objective, Portfolio
from carveout.planning.cost_bound import cost_lower_bound
from carveout.planning.incumbent import fallback_solution, hint_model, invalid, schedule_cost
from carveout.planning.planner import plan_scenario
from carveout.planning.prepare import build_separation
from carveout.planning.rcpsp import Progress, ScheduleModel, Solution, SolverConfig
from carveout.planning.rcpsp.heuristics import makespan, rule_priorities
from carveout.planning.separation import Separation
from carveout.planning.terms import SeparationModel, build_model
from carveout.planning.warm import _bridging_sgs, warm_schedule

Build = Callable[..., Portfolio]


def _bridged(build: Build) -> Portfolio:
    """Four services, two teams, bridges both ways between A and B and a chain C → D."""
    return build(
        work={"A": (20, 20), "B": (30, 15), "C": (10, 10), "D": (25, 25)},
        teams={"T": 2.0, "U": 1.0},
        team_of={"C": "U", "D": "U"},
        dependencies=[
            Dependency(service="A", depends_on="B", coupling=Coupling.BRIDGEABLE, bridge_cost=500),
            Dependency(service="B", depends_on="A", coupling=Coupling.BRIDGEABLE, bridge_cost=700),
            Dependency(service="D", depends_on="C", coupling=Coupling.BEFORE),
        ],
    )


def _model(separation: Separation, starts: tuple[int, ...]) -> SeparationModel:
    model = build_model(separation, SolverConfig(time_limit=5, hint=starts, warm_start=False))
    hint_model(model, starts)
    model.core.minimise(model.cost())
    return model


def _warm_bridged(build: Build) -> tuple[tuple[int, ...], SeparationModel]:
    """The warm schedule of the bridged portfolio and the cost model hinted with it."""
    separation = build_separation(portfolio=(p := _bridged(build)), scenario=p.scenarios[0])
    starts = warm_schedule(separation, SolverConfig())
    assert starts is not None
    return starts, _model(separation, starts)


def test_the_warm_schedule_is_a_complete_hint_that_satisfies_the_whole_model(
    build: Build,
) -> None:
    starts, model = _warm_bridged(build)
    model.core._add_hint()
    proto = model.core.model.proto
    assert set(proto.solution_hint.vars) == set(range(len(proto.variables)))
    solver = cp_model.CpSolver()
    solver.parameters.fix_variables_to_their_hinted_value = True
    solver.parameters.num_workers = 1
    assert solver.solve(model.core.model) in (cp_model.OPTIMAL, cp_model.FEASIBLE)
    assert solver.objective_value == schedule_cost(model, starts)


def test_the_fallback_is_the_warm_schedule_with_its_cost_and_the_solvers_bound(
    build: Build,
) -> None:
    starts, model = _warm_bridged(build)
    model.core.config = replace(model.core.config, time_limit=0.1)
    solved = model.core.solve()
    failed = Solution("unknown", (), None, None, None, None, solved.seconds, None)
    fallback = fallback_solution(model, starts, Objective.COST, failed)
    assert fallback.status == "feasible"
    assert fallback.starts == starts
    assert fallback.objective == schedule_cost(model, starts)
    assert fallback.bound is not None and fallback.bound <= fallback.objective
    assert fallback.gap is not None and 0 <= fallback.gap <= 1


def test_a_plan_is_returned_even_with_almost_no_time_to_solve(build: Build) -> None:
    portfolio = _bridged(build)
    plan = plan_scenario(
        portfolio=portfolio, scenario=portfolio.scenarios[0], time_limit=1e-3, workers=1
    )
    assert plan.feasible
    assert plan.gap is not None
    assert len(plan.migrations) == 4


def _overrunning() -> Separation:
    """A generated portfolio whose greedy passes all end past the horizon (found by a scan)."""
    portfolio = generate_portfolio(services=100, dependencies=400, teams=2, years=1, seed=0)
    scenario = portfolio.scenarios[0].model_copy(update={"deadline": None})
    return build_separation(portfolio=portfolio, scenario=scenario)


def test_the_plain_passes_overrun_the_horizon_of_the_regression_portfolio() -> None:
    separation = _overrunning()
    instance = separation.instance()
    for rule, weight in itertools.product(("lft", "mts"), (0.0, 0.5)):
        starts = _bridging_sgs(separation, instance, rule_priorities(instance, rule), weight)
        assert makespan(instance, starts) > separation.horizon


def test_an_overrunning_warm_start_is_repaired_to_fit_the_horizon() -> None:
    separation = _overrunning()
    instance = separation.instance()
    starts = warm_schedule(separation, SolverConfig(deterministic=True))
    assert starts is not None
    assert makespan(instance, starts) <= separation.horizon
    assert invalid(separation, instance, starts) == []
    assert warm_schedule(separation, SolverConfig(deterministic=True)) == starts


def test_the_warm_start_is_reported_before_the_solver_starts(
    build: Build, monkeypatch: pytest.MonkeyPatch
) -> None:
    portfolio = _bridged(build)
    scenario = portfolio.scenarios[0]
    events: list[Progress | str] = []
    solve = ScheduleModel.solve

    def solve_and_note(self: ScheduleModel, **kwargs: Any) -> Solution:
        events.append("solver started")
        return solve(self, **kwargs)

    monkeypatch.setattr(ScheduleModel, "solve", solve_and_note)
    plan_scenario(
        portfolio=portfolio, scenario=scenario, time_limit=2, workers=1, on_progress=events.append
    )
    separation = build_separation(portfolio=portfolio, scenario=scenario)
    starts = warm_schedule(separation, SolverConfig(time_limit=2, workers=1))
    assert starts is not None
    model = _model(separation, starts)
    first = events[0]
    assert isinstance(first, Progress), "the solver ran before the warm start was reported"
    assert first.objective == schedule_cost(model, starts)
    assert first.bound == min(cost_lower_bound(model), first.objective)
    assert 0 <= first.gap <= 1
