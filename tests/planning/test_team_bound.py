"""The team bound never exceeds a proven optimum, and counts a team's queue of work."""

from __future__ import annotations

import random
from collections.abc import Callable

import pytest

from carveout.domain import Coupling, Dependency, Portfolio
from carveout.planning.cost_bound import cost_lower_bound, static_cost_bound
from carveout.planning.team_bound import reach_weeks
from tests.planning.bound_cases import chain_of_dear_bridges
from tests.planning.bound_cases import proven_optimum as _optimum
from tests.planning.bound_cases import separation_model as _model

Build = Callable[..., Portfolio]


def _random_portfolio(build: Build, seed: int) -> Portfolio:
    """Five services on two teams, wired by 'before' and bridgeable chains."""
    rng = random.Random(seed)
    codes = [f"S{i}" for i in range(5)]
    work = {}
    for code in codes:
        days = rng.choice([5, 10, 15, 20])
        work[code] = (days * rng.choice([0.5, 1.0, 1.5]), days)
    dependencies = [
        Dependency(
            service=codes[j],
            depends_on=codes[i],
            coupling=rng.choice([Coupling.BEFORE, Coupling.BRIDGEABLE, Coupling.BRIDGEABLE]),
            bridge_cost=rng.choice([500, 5_000, 50_000]),
            bridge_effort=rng.choice([0, 2, 5]),
        )
        for i in range(5)
        for j in range(i + 1, 5)
        if rng.random() < 0.35
    ]
    return build(
        work=work,
        teams={"T": 1.0, "U": 2.0},
        team_of={c: rng.choice(["T", "U"]) for c in codes},
        dependencies=dependencies,
        annual_cost=rng.choice([26_000.0, 52_000.0, 104_000.0]),
    )


@pytest.mark.parametrize("seed", range(6))
def test_no_bound_exceeds_the_proven_optimum_of_a_random_small_portfolio(
    build: Build, seed: int
) -> None:
    model = _model(_random_portfolio(build, seed))
    static, team = static_cost_bound(model), cost_lower_bound(model)
    assert static <= team <= _optimum(model)


def test_services_queueing_for_one_person_raise_the_bound_to_the_optimum(build: Build) -> None:
    # Four migrations of five weeks, each needing the team's one person full time.
    model = _model(build(work={c: (25, 25) for c in "ABCD"}))
    static, team = static_cost_bound(model), cost_lower_bound(model)
    assert static < team == _optimum(model)


def test_a_chain_on_separate_teams_is_not_exact(build: Build) -> None:
    # The bounds take each provider at its earliest end, but B waiting for A makes C wait
    # longer still.
    portfolio = chain_of_dear_bridges(build)
    model = _model(portfolio)
    assert static_cost_bound(model) == cost_lower_bound(model) == 34_708
    assert _optimum(model) == 47_718


def test_capacity_reaches_each_cumulative_work_at_the_first_week_that_covers_it() -> None:
    # Past the table the team has its peak, 20 a week.
    assert reach_weeks((10, 10, 20), [0, 10, 11, 40, 41, 60, 61]) == [0, 1, 2, 3, 4, 4, 5]


def test_a_team_without_capacity_reaches_nothing() -> None:
    assert reach_weeks((0, 0), [5, 10]) == [0, 0]
