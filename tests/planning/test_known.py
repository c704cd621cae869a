"""Plans stored for other scenarios are starting points: a later deadline is never dearer."""

from collections.abc import Callable
from datetime import date, timedelta

from carveout.demo.generate import generate_portfolio
from carveout.domain import Objective, Portfolio
from carveout.planning.known import starts_of, valid_schedules
from carveout.planning.planner import plan_scenario
from carveout.planning.prepare import build_separation

Build = Callable[..., Portfolio]


def _two_deadlines() -> tuple[Portfolio, date]:
    portfolio = generate_portfolio(services=120, dependencies=150, teams=4, seed=7)
    scenario = portfolio.scenarios[0]
    later = scenario.model_copy(
        update={"code": "later", "name": "Later", "deadline": scenario.deadline + timedelta(90)}
    )
    return portfolio.replace(scenarios=(scenario, later)), scenario.start


def test_a_later_deadline_never_costs_more_than_a_stored_plan_that_also_meets_it() -> None:
    portfolio, start = _two_deadlines()
    early, later = portfolio.scenarios
    first = plan_scenario(portfolio=portfolio, scenario=early, as_of=start, time_limit=6)
    assert first.feasible

    # A search far too short to find a good plan on its own still starts from the stored one.
    second = plan_scenario(
        portfolio=portfolio, scenario=later, as_of=start, time_limit=0.3, known=[first]
    )

    assert second.feasible
    assert second.total_cost <= first.total_cost + 1


def test_a_stored_plan_of_another_date_or_portfolio_is_not_a_starting_point() -> None:
    portfolio, start = _two_deadlines()
    early, later = portfolio.scenarios
    first = plan_scenario(portfolio=portfolio, scenario=early, as_of=start, time_limit=2)
    separation = build_separation(portfolio=portfolio, scenario=later, as_of=start)
    assert [name for name, _ in valid_schedules([first], separation)] == [early.code]

    other_day = build_separation(
        portfolio=portfolio, scenario=later, as_of=start + timedelta(days=7)
    )
    assert valid_schedules([first], other_day) == []


def test_a_plan_whose_dates_are_off_the_weekly_grid_gives_no_starts(build: Build) -> None:
    portfolio = build(work={"A": (5, 5)})
    plan = plan_scenario(portfolio=portfolio, scenario=portfolio.scenarios[0], time_limit=1)
    separation = build_separation(portfolio=portfolio, scenario=portfolio.scenarios[0])
    assert starts_of(plan, separation) == (0,)
    shifted = plan.model_copy(
        update={
            "migrations": tuple(
                m.model_copy(update={"start": m.start + timedelta(days=2)}) for m in plan.migrations
            )
        }
    )
    assert starts_of(shifted, separation) is None


def test_a_finish_first_plan_is_not_replaced_by_a_stored_plan_that_finishes_later() -> None:
    portfolio, start = _two_deadlines()
    early, later = portfolio.scenarios
    first = plan_scenario(portfolio=portfolio, scenario=early, as_of=start, time_limit=4)
    later = later.model_copy(update={"objective": Objective.LEXICOGRAPHIC})
    portfolio = portfolio.replace(scenarios=(early, later))

    second = plan_scenario(
        portfolio=portfolio, scenario=later, as_of=start, time_limit=6, known=[first]
    )

    assert second.feasible and first.finish is not None and second.finish is not None
    # Finishing first is the first aim: the stored cost-first plan finishes later, so it loses.
    assert second.finish < first.finish
    assert not any("also meets this scenario" in note for note in second.notes)
    # The objective is the cost of the finish-first plan, in pounds, never its length in weeks.
    assert second.objective_value is not None and second.bound is not None
    assert second.bound <= second.objective_value
    assert abs(second.objective_value - second.total_cost) <= 0.01 * second.total_cost
