"""The demonstration's separation cost and itemised claim sit beside its settlement."""

from __future__ import annotations

from datetime import date

import pytest

from carveout.costs.methods import Method
from carveout.costs.report import CostReport, cost_report
from carveout.costs.separation_cost import Kind
from carveout.costs.separation_report import (
    SeparationReport,
    separation_json,
    separation_report,
)
from carveout.demo import demo_portfolio

AS_OF = date(2021, 10, 1)


@pytest.fixture(scope="module")
def costs() -> CostReport:
    return cost_report(portfolio=demo_portfolio(), methods=(Method.SHAPLEY,), samples=2_000)


@pytest.fixture(scope="module")
def report(costs: CostReport) -> SeparationReport:
    return separation_report(
        portfolio=demo_portfolio(), plan=None, as_of=AS_OF, costs=costs, day_rate=450
    )


def test_the_alliance_claim_is_paid_by_west_mercia_and_its_components_sum_to_it(report):
    (claim,) = report.claims

    assert claim.agreement == "ALLIANCE" and claim.payer == "WMERC"
    assert claim.claimants == ("WARKS",)
    assert [c.key for c in claim.components] == [
        "stranded",
        "dual_running",
        "rebuild",
        "hosting_after_exit",
    ]
    assert claim.total == pytest.approx(sum(c.amount for c in claim.components))
    assert claim.transfers == {"WARKS": claim.total, "WMERC": -claim.total}
    assert all(c.amount > 0 for c in claim.components)
    assert all(line.party == "WARKS" for c in claim.components for line in c.lines)


def test_the_claim_is_set_beside_the_settlement_not_called_one(report, costs):
    (claim,) = report.claims
    alliance = [p.settlement for p in costs.pools if p.settlement is not None]
    reasonable = sum(
        max(0.0, v)
        for s in alliance
        for part in s.parts
        if part.kind == "reasonable_costs"
        for v in part.transfers.values()
    )

    assert claim.settlement_costs == pytest.approx(reasonable, abs=0.01)
    assert claim.settlement_net["WMERC"] == pytest.approx(
        sum(s.transfers["WMERC"] for s in alliance)
    )
    assert claim.low is not None and claim.high is not None
    assert claim.low["WMERC"] <= claim.settlement_net["WMERC"] <= claim.high["WMERC"]


def test_each_pools_own_net_is_named_beside_their_sum(report, costs):
    # the cost report shows each pool's settlement on its own; the claim must show the
    # same figures by pool, not only a total that matches none of them
    (claim,) = report.claims
    own = {p.name: p.settlement.transfers for p in costs.pools if p.settlement is not None}

    assert len(own) > 1
    assert {x.pool: x.transfers for x in claim.pool_settlements} == own
    assert claim.settlement_net["WMERC"] == pytest.approx(
        sum(x.transfers["WMERC"] for x in claim.pool_settlements)
    )
    assert claim.settlement_costs == pytest.approx(
        sum(x.reasonable_costs for x in claim.pool_settlements)
    )
    shape = separation_json(report)["claims"][0]["settlement_by_pool"]
    assert {x["pool"]: x["net"] for x in shape} == own


def test_without_a_plan_the_transitional_kind_is_the_whole_contract_and_meets_the_budget(report):
    # every service hosted to its tranche's end: the Oct 2021–Mar 2023 schedule in full
    assert report.cost.total(kind=Kind.TRANSITIONAL, party="WARKS") == pytest.approx(3_450_000)
    assert report.cost.budgets["WARKS"] == pytest.approx(3_450_000)


def test_the_json_twin_carries_every_kind_and_the_claim(report):
    shape = separation_json(report)

    assert {row["kind"] for row in shape["totals"]} == {str(k) for k in Kind}
    assert shape["claims"][0]["total"] == report.claims[0].total
    assert sum(m["amount"] for m in shape["months"]) == pytest.approx(report.cost.total(), abs=1)


def test_on_the_demonstrations_plan_the_transitional_kind_to_go_is_its_hosting_cost() -> None:
    from carveout.planning.planner import plan_scenario

    portfolio = demo_portfolio()
    scenario = portfolio.scenario_by_code["tsa-2023"]
    plan = plan_scenario(
        portfolio=portfolio, scenario=scenario, as_of=AS_OF, time_limit=3, workers=1
    )
    report = separation_report(portfolio=portfolio, plan=plan, as_of=AS_OF, costs=None)
    forecast = [x for x in report.cost.lines if x.kind is Kind.TRANSITIONAL and not x.actual]

    assert plan.feasible and plan.hosting_cost > 0
    assert sum(x.amount for x in forecast) == pytest.approx(plan.hosting_cost, abs=0.01)


def _done_work(rate_of: dict[str, float]) -> float:
    """Pounds of the demonstration's migrations with both actual dates, at the given rates."""
    return sum(
        m.effort.most_likely * rate_of[m.team]
        for m in demo_portfolio().migrations
        if m.actual_start is not None and m.actual_end is not None
    )


def test_without_a_given_rate_the_work_is_priced_at_each_teams_recorded_rate() -> None:
    from carveout.demo.programme import DAY_RATES

    report = separation_report(portfolio=demo_portfolio(), plan=None, as_of=AS_OF, costs=None)
    shape = separation_json(report)

    assert {t.code: t.day_rate for t in demo_portfolio().teams} == DAY_RATES
    assert all(350 <= rate <= 650 for rate in DAY_RATES.values())
    assert report.cost.total(kind=Kind.ONE_TIME) == pytest.approx(_done_work(DAY_RATES), abs=1)
    assert report.cost.total(kind=Kind.ONE_TIME) > 0 and report.cost.unpriced_days == 0
    assert shape["rate_source"] == "teams" and shape["day_rate"] is None
    assert shape["rate_basis"] == "priced at each team's recorded day rate"


def test_a_given_rate_prices_every_teams_work_instead(report: SeparationReport) -> None:
    flat = dict.fromkeys({t.code for t in demo_portfolio().teams}, 450.0)

    assert report.cost.total(kind=Kind.ONE_TIME) == pytest.approx(_done_work(flat), abs=1)
    assert report.rate_basis == "priced at £450 a day, given for every team"
