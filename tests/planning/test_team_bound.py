"""The bounds known before the search never exceed a proven optimum, and count queues and chains."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from carveout.domain import Portfolio
from carveout.planning.cost_bound import cost_lower_bound, static_cost_bound
from carveout.planning.team_bound import reach_weeks
from tests.planning.bound_cases import chain_of_dear_bridges, random_portfolio
from tests.planning.bound_cases import proven_optimum as _optimum
from tests.planning.bound_cases import separation_model as _model

Build = Callable[..., Portfolio]


@pytest.mark.parametrize("seed", range(8))
def test_no_bound_exceeds_the_proven_optimum_of_a_random_small_portfolio(
    build: Build, seed: int
) -> None:
    model = _model(random_portfolio(build, seed))
    static, known = static_cost_bound(model), cost_lower_bound(model)
    assert static <= known <= _optimum(model)


def test_services_queueing_for_one_person_raise_the_bound_to_the_optimum(build: Build) -> None:
    # Four migrations of five weeks, each needing the team's one person full time.
    model = _model(build(work={c: (25, 25) for c in "ABCD"}))
    static, team = static_cost_bound(model), cost_lower_bound(model)
    assert static < team == _optimum(model)


def test_a_chain_on_separate_teams_is_bounded_exactly_only_by_following_its_waits(
    build: Build,
) -> None:
    # The static bound takes each provider at its earliest end, but B waiting for A makes C
    # wait longer still; the chain bound follows the waits.
    model = _model(chain_of_dear_bridges(build))
    assert static_cost_bound(model) == 34_708
    assert cost_lower_bound(model) == _optimum(model) == 47_718


def test_a_provider_waited_for_by_two_consumers_is_bounded_exactly(build: Build) -> None:
    # B waits for A; C and D, on teams of their own, both wait for B.
    model = _model(chain_of_dear_bridges(build, forked=True))
    assert static_cost_bound(model) == 43_386
    assert cost_lower_bound(model) == _optimum(model) == 69_406


def test_capacity_reaches_each_cumulative_work_at_the_first_week_that_covers_it() -> None:
    # Past the table the team has its peak, 20 a week.
    assert reach_weeks((10, 10, 20), [0, 10, 11, 40, 41, 60, 61]) == [0, 1, 2, 3, 4, 4, 5]


def test_a_team_without_capacity_reaches_nothing() -> None:
    assert reach_weeks((0, 0), [5, 10]) == [0, 0]
