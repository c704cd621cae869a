from __future__ import annotations

import numpy as np
import pytest

from carveout.costs.subsidy import CostTest, subsidy_test


def test_a_party_charged_below_its_incremental_cost_is_reported_as_subsidised(make_game):
    game = make_game({"W": 30e6, "R": 10e6, "WR": 34e6}, players="WR")
    # R's incremental cost is 34 - 30 = 4m; charging it 2.1m leaves 1.9m for W to carry.
    result = subsidy_test(
        game=game, charges=np.array([31.9e6, 2.1e6]), labels=["West Mercia", "Warwickshire"]
    )

    subsidised = [f for f in result.findings if f.test is CostTest.INCREMENTAL]
    assert [f.coalition for f in subsidised] == [("R",)]
    assert subsidised[0].gap == pytest.approx(1.9e6)
    assert subsidised[0].sentence == (
        "Warwickshire's charge is £1.9m a year below the incremental cost of serving it: "
        "it is subsidised"
    )
    overcharged = [f for f in result.findings if f.test is CostTest.STAND_ALONE]
    assert [f.coalition for f in overcharged] == [("W",)]
    assert "above the stand-alone cost" in overcharged[0].sentence


def test_charges_in_the_core_pass_both_tests(economies_game):
    result = subsidy_test(game=economies_game, charges=np.array([8 / 3, 14 / 3, 20 / 3]))

    assert result.subsidy_free
    assert result.every_coalition and result.coalitions_tested == 6
    assert result.core_empty is False


def test_with_an_empty_core_every_allocation_fails_somewhere(empty_core_game):
    result = subsidy_test(game=empty_core_game, charges=np.array([2 / 3] * 3))

    assert result.core_empty is True
    assert result.least_core == pytest.approx(1 / 3)
    assert not result.subsidy_free
    assert {len(f.coalition) for f in result.findings} == {1, 2}


def test_amounts_are_scaled_to_the_year(economies_game):
    # A's incremental cost is 14 - 12 = 2; charged 1, it is subsidised by 1 (× £1,000).
    result = subsidy_test(game=economies_game, charges=np.array([1.0, 5.0, 8.0]), scale=1000)

    (finding,) = [f for f in result.findings if f.coalition == ("A",)]
    assert finding.test is CostTest.INCREMENTAL
    assert finding.gap == pytest.approx(1000)
    assert "£1,000 a year below" in finding.sentence
