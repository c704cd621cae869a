from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from carveout.costs.games import AirportGame, TableGame
from carveout.costs.nucleolus import airport_nucleolus, least_core, lp_nucleolus, nucleolus


def test_nucleolus_of_equal_pairwise_savings_shares_the_savings_equally(economies_game):
    # Savings game: every pair saves 2, the trio 4; by symmetry each saves 4/3.
    value = nucleolus(economies_game).as_dict()

    assert value == pytest.approx({"A": 4 - 4 / 3, "B": 6 - 4 / 3, "C": 8 - 4 / 3})


def test_nucleolus_of_a_runway_game_charges_the_smallest_user_first(runway_game):
    # Stage 1: min(1/2, 2/3, 3/3) = 1/2 for A; stage 2: min((2-.5)/2, (3-.5)/2) = 3/4 for B.
    value = nucleolus(runway_game).as_dict()

    assert value == pytest.approx({"A": 0.5, "B": 0.75, "C": 1.75}, abs=1e-7)


def test_a_symmetric_game_has_an_equal_nucleolus():
    sizes = np.array([bin(m).count("1") for m in range(1 << 4)], dtype=float)
    game = TableGame(tuple("ABCD"), 10 * np.sqrt(sizes))

    assert nucleolus(game).values == pytest.approx(np.full(4, 5.0), abs=1e-7)


def test_an_empty_core_is_reported_with_the_least_core_value(empty_core_game):
    # Summing x(ij) <= 1 + eps over the three pairs gives 2·2 <= 3 + 3·eps, so eps = 1/3.
    result = least_core(empty_core_game)

    assert result.core_empty
    assert result.epsilon == pytest.approx(1 / 3)
    assert nucleolus(empty_core_game).values == pytest.approx([2 / 3] * 3, abs=1e-7)


def test_a_game_with_savings_has_a_non_empty_core(economies_game):
    assert not least_core(economies_game).core_empty


def test_birmingham_nucleolus_per_landing_matches_the_published_figures(birmingham):
    value = nucleolus(birmingham).as_dict()

    assert round(value["Fokker Friendship 27"], 4) == 7.8905
    assert round(value["Viscount 800"], 4) == 7.8905
    assert round(value["Boeing 707"], 4) == 103.4612
    total = sum(value[p] * c for p, c in zip(birmingham.players, birmingham.counts, strict=True))
    assert total == pytest.approx(117_676)


@settings(max_examples=30, deadline=None)
@given(st.lists(st.integers(1, 25), min_size=2, max_size=7))
def test_airport_closed_form_equals_the_sequence_of_lps(requirements):
    game = AirportGame(
        tuple(f"P{i}" for i in range(len(requirements))), np.array(requirements, float)
    )

    closed = airport_nucleolus(game.requirements)

    assert closed == pytest.approx(
        lp_nucleolus(TableGame(game.players, game.table())).values, abs=1e-6
    )


@settings(max_examples=30, deadline=None)
@given(
    st.integers(2, 6).flatmap(
        lambda n: st.lists(st.integers(1, 100), min_size=(1 << n) - 1, max_size=(1 << n) - 1).map(
            lambda c: TableGame(tuple(f"P{i}" for i in range(n)), np.array([0.0, *c], dtype=float))
        )
    )
)
def test_the_nucleolus_is_efficient_and_lexicographically_no_worse_than_shapley(game):
    from carveout.costs.shapley import shapley

    found = nucleolus(game).values
    table = game.table()
    masks = np.arange(1, game.grand)
    inside = (masks[:, None] >> np.arange(game.n)) & 1

    def sorted_excess(x):
        return np.sort(inside @ x - table[masks])[::-1]

    assert found.sum() == pytest.approx(table[game.grand])
    alone = table[1 << np.arange(game.n)]
    if alone.sum() >= table[game.grand]:  # over imputations: compare with another imputation
        other = shapley(game).values
        if np.all(other <= alone + 1e-9):
            mine, theirs = sorted_excess(found), sorted_excess(other)
            first = np.flatnonzero(np.abs(mine - theirs) > 1e-6)
            assert len(first) == 0 or mine[first[0]] < theirs[first[0]]


def test_more_than_sixteen_players_is_refused_with_the_limit():
    game = TableGame(tuple(f"P{i}" for i in range(17)), np.zeros(1 << 17))

    with pytest.raises(ValueError, match="at most 16"):
        nucleolus(game)
