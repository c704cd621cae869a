"""The model's money: pounds while they fit, coarser units when the amounts are huge."""

from __future__ import annotations

from carveout.planning.money import MODEL_BUDGET, in_units, money_unit
from carveout.planning.planner import plan_scenario
from carveout.planning.prepare import build_separation
from tests.property.regressions import huge_hosting, plain


def test_ordinary_amounts_are_counted_in_whole_pounds() -> None:
    unit = money_unit(
        tables=[(0, 5_000, 90_000)], bridges=[20_000.0], weekly_penalty=7_000, horizon=520
    )
    assert unit == 1
    assert in_units(1234.6, unit) == 1235


def test_huge_amounts_are_counted_in_the_smallest_power_of_ten_that_fits_the_budget() -> None:
    tables = [(0, 10**16, 10**17)] * 6
    unit = money_unit(tables=tables, bridges=[1e12], weekly_penalty=7e12, horizon=6_000)
    total = 6 * 10**17 + 1e12 + 7e12 * 6_000 * 6
    assert total / unit * 6_000 <= MODEL_BUDGET < total / (unit // 10) * 6_000
    assert str(unit).strip("0") == "1"


def test_a_separation_of_ordinary_costs_keeps_pounds() -> None:
    portfolio = plain()
    assert build_separation(portfolio=portfolio, scenario=portfolio.scenarios[0]).money_unit == 1


def test_a_plan_of_huge_costs_reports_its_objective_and_bound_in_pounds() -> None:
    portfolio = huge_hosting()
    scenario = portfolio.scenarios[0]
    assert build_separation(portfolio=portfolio, scenario=scenario).money_unit > 1
    plan = plan_scenario(portfolio=portfolio, scenario=scenario, time_limit=5, workers=1)
    assert plan.feasible
    assert plan.objective_value is not None and plan.bound is not None
    # hosting alone is a trillion pounds a month: the figures are pounds, not model units
    assert plan.bound >= plan.hosting_cost > 1e12
