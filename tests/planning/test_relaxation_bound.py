"""The time-indexed relaxation never exceeds a proven optimum; it sees queues and waits at once."""

from __future__ import annotations

import random
from collections.abc import Callable

import numpy as np
import pytest
from scipy.sparse import csr_array

from carveout.demo.generate import generate_portfolio
from carveout.domain import Coupling, Dependency, Portfolio
from carveout.planning import cost_bound
from carveout.planning.cost_bound import cost_bounds, relaxation_bucket
from carveout.planning.prepare import build_separation
from carveout.planning.rcpsp import SolverConfig
from carveout.planning.relaxation_bound import PRICE_SCALE, relaxation_bound, safe_value
from carveout.planning.terms import build_model
from tests.planning.bound_cases import proven_optimum, separation_model

Build = Callable[..., Portfolio]


def _portfolio(build: Build, seed: int) -> Portfolio:
    """Six to eight services on three teams, wired by 'before' and bridgeable dependencies."""
    rng = random.Random(seed)
    codes = [f"S{i}" for i in range(rng.randint(6, 8))]
    work = {}
    for code in codes:
        days = rng.choice([5, 10, 15])
        work[code] = (days * rng.choice([0.5, 1.0, 1.5]), days)
    dependencies = [
        Dependency(
            service=codes[j],
            depends_on=codes[i],
            coupling=rng.choice([Coupling.BEFORE, Coupling.BRIDGEABLE]),
            bridge_cost=rng.choice([500, 5_000, 50_000]),
            bridge_effort=rng.choice([0, 2]),
        )
        for i in range(len(codes))
        for j in range(i + 1, len(codes))
        if rng.random() < 0.3
    ]
    return build(
        work=work,
        teams={"T": 1.0, "U": 1.0, "V": 2.0},
        team_of={c: rng.choice(["T", "U", "V"]) for c in codes},
        dependencies=dependencies,
        annual_cost=rng.choice([26_000.0, 52_000.0, 104_000.0]),
    )


@pytest.mark.parametrize("seed", range(6))
def test_the_relaxation_never_exceeds_the_proven_optimum_at_any_bucket_size_or_late_state(
    build: Build, seed: int
) -> None:
    model = separation_model(_portfolio(build, seed))
    bounds = cost_bounds(model)
    assert relaxation_bucket(model) == bounds.bucket == 1
    assert relaxation_bucket(model, 0.001) == 1  # a small model is always given its cells
    coarse = [
        relaxation_bound(model, bucket=b, until=u) for b in (1, 2, 3, 4) for u in (None, 2, 6)
    ]
    optimum = proven_optimum(model)
    assert bounds.relaxation is not None
    assert all(value is not None and value <= optimum for value in coarse)
    assert bounds.static <= bounds.best <= optimum
    assert bounds.best >= max(bounds.team, bounds.chain, bounds.relaxation)


def test_a_consumer_of_two_queued_providers_is_bounded_above_the_other_bounds(
    build: Build,
) -> None:
    # A and B each need the one person of T full time for five weeks, so one ends five weeks
    # after the other; C, on its own team, waits for both. The team bound sees the queue but
    # not C's wait behind it; the chain bound sees the wait but not the queue.
    model = separation_model(
        build(
            work={"A": (25, 25), "B": (25, 25), "C": (25, 25)},
            teams={"T": 1.0, "U": 1.0},
            team_of={"C": "U"},
            dependencies=[
                Dependency(service="C", depends_on=p, coupling=Coupling.BEFORE) for p in "AB"
            ],
        )
    )
    bounds = cost_bounds(model)
    assert bounds.relaxation is not None
    assert max(bounds.static, bounds.team, bounds.chain) < bounds.relaxation
    assert bounds.best == bounds.relaxation <= proven_optimum(model)


def test_any_prices_give_a_value_no_box_point_within_the_rows_beats() -> None:
    # min -x0 - x1 subject to x0 + x1 ≤ 1 over the unit box: the optimum is -1.
    cost = np.array([-1, -1], dtype=np.int64)
    matrix = csr_array(np.array([[1, 1]], dtype=np.int64))
    rhs = np.array([1], dtype=np.int64)
    for price in (0.0, 0.5, 1.0, 3.0):
        prices = np.array([int(price * PRICE_SCALE)], dtype=np.int64)
        assert safe_value(cost, 0, matrix, rhs, prices) <= -1
    # At the optimal dual the value is the optimum itself, to the unit.
    assert safe_value(cost, 0, matrix, rhs, np.array([PRICE_SCALE], dtype=np.int64)) == -1
    assert safe_value(cost, 0, matrix, rhs, np.array([0], dtype=np.int64)) == -2


def test_the_time_given_chooses_the_bucket_and_too_little_gives_no_relaxation(
    build: Build, monkeypatch: pytest.MonkeyPatch
) -> None:
    model = separation_model(_portfolio(build, 0))
    until = cost_bound.relaxation_until(model)
    cells = sum(
        max(0, min(int(list(e.proto.domain)[-1]), until) - int(e.proto.domain[0]))
        for e in model.core.ends
    )
    monkeypatch.setattr(cost_bound, "MIN_CELLS", 1)
    per_second = cost_bound.CELLS_PER_SECOND
    assert relaxation_bucket(model, cells / per_second) == 1
    assert relaxation_bucket(model, cells / 3 / per_second) == 4
    starved = cost_bounds(model, seconds=cells / 5 / per_second)
    assert starved.relaxation is None and starved.bucket == 0
    assert starved.best == max(starved.static, starved.team, starved.chain) > 0


def test_a_model_whose_whole_horizon_fits_its_cells_gets_no_late_state() -> None:
    """At 80 generated services (seed 1) the late state cost the bound 7 %: 3.51 M against
    3.78 M over the whole horizon, which fits week by week in a 60 s plan's cells."""
    portfolio = generate_portfolio(services=80, dependencies=320, teams=10, years=3, seed=1)
    scenario = portfolio.scenarios[0].model_copy(update={"deadline": None})
    model = build_model(
        build_separation(portfolio=portfolio, scenario=scenario),
        SolverConfig(time_limit=60, workers=1),
    )
    seconds = cost_bound.SHARE * 60
    assert cost_bound.whole_horizon(model, seconds)
    whole = relaxation_bound(model, bucket=1)
    late = relaxation_bound(model, bucket=1, until=cost_bound.relaxation_until(model))
    assert whole is not None and late is not None and whole > late * 1.05
    assert cost_bounds(model, seconds=seconds).relaxation == whole
    assert not cost_bound.whole_horizon(model, 0.0)  # MIN_CELLS only: the late state stays
