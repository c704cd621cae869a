from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from carveout.costs.games import (
    AirportGame,
    CatalogueGame,
    PowerCurve,
    ServiceCost,
    TableCurve,
    TableGame,
)
from carveout.costs.shapley import (
    airport_shapley,
    enumerated_shapley,
    sampled_shapley,
    shapley,
    total_usage_shapley,
)


def test_shapley_of_a_three_player_game_matches_the_hand_computation(economies_game):
    # Player A: alone first in 2 of 6 orders (4 each), else adds 2 in the other 4: 16/6.
    value = shapley(economies_game).as_dict()

    assert value == pytest.approx({"A": 8 / 3, "B": 14 / 3, "C": 20 / 3})


def test_shapley_of_a_runway_game_shares_each_segment_among_those_who_need_it(runway_game):
    value = shapley(runway_game).as_dict()

    assert value == pytest.approx({"A": 1 / 3, "B": 1 / 3 + 1 / 2, "C": 1 / 3 + 1 / 2 + 1})


def test_a_symmetric_game_is_shared_equally():
    n = 5
    sizes = np.array([bin(m).count("1") for m in range(1 << n)])
    game = TableGame(tuple("ABCDE"), np.sqrt(sizes) * 10.0)

    assert shapley(game).values == pytest.approx(np.full(n, np.sqrt(n) * 10 / n))


def test_birmingham_shapley_per_landing_matches_the_published_figures(birmingham):
    value = shapley(birmingham).as_dict()

    assert round(value["Fokker Friendship 27"], 4) == 4.8555
    assert round(value["Viscount 800"], 4) == 5.6557
    assert round(value["Boeing 707"], 4) == 162.2415
    assert float(value_total(birmingham, value)) == pytest.approx(117_676)


def value_total(game: AirportGame, value: dict[str, float]) -> float:
    return sum(value[p] * c for p, c in zip(game.players, game.counts, strict=True))


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(1, 30), min_size=1, max_size=7))
def test_airport_closed_form_equals_enumeration(requirements):
    game = AirportGame(
        tuple(f"P{i}" for i in range(len(requirements))), np.array(requirements, float)
    )

    closed = airport_shapley(game.requirements)

    assert closed == pytest.approx(enumerated_shapley(game.table(), game.n))


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.integers(0, 40), min_size=1, max_size=8),
    st.floats(0.2, 1.5),
)
def test_counting_by_size_and_usage_equals_enumeration(usage, exponent):
    units = np.array(usage, dtype=np.int64)
    curve = PowerCurve(100.0, 10.0, exponent)
    positive = units[units > 0]
    totals = np.zeros(1)
    for u in positive:
        totals = np.concatenate([totals, totals + u])

    counted = total_usage_shapley(positive, curve)

    assert counted == pytest.approx(enumerated_shapley(curve(totals), len(positive)), abs=1e-9)


def random_catalogue(seed: int, n: int, services: int = 6) -> CatalogueGame:
    rng = np.random.default_rng(seed)
    items = []
    for k in range(services):
        usage = rng.integers(0, 50, n).astype(float) * (rng.random(n) < 0.7)
        users = (usage > 0) | (rng.random(n) < 0.2)
        curve = (
            TableCurve((10.0, 60.0, 200.0), (30.0, 120.0, 300.0))
            if k % 3 == 0
            else PowerCurve(500.0, 100.0, float(rng.uniform(0.4, 1.0)))
        )
        items.append(ServiceCost(f"S{k}", float(rng.uniform(0, 200)), usage, users, curve))
    return CatalogueGame(tuple(f"P{i}" for i in range(n)), tuple(items))


@pytest.mark.parametrize("seed", range(4))
def test_catalogue_shapley_per_service_equals_enumeration_of_the_whole_game(seed):
    game = random_catalogue(seed, 7)

    value = shapley(game)

    assert value.exact
    assert value.values == pytest.approx(enumerated_shapley(game.table(), game.n))
    assert sum(value.by_service.values()) == pytest.approx(value.values)


def test_sampling_brackets_the_exact_value_and_says_how_sure_it_is():
    game = random_catalogue(11, 12)

    exact = shapley(game).values
    sampled = sampled_shapley(game, samples=4000, seed=3, confidence=0.99)

    assert not sampled.exact
    assert np.all(np.abs(sampled.values - exact) <= sampled.half_width * 1.5)
    assert sampled.values.sum() == pytest.approx(game.cost(game.grand))


def test_large_non_integer_usage_falls_back_to_sampling_with_an_interval():
    rng = np.random.default_rng(0)
    n = 24
    usage = rng.uniform(1, 10, n) + 1e-4 * np.pi
    service = ServiceCost("S", 0.0, usage, usage > 0, PowerCurve(100.0, usage.sum(), 0.7))
    game = CatalogueGame(tuple(f"P{i}" for i in range(n)), (service,))

    value = shapley(game, samples=2000)

    assert value.half_width is not None and np.all(value.half_width > 0)
    assert value.values.sum() == pytest.approx(100.0, rel=0.02)


# --- axioms on random games -------------------------------------------------------------


def games(max_players: int = 6):
    return st.integers(1, max_players).flatmap(
        lambda n: st.lists(
            st.floats(0, 100, allow_nan=False), min_size=(1 << n) - 1, max_size=(1 << n) - 1
        ).map(lambda costs: TableGame(tuple(f"P{i}" for i in range(n)), np.array([0.0, *costs])))
    )


@settings(max_examples=50, deadline=None)
@given(games())
def test_shares_add_up_to_the_total_cost(game):
    assert shapley(game).values.sum() == pytest.approx(game.cost(game.grand), abs=1e-7)


@settings(max_examples=50, deadline=None)
@given(games(), st.data())
def test_players_who_add_the_same_to_every_coalition_pay_the_same(game, data):
    if game.n < 2:
        return
    i, j = data.draw(st.lists(st.integers(0, game.n - 1), min_size=2, max_size=2, unique=True))
    masks = np.arange(1 << game.n)
    swapped = masks & ~((1 << i) | (1 << j))
    swapped |= ((masks >> i) & 1) << j
    swapped |= ((masks >> j) & 1) << i
    symmetric = TableGame(game.players, game.values + game.values[swapped])

    value = shapley(symmetric).values

    assert value[i] == pytest.approx(value[j], abs=1e-7)


@settings(max_examples=50, deadline=None)
@given(games(5), st.floats(0, 50))
def test_a_player_who_only_adds_its_own_cost_pays_exactly_that(game, own):
    n = game.n
    masks = np.arange(1 << (n + 1))
    others = masks & ((1 << n) - 1)
    values = game.values[others] + own * (masks >> n & 1)
    extended = TableGame((*game.players, "D"), values)

    value = shapley(extended).values

    assert value[-1] == pytest.approx(own, abs=1e-7)
    assert value[:-1] == pytest.approx(shapley(game).values, abs=1e-7)


@settings(max_examples=50, deadline=None)
@given(st.integers(1, 5).flatmap(lambda n: st.tuples(games_of(n), games_of(n))))
def test_the_value_of_a_sum_of_games_is_the_sum_of_the_values(pair):
    first, second = pair
    both = TableGame(first.players, first.values + second.values)

    assert shapley(both).values == pytest.approx(
        shapley(first).values + shapley(second).values, abs=1e-7
    )


def games_of(n: int):
    return st.lists(
        st.floats(0, 100, allow_nan=False), min_size=(1 << n) - 1, max_size=(1 << n) - 1
    ).map(lambda costs: TableGame(tuple(f"P{i}" for i in range(n)), np.array([0.0, *costs])))
