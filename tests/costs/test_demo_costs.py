"""The demonstration's cost report tells one story: gaps, ranges and settlements agree."""

from __future__ import annotations

import pytest

from carveout.costs.report import CostReport, PoolCosts, cost_report
from carveout.demo import demo_portfolio


@pytest.fixture(scope="module")
def report() -> CostReport:
    return cost_report(portfolio=demo_portfolio(), samples=2_000)


def pool(report: CostReport, code: str) -> PoolCosts:
    return next(p for p in report.pools if p.pool == code)


def test_the_motorway_group_nobody_leaves_has_a_ledger_but_no_settlement(report):
    cmpg = pool(report, "CMPG")

    assert cmpg.gaps and cmpg.settlement is None
    assert not any(h.startswith("Central Motorway") and "exit" in h for h in report.headlines)


def test_no_headline_calls_a_gap_to_the_fair_share_a_subsidy(report):
    text = " ".join(report.headlines)

    assert "cross-subsidy" not in text and "owes" not in text
    assert "Alliance shared services: the current basis (69/31) is subsidy-free" in text
    assert "Warwickshire Police paid £48.3m less than its Shapley fair share over 2012–2019" in text


def test_the_alliance_settlement_nets_its_named_parts_one_way_round(report):
    settlement = pool(report, "ALLIANCE").settlement
    assert settlement is not None
    parts = {p.kind: p.transfers for p in settlement.parts}

    assert parts["reasonable_costs"]["WMERC"] < 0  # West Mercia served notice, so it pays
    net = parts["fair_share_balance"]["WMERC"] + parts["reasonable_costs"]["WMERC"]
    assert settlement.transfers["WMERC"] == pytest.approx(net)
    payer = "Warwickshire Police pays West Mercia Police" if net > 0 else "West Mercia Police pays"
    assert any(s.startswith(f"Net at exit: {payer}") for s in settlement.sentences)
    assert settlement.low is not None and settlement.high is not None
    assert settlement.low["WMERC"] <= net <= settlement.high["WMERC"]


def test_the_alliance_ledger_uses_the_recorded_charges_and_names_the_assumed_years(report):
    alliance = pool(report, "ALLIANCE")

    recorded = sorted({r.year for r in alliance.ledger if r.recorded})
    assert recorded == [2017, 2018, 2019]
    assert (
        "2012–2016: no charges recorded; charged by the current 69/31 basis applied to each "
        "year's cost" in alliance.notes
    )
