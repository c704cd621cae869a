from __future__ import annotations

from datetime import date

import pytest

from carveout.costs.ledger import cross_subsidy_ledger, exit_settlement
from carveout.domain import Agreement


def alliance(terms: str = "The terminating party pays the other's reasonable costs.") -> Agreement:
    return Agreement(
        code="ALLIANCE",
        name="Alliance",
        kind="collaboration",
        provider="W",
        recipients=("R",),
        start=date(2012, 4, 1),
        terminating_party="R",
        termination_terms=terms,
    )


def ledger():
    return cross_subsidy_ledger(
        players=("W", "R"),
        charged={"W": 0.69, "R": 0.31},
        fair={"W": 0.55, "R": 0.45},
        annual_costs={2019: 20.0, 2018: 10.0},
    )


def test_the_ledger_runs_year_by_year_and_accumulates_the_difference():
    rows = ledger()

    assert [(r.year, r.party) for r in rows] == [(2018, "W"), (2018, "R"), (2019, "W"), (2019, "R")]
    w2018, _, w2019, r2019 = rows
    assert w2018.charged == pytest.approx(6.9) and w2018.fair == pytest.approx(5.5)
    assert w2019.cumulative == pytest.approx(0.14 * 10 + 0.14 * 20)
    assert r2019.cumulative == pytest.approx(-(0.14 * 30))


def test_the_terminating_party_pays_the_others_reasonable_costs_on_top_of_the_balance():
    settlement = exit_settlement(
        players=("W", "R"),
        ledger=ledger(),
        agreement=alliance(),
        remaining_stand_alone=15.0,
        fair_last_year={"W": 11.0, "R": 9.0},
        labels={"W": "West Mercia", "R": "Warwickshire"},
    )

    assert settlement.clause_applies and settlement.terminating_party == "R"
    assert settlement.reasonable_costs == pytest.approx(15.0 - 11.0)
    assert settlement.transfers["W"] == pytest.approx(4.2 + 4.0)
    assert sum(settlement.transfers.values()) == pytest.approx(0.0)
    assert any("Warwickshire served notice" in s for s in settlement.sentences)


def test_without_the_clause_only_the_balances_are_settled():
    settlement = exit_settlement(
        players=("W", "R"),
        ledger=ledger(),
        agreement=alliance("Each party bears its own costs."),
        remaining_stand_alone=15.0,
        fair_last_year={"W": 11.0, "R": 9.0},
    )

    assert not settlement.clause_applies
    assert settlement.transfers == pytest.approx(settlement.balances)
