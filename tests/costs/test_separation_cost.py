"""The four kinds of separation cost, and the itemised claim for reasonable costs."""

from datetime import date
from typing import Any

import pytest

from carveout.charges.report import charges_view
from carveout.costs.exit_settlement import exit_claim
from carveout.costs.separation_cost import Kind, separation_cost
from carveout.domain import (
    Agreement,
    AgreementKind,
    Disposition,
    Portfolio,
    Service,
    ServiceKind,
    TerminationCosts,
)
from carveout.domain.dates import first_month_to_go
from carveout.planning.planner import plan_scenario
from tests.charges.factories import START, line, tsa


def _with(portfolio: Portfolio, **fields: Any) -> Portfolio:
    return Portfolio(**{**dict(portfolio), **fields})


def _service(code: str, **fields: Any) -> Service:
    base: dict[str, Any] = {
        "code": code,
        "name": code,
        "kind": ServiceKind.APPLICATION,
        "host": "WM",
        "consumers": ("WM", "WW"),
        "usage": {"WM": 75.0, "WW": 25.0},
        "fixed_cost": 12_000.0,
    }
    return Service(**{**base, **fields})


def _alliance(terms: TerminationCosts | None, **fields: Any) -> Agreement:
    base: dict[str, Any] = {"end": date(2018, 12, 31), **fields}
    return Agreement(
        code="ALLY",
        name="Alliance",
        kind=AgreementKind.COLLABORATION,
        provider="WM",
        recipients=("WW",),
        start=date(2012, 4, 1),
        termination_costs=terms,
        **base,
    )


def test_the_transitional_kind_to_go_equals_the_plans_hosting_cost() -> None:
    portfolio = tsa(line("A", 1_000, notice_months=2), line("B", 2_000), line("C", 3_000))
    as_of = date(2019, 2, 15)
    plan = plan_scenario(
        portfolio=portfolio, scenario=portfolio.scenarios[0], as_of=as_of, time_limit=5
    )
    view = charges_view(portfolio=portfolio, plan=plan, as_of=as_of)
    cost = separation_cost(portfolio=portfolio, plan=plan, view=view)
    first = first_month_to_go(as_of)
    forecast = [x for x in cost.lines if x.kind is Kind.TRANSITIONAL and not x.actual]

    assert plan.hosting_cost > 0
    assert all(x.month >= first for x in forecast)
    assert sum(x.amount for x in forecast) == pytest.approx(plan.hosting_cost)
    assert cost.budgets == {"WW": 50_000}


def test_a_leaving_consumer_strands_its_share_of_the_hosts_fixed_cost_for_the_period() -> None:
    base = tsa(line("A", 1_000))
    portfolio = _with(base, services=(_service("A"), *base.services[1:]))
    view = charges_view(portfolio=portfolio, plan=None, as_of=START)
    cost = separation_cost(portfolio=portfolio, plan=None, view=view, period=6)
    stranded = [x for x in cost.lines if x.kind is Kind.STRANDED and x.service == "A"]

    # WW used a quarter of A; its £3,000 a year of fixed cost stays with WM for six months
    assert {x.party for x in stranded} == {"WM"}
    assert len(stranded) == 6
    assert sum(x.amount for x in stranded) == pytest.approx(1_500)


def test_a_replicated_service_runs_twice_and_its_copy_is_a_dis_synergy() -> None:
    base = tsa(line("A", 1_000))
    copy = _service("A", disposition=Disposition.REPLICATE, destination="WW", variable_cost=12.0)
    portfolio = _with(base, services=(copy, *base.services[1:]))
    view = charges_view(portfolio=portfolio, plan=None, as_of=START)
    cost = separation_cost(portfolio=portfolio, plan=None, view=view, period=12)
    dual = [x for x in cost.lines if x.kind is Kind.DIS_SYNERGY]

    # WW's copy: £12,000 fixed + 25 units × £12 = £12,300 a year, for a year
    assert {x.party for x in dual} == {"WW"}
    assert cost.total(kind=Kind.DIS_SYNERGY, party="WW") == pytest.approx(12_300)


def test_one_time_cost_is_effort_times_the_day_rate_and_nothing_without_one() -> None:
    portfolio = tsa(line("A", 1_000), work={"A": (10, 10), "B": (30, 30), "C": (100, 100)})
    plan = plan_scenario(
        portfolio=portfolio, scenario=portfolio.scenarios[0], as_of=START, time_limit=5
    )
    view = charges_view(portfolio=portfolio, plan=plan, as_of=START)
    priced = separation_cost(portfolio=portfolio, plan=plan, view=view, day_rate=500)
    unpriced = separation_cost(portfolio=portfolio, plan=plan, view=view)

    assert priced.total(kind=Kind.ONE_TIME) == pytest.approx(140 * 500, abs=1)
    assert unpriced.total(kind=Kind.ONE_TIME) == 0
    assert sum(x.days for x in unpriced.lines if x.kind is Kind.ONE_TIME) == pytest.approx(140)


@pytest.mark.parametrize(
    ("terms", "paid"),
    [(TerminationCosts.TERMINATING_PARTY, True), (TerminationCosts.EACH_OWN, False)],
)
def test_the_terminating_party_pays_the_itemised_claim_and_its_components_sum_to_it(
    terms: TerminationCosts, paid: bool
) -> None:
    base = tsa(line("A", 1_000))
    copy = _service("A", host="WW", disposition=Disposition.REPLICATE, destination="WM")
    portfolio = _with(base, services=(copy, *base.services[1:]))
    agreement = _alliance(terms, terminating_party="WW" if paid else None)
    view = charges_view(portfolio=portfolio, plan=None, as_of=START)
    cost = separation_cost(portfolio=portfolio, plan=None, view=view, period=6)
    claim = exit_claim(agreement=agreement, pools=(), cost=cost, settlements={})
    parts = {c.key: c.amount for c in claim.components}

    assert claim.total == pytest.approx(sum(parts.values()))
    if paid:
        # WM leaves WW's A and runs its own copy: £12,000 + 75 × 0 a year, six months
        assert parts["dual_running"] == pytest.approx(6_000)
        assert claim.transfers == {"WM": claim.total, "WW": -claim.total}
        assert all(x.service == "A" for c in claim.components for x in c.lines)
    else:
        assert claim.claimants == ()
        assert claim.total == 0
        assert claim.transfers == {}


def test_shared_terms_split_the_claim_by_the_termination_shares() -> None:
    base = tsa(line("A", 1_000))
    mine = _service("A", host="WW", disposition=Disposition.REPLICATE, destination="WM")
    theirs = _service("B", disposition=Disposition.REPLICATE, destination="WW")
    portfolio = _with(base, services=(mine, theirs, *base.services[2:]))
    agreement = _alliance(TerminationCosts.SHARED, termination_shares={"WM": 1, "WW": 1})
    view = charges_view(portfolio=portfolio, plan=None, as_of=START)
    cost = separation_cost(portfolio=portfolio, plan=None, view=view, period=6)
    claim = exit_claim(agreement=agreement, pools=(), cost=cost, settlements={})
    owed = {
        p: sum(x.amount for c in claim.components for x in c.lines if x.party == p)
        for p in ("WM", "WW")
    }

    assert claim.payer is None and set(claim.claimants) == {"WM", "WW"}
    assert owed["WM"] != owed["WW"]
    # half the total each: the party with the larger claim receives the difference's half
    assert claim.transfers["WM"] == pytest.approx((owed["WM"] - owed["WW"]) / 2)
    assert sum(claim.transfers.values()) == pytest.approx(0)


def test_hosting_before_the_agreement_ends_is_not_claimed() -> None:
    portfolio = tsa(line("A", 1_000), line("B", 2_000))
    agreement = _alliance(
        TerminationCosts.TERMINATING_PARTY, terminating_party="WM", end=date(2019, 3, 31)
    )
    view = charges_view(portfolio=portfolio, plan=None, as_of=START)
    cost = separation_cost(portfolio=portfolio, plan=None, view=view)
    claim = exit_claim(agreement=agreement, pools=(), cost=cost, settlements={})
    hosting = next(c for c in claim.components if c.key == "hosting_after_exit")

    assert hosting.lines and all(x.month > date(2019, 3, 31) for x in hosting.lines)
    assert hosting.amount < cost.total(kind=Kind.TRANSITIONAL)
