from __future__ import annotations

import json

import pytest

from carveout.costs.methods import Method
from carveout.costs.report import CostReport, cost_report
from carveout.domain import CostPool
from carveout.errors import CarveoutError


def test_the_report_compares_every_method_for_each_pool(small_portfolio):
    report = cost_report(portfolio=small_portfolio())

    it = next(p for p in report.pools if p.pool == "IT")
    assert it.year == 2020 and it.annual_cost == pytest.approx(1_250_000.5)
    assert [a.method for a in it.allocations] == ["ratio", "driver", "shapley", "nucleolus"]
    for allocation in it.allocations:
        assert sum(s.amount for s in allocation.shares) == pytest.approx(it.annual_cost)
    ratio = it.allocations[0]
    assert [round(s.fraction, 2) for s in ratio.shares] == [0.69, 0.31]
    assert ratio.shares[1].explanation.startswith("Warwickshire Police pays 31%")


def test_the_ledger_covers_each_year_of_the_pool_and_the_settlement_sums_to_zero(small_portfolio):
    report = cost_report(portfolio=small_portfolio(), methods=[Method.RATIO])

    it = next(p for p in report.pools if p.pool == "IT")
    assert sorted({r.year for r in it.ledger}) == [2019, 2020]
    assert it.settlement is not None and it.settlement.terminating_party == "WAR"
    assert sum(it.settlement.transfers.values()) == pytest.approx(0.0, abs=1e-6)


def test_a_chosen_year_without_a_recorded_cost_uses_the_catalogue_and_says_so(small_portfolio):
    report = cost_report(portfolio=small_portfolio(), year=2031)

    it = next(p for p in report.pools if p.pool == "IT")
    assert it.annual_cost == pytest.approx(it.catalogue_cost)
    assert any("2031" in note for note in it.notes)


def test_the_report_survives_a_json_round_trip(small_portfolio):
    report = cost_report(portfolio=small_portfolio())

    again = CostReport.model_validate(json.loads(json.dumps(report.model_dump(mode="json"))))

    assert again == report


def test_a_pool_carrying_no_cost_is_an_error_that_says_what_to_do(small_portfolio):
    pool = CostPool(code="NIL", name="Nothing", basis="ratio", shares={"WMP": 1}, services=("PAY",))

    with pytest.raises(CarveoutError, match="carries no cost"):
        cost_report(portfolio=small_portfolio(cost_pools=(pool,)))
