from __future__ import annotations

import numpy as np
import pytest

from carveout.costs.games import (
    AirportGame,
    CatalogueGame,
    PowerCurve,
    ServiceCost,
    TableGame,
)


def test_a_service_costs_a_coalition_nothing_unless_one_of_its_users_is_in_it():
    service = ServiceCost(
        "CAD",
        100.0,
        np.array([10.0, 0.0, 30.0]),
        np.array([1, 0, 1], bool),
        PowerCurve(40.0, 40.0, 1.0),
    )
    game = CatalogueGame(("A", "B", "C"), (service,))

    assert game.cost(["B"]) == 0.0
    assert game.cost(["A"]) == pytest.approx(100 + 10)
    assert game.cost(["A", "B", "C"]) == pytest.approx(140)


def test_economies_of_scale_make_a_party_alone_pay_more_per_unit():
    curve = PowerCurve(1000.0, 100.0, 0.5)

    alone, together = curve(np.array([25.0, 100.0]))

    assert together == pytest.approx(1000.0)
    assert alone / 25 > together / 100


def test_a_table_curve_runs_through_the_stand_alone_costs_and_beyond():
    service = ServiceCost.from_stand_alone(
        "HR", fixed=50.0, usage=np.array([10.0, 30.0]), stand_alone=np.array([80.0, 140.0])
    )
    game = CatalogueGame(("A", "B"), (service,))

    assert game.cost(["A"]) == pytest.approx(80.0)
    assert game.cost(["B"]) == pytest.approx(140.0)
    # Beyond 30 units the slope of the last segment (60 over 20 units) continues.
    assert game.cost(["A", "B"]) == pytest.approx(50 + 90 + 3 * 10)


def test_coalition_costs_given_by_a_user_need_every_coalition():
    with pytest.raises(ValueError, match=r"\{A, B\}"):
        TableGame.from_coalitions(("A", "B"), {frozenset("A"): 1.0, frozenset("B"): 1.0})


def test_an_airport_game_costs_the_largest_requirement():
    game = AirportGame(("S", "M", "L"), np.array([1.0, 5.0, 9.0]))

    assert game.cost(["S", "M"]) == 5.0
    assert list(game.table()) == [0, 1, 5, 5, 9, 9, 9, 9]


def test_a_grouped_airport_game_has_no_bitmask_coalitions():
    game = AirportGame(("S", "L"), np.array([1.0, 2.0]), np.array([3, 1]))

    with pytest.raises(ValueError, match="grouped"):
        game.cost(["S"])
