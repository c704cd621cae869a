"""A plan's objective is what its dates cost: never a bridge its dates do not need."""

from __future__ import annotations

import pytest

from carveout.demo.generate import generate_portfolio
from carveout.planning.incumbent import at_dates_cost, dates_cost, schedule_cost
from carveout.planning.planner import plan_scenario
from carveout.planning.prepare import build_separation
from carveout.planning.rcpsp import Solution, SolverConfig
from carveout.planning.rcpsp.solution import relative_gap
from carveout.planning.terms import SeparationModel, build_model
from carveout.planning.warm import warm_schedule

SERVICES = 40


@pytest.fixture(scope="module")
def generated() -> tuple[SeparationModel, tuple[int, ...]]:
    portfolio = generate_portfolio(
        services=SERVICES, dependencies=4 * SERVICES, teams=3, years=2, seed=5
    )
    scenario = portfolio.scenarios[0].model_copy(update={"deadline": None})
    separation = build_separation(portfolio=portfolio, scenario=scenario)
    warm = warm_schedule(separation, SolverConfig(time_limit=5))
    assert warm is not None
    return build_model(separation, SolverConfig(time_limit=5)), warm


def _found(starts: tuple[int, ...], objective: float, bound: float) -> Solution:
    gap = relative_gap(objective, bound)
    return Solution("feasible", starts, None, objective, bound, gap, 1.0, None)


def test_dates_cost_is_the_schedule_cost_when_each_span_is_the_models(
    generated: tuple[SeparationModel, tuple[int, ...]],
) -> None:
    model, warm = generated
    moves = model.separation.moves
    ends = [s + m.duration for s, m in zip(warm, moves, strict=True)]

    assert dates_cost(model, warm, ends) == schedule_cost(model, warm)


def test_a_provider_that_ends_later_than_its_consumer_starts_pays_the_bridge(
    generated: tuple[SeparationModel, tuple[int, ...]],
) -> None:
    model, warm = generated
    separation = model.separation
    ends = [s + m.duration for s, m in zip(warm, separation.moves, strict=True)]
    waited = next(b for b in separation.bridges if ends[b.before] <= warm[b.after])
    later = list(ends)
    later[waited.before] = warm[waited.after] + 1
    table = separation.cost_tables[waited.before]
    hosting = table[min(len(table) - 1, later[waited.before])] - table[ends[waited.before]]
    extra = later[waited.before] - ends[waited.before]

    added = dates_cost(model, warm, later) - dates_cost(model, warm, ends)

    assert added >= separation.in_units(waited.cost) + hosting + extra


def test_an_objective_above_what_the_dates_cost_is_lowered_with_its_gap(
    generated: tuple[SeparationModel, tuple[int, ...]],
) -> None:
    model, warm = generated
    cost = float(schedule_cost(model, warm))
    bound = cost * 0.8

    lowered = at_dates_cost(model, _found(warm, cost + 12_345, bound), unit=1)
    kept = at_dates_cost(model, _found(warm, cost, bound), unit=1)
    none = Solution("unknown", (), None, None, None, None, 1.0, None)

    assert lowered.objective == cost and lowered.gap == pytest.approx(relative_gap(cost, bound))
    assert lowered.starts == warm and lowered.bound == bound
    assert kept == _found(warm, cost, bound)
    assert at_dates_cost(model, none, unit=1) is none
    assert at_dates_cost(model, _found(warm, cost * 2, bound), unit=2).objective == cost * 2


def test_a_plans_objective_is_what_its_dates_cost() -> None:
    portfolio = generate_portfolio(services=60, dependencies=240, teams=4, years=2, seed=2)
    scenario = portfolio.scenarios[0].model_copy(update={"deadline": None})
    plan = plan_scenario(portfolio=portfolio, scenario=scenario, time_limit=3, workers=1)
    separation = build_separation(portfolio=portfolio, scenario=scenario)
    model = build_model(separation, SolverConfig(time_limit=3))
    dates = {m.service: m for m in plan.migrations}
    starts = [separation.calendar.week_of(dates[m.service].start) for m in separation.moves]
    ends = [separation.calendar.last_end_by(dates[m.service].cutover) for m in separation.moves]

    assert plan.feasible
    assert plan.objective_value == dates_cost(model, starts, ends) * separation.money_unit
