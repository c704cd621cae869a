from collections.abc import Callable
from dataclasses import replace

from ortools.sat.python import cp_model

from carveout.domain import Coupling, Dependency, Objective, Portfolio
from carveout.planning.planner import plan_scenario
from carveout.planning.rcpsp import Solution, SolverConfig
from carveout.planning.separation import Separation, build_separation
from carveout.planning.terms import SeparationModel, build_model
from carveout.planning.warm import fallback_solution, hint_model, schedule_cost, warm_schedule

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


def test_the_warm_schedule_is_a_complete_hint_that_satisfies_the_whole_model(
    build: Build,
) -> None:
    separation = build_separation(portfolio=(p := _bridged(build)), scenario=p.scenarios[0])
    starts = warm_schedule(separation, SolverConfig())
    assert starts is not None
    model = _model(separation, starts)
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
    separation = build_separation(portfolio=(p := _bridged(build)), scenario=p.scenarios[0])
    starts = warm_schedule(separation, SolverConfig())
    assert starts is not None
    model = _model(separation, starts)
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
