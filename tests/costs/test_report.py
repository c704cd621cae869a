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
    assert sorted({r.year for r in it.ledger}) == [2019, 2020] == list(it.ledger_years)
    assert it.settlement is not None and it.settlement.terminating_party == "WAR"
    assert sum(it.settlement.transfers.values()) == pytest.approx(0.0, abs=1e-6)
    assert [p.kind for p in it.settlement.parts] == ["fair_share_balance", "reasonable_costs"]


def test_recorded_charges_are_what_the_ledger_says_was_paid(small_portfolio):
    report = cost_report(portfolio=small_portfolio())

    it = next(p for p in report.pools if p.pool == "IT")
    paid = {(r.year, r.party): (r.charged, r.recorded) for r in it.ledger}
    assert paid[2019, "WAR"] == (370_000, True)
    assert paid[2020, "WAR"] == (pytest.approx(0.31 * 1_250_000.5), False)
    assert (
        "2020: no charges recorded; charged by the current 69/31 basis applied to each "
        "year's cost" in it.notes
    )


def test_fair_shares_lie_in_each_partys_subsidy_free_range(small_portfolio):
    report = cost_report(portfolio=small_portfolio())

    for pool in report.pools:
        assert pool.core_empty is False
        for party in pool.fairness:
            assert party.least is not None and party.greatest is not None
            assert party.least - 1e-6 <= party.fair <= party.greatest + 1e-6
            # Two parties: the core runs from the incremental to the stand-alone cost.
            assert party.least == pytest.approx(pool.incremental[party.party], abs=1e-3)
            assert party.greatest == pytest.approx(pool.stand_alone[party.party], abs=1e-3)


def test_a_pool_nobody_leaves_has_gaps_but_no_settlement(small_portfolio):
    base = small_portfolio()
    pools = tuple(p.model_copy(update={"agreement": None}) for p in base.cost_pools)

    report = cost_report(portfolio=small_portfolio(cost_pools=pools))

    it = next(p for p in report.pools if p.pool == "IT")
    assert it.gaps and it.settlement is None
    assert not any("at exit" in h or " pays " in h for h in report.headlines)
    assert any("nobody leaves it" in n for n in it.notes)


def test_a_pool_whose_agreement_is_not_ending_is_not_settled(small_portfolio):
    base = small_portfolio()
    agreements = tuple(
        a.model_copy(
            update={
                "notice_served": None,
                "terminating_party": None,
                "end": None,
                "termination_costs": None,
            }
        )
        if a.code == "ALLIANCE"
        else a
        for a in base.agreements
    )

    report = cost_report(portfolio=small_portfolio(agreements=agreements))

    it = next(p for p in report.pools if p.pool == "IT")
    assert it.settlement is None
    assert "ALLIANCE is not ending, so nobody leaves the pool and nothing is settled" in it.notes


def test_no_headline_calls_a_gap_to_the_fair_share_a_cross_subsidy(small_portfolio):
    report = cost_report(portfolio=small_portfolio())

    text = " ".join(report.headlines)
    assert "cross-subsidy" not in text and "owes" not in text
    assert "Warwickshire Police paid £454k less than its Shapley fair share over 2019–2020" in text
    assert "Shared IT: the current basis (69/31) is subsidy-free" in text


def test_the_nucleolus_can_be_the_fair_standard_and_is_named_as_such(small_portfolio):
    report = cost_report(portfolio=small_portfolio(), fair_method=Method.NUCLEOLUS)

    it = next(p for p in report.pools if p.pool == "IT")
    assert it.standard == "nucleolus"
    assert all("nucleolus fair share" in g.sentence for g in it.gaps)


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
