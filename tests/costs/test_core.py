from __future__ import annotations

import numpy as np
import pytest

from carveout.costs.core import core_range
from carveout.costs.shapley import shapley
from carveout.costs.subsidy import subsidy_test


def test_the_core_range_of_a_three_runway_airport_game_is_the_one_solved_by_hand(three_runways):
    # Runways c1 < c2 < c3. Each pair containing the largest costs c3, so the
    # other party pays at least c3 - c3 = 0 and each small one at most its
    # own runway; the two smaller ones together pay at most c2, so the largest
    # pays at least c3 - c2, and at most c3.
    c1, c2, c3 = three_runways.requirements

    found = core_range(three_runways)

    assert found is not None
    assert found.least == pytest.approx([0.0, 0.0, c3 - c2], abs=1e-6)
    assert found.greatest == pytest.approx([c1, c2, c3], abs=1e-6)


def test_the_core_range_of_a_game_with_economies_of_scale_is_exact(economies_game):
    # c(N) - c(N∖i) below, c(i) above: 14-12=2..4, 14-10=4..6, 14-8=6..8.
    found = core_range(economies_game)

    assert found is not None
    assert found.as_dict() == {
        "A": pytest.approx((2.0, 4.0)),
        "B": pytest.approx((4.0, 6.0)),
        "C": pytest.approx((6.0, 8.0)),
    }


@pytest.mark.parametrize("game", ["economies_game", "runway_game", "three_runways"])
def test_the_core_range_holds_the_shapley_value_when_the_core_is_not_empty(game, request):
    game = request.getfixturevalue(game)
    value = shapley(game).values

    found = core_range(game)

    assert found is not None
    assert np.all(found.least <= value + 1e-6) and np.all(value <= found.greatest + 1e-6)


def test_each_end_of_the_range_is_itself_a_subsidy_free_charging(economies_game):
    found = core_range(economies_game)
    assert found is not None
    # A at its least: the rest must still fit within their own stand-alone costs.
    charges = np.array([found.least[0], 6.0, 14.0 - found.least[0] - 6.0])

    assert subsidy_test(game=economies_game, charges=charges).subsidy_free


def test_an_empty_core_has_no_range(empty_core_game):
    assert core_range(empty_core_game) is None


def test_with_two_parties_the_range_runs_from_incremental_to_stand_alone_cost(make_game):
    game = make_game({"W": 30.0, "R": 10.0, "WR": 34.0}, players="WR")

    found = core_range(game)

    assert found is not None
    assert found.as_dict() == {"W": pytest.approx((24.0, 30.0)), "R": pytest.approx((4.0, 10.0))}
