"""Reconciliation: each plan passes the independent checker, and every total in the governance
pack, the overview and the CLI's plan output equals the sum of the rows it summarises.

The cases are in :mod:`tests.reconciliation_cases`; the overview is reconciled in
:mod:`tests.test_reconciliation_overview`.
"""

from __future__ import annotations

import re
from collections import Counter

import pytest

from carveout.cli.plan_output import money_rows
from carveout.domain import portfolio_as_of
from carveout.planning.plan import Plan
from carveout.reports.pack import build_pack
from tests.plan_checker import check_plan
from tests.plan_checker_money import charges, first_month_to_go, month, to_go
from tests.plan_checker_tranches import implied_tranches
from tests.reconciliation_cases import CASES, Case, planned_case


@pytest.fixture(
    scope="module",
    params=[pytest.param(c, marks=pytest.mark.slow) if c == "demo" else c for c in CASES],
)
def case(request: pytest.FixtureRequest) -> Case:
    return planned_case(request.param)


def test_the_stored_plan_passes_the_independent_checker(case: Case) -> None:
    stored = Plan.model_validate_json(case.plan.model_dump_json())
    assert check_plan(case.portfolio, stored) == []


def test_the_case_with_progress_has_facts_for_the_checker_to_weigh() -> None:
    case = planned_case("seed-9-progress")
    states = Counter(m.status.value for m in portfolio_as_of(case.portfolio, case.as_of).migrations)
    assert states["cut_over"] >= 5 and states["in_progress"] >= 3
    assert case.plan.bridges_built and case.plan.notes


def test_the_status_counts_add_up_to_the_moving_services(case: Case) -> None:
    status, plan = case.pack.status, case.plan
    moving = [s for s in case.pack.services if s.moves]
    by_status = Counter(s.status for s in moving)
    assert status.moving == len(moving) == sum(1 for s in case.portfolio.services if s.moves)
    assert status.done + status.in_progress + by_status["not_started"] == status.moving - (
        by_status["cancelled"] + by_status[""]
    )
    assert status.done == by_status["cut_over"]
    assert status.done == sum(1 for m in plan.migrations if m.frozen and m.cutover < case.as_of)
    assert status.in_progress == sum(1 for m in plan.migrations if m.frozen) - status.done
    assert by_status["not_started"] == sum(1 for m in plan.migrations if not m.frozen)


def test_services_hosted_by_party_add_up_to_the_burn_down_on_the_data_date(case: Case) -> None:
    point = {(p.series, p.day): p.services for p in case.pack.burn_down}
    view = portfolio_as_of(case.portfolio, case.as_of)
    planned = {m.service: m.cutover for m in case.plan.migrations}
    for line in case.pack.hosted:
        mine = [s for s in view.services if s.host == line.host and s.moves]
        ends = [view.migration_by_service[s.code].actual_end for s in mine]
        assert line.actual == sum(1 for end in ends if end is None or end >= case.as_of)
        assert line.planned == sum(1 for s in mine if planned.get(s.code, case.as_of) >= case.as_of)
    assert sum(h.actual for h in case.pack.hosted) == point["Actual", case.as_of]
    assert sum(h.planned for h in case.pack.hosted) == point["Plan", case.as_of]


def test_the_burn_down_counts_the_services_the_plan_still_has_hosted(case: Case) -> None:
    lines = [s for s in case.pack.services if s.moves]
    for p in case.pack.burn_down:
        if p.series == "Plan":
            assert p.services == sum(1 for s in lines if not s.expected or s.expected >= p.day)
    # The plan's own burn-down: each host's services for each consumer other than itself.
    cutover = {m.service: m.cutover for m in case.plan.migrations}
    services = case.portfolio.service_by_code
    for row in case.plan.burn_down:
        assert row.services == sum(
            1
            for code, day in cutover.items()
            if services[code].host == row.host
            and row.consumer in services[code].consumers
            and day >= row.month
        )


def test_money_to_go_is_the_plans_to_the_pound(case: Case) -> None:
    money, plan = case.pack.money, case.plan
    cutovers = {m.service: m.cutover for m in plan.migrations}
    mine = to_go(case.portfolio, cutovers, case.as_of)
    for shown, planned, recomputed in (
        (money.hosting_to_go, plan.hosting_cost, mine.hosting),
        (money.step_up_to_go, plan.step_up_cost, mine.step_up),
        (money.running_to_go, plan.running_cost, mine.running),
    ):
        assert shown == pytest.approx(planned, abs=1) == pytest.approx(recomputed, abs=1)
    assert (money.bridges_to_go, money.bridges_to_date) == (
        plan.bridge_cost,
        plan.bridge_cost_to_date,
    )
    assert money.recommended == pytest.approx(sum(t.cost for t in case.forecast.recommended))
    # To date: each moving service's months from the scenario start to the month before the
    # first month to go, or to the month it left.
    services, before = case.portfolio.service_by_code, first_month_to_go(case.as_of) - 1
    hosting = sum(
        charges(
            case.portfolio, services[s.code], month(case.scenario.start),
            min(month(s.expected), before),
        ).hosting
        for s in case.pack.services
        if s.moves and s.expected is not None
    )  # fmt: skip
    assert money.hosting_to_date == pytest.approx(hosting, abs=1)


def _pounds(text: str) -> float:
    found = re.match(r"(-?)£([\d,]+)", text)
    assert found, text
    return float(found[2].replace(",", "")) * (-1 if found[1] else 1)


def test_the_cli_total_to_go_is_the_sum_of_its_rows(case: Case) -> None:
    rows = {label.strip(): _pounds(value) for label, value in money_rows(case.plan)}
    parts = ("transitional hosting to go", "running cost to go (outside any tranche)",
             "bridges to build", "lateness")  # fmt: skip
    # Each row is rounded to the pound: the total may differ from their sum by half a pound
    # for each of them.
    assert rows["total to go"] == pytest.approx(sum(rows[p] for p in parts), abs=2)
    assert rows["transitional hosting to go"] == pytest.approx(case.plan.hosting_cost, abs=0.5)
    assert rows["of which extension step-ups"] <= rows["transitional hosting to go"]


def test_contracted_tranches_cost_their_months_times_their_charge(case: Case) -> None:
    portfolio = case.portfolio
    leaves = {s.code: s.expected for s in case.pack.services if s.moves}
    listing: dict[str, list[str]] = {}
    for t in sorted(portfolio.tranches, key=lambda t: (t.end, t.code)):
        for code in t.services:
            listing.setdefault(code, []).append(t.code)
    for line in case.pack.tranches:
        tranche = portfolio.tranche_by_code[line.code]
        months = month(tranche.end) - month(tranche.start) + 1
        assert line.cost == pytest.approx(months * tranche.monthly_charge)
        assert line.services == len(tranche.services)
        after = [
            c
            for c in tranche.services
            if c in leaves
            and listing[c][-1] == tranche.code
            and (leaves[c] is None or leaves[c] > tranche.end)
        ]
        assert line.planned_after_end == len(after)


def test_the_implied_tranches_are_the_plans_and_cost_their_services_months(case: Case) -> None:
    plan = case.plan
    shown = [(t.host, t.until, t.services, t.monthly_charge, t.cost) for t in case.pack.implied]
    assert shown == [(t.host, t.until, t.services, t.monthly_charge, t.cost) for t in plan.tranches]
    expected = implied_tranches(case.portfolio, plan)
    assert [(t.host, t.start, t.until, t.services) for t in plan.tranches] == [
        (t.host, t.start, t.until, t.services) for t in expected
    ]
    for got, want in zip(plan.tranches, expected, strict=True):
        assert got.cost == pytest.approx(want.cost, abs=1)
        assert got.monthly_charge == pytest.approx(want.monthly_charge, abs=1)
    # Per host, the tranches add up to each service's months until it is no longer needed.
    first = first_month_to_go(case.as_of)
    services = case.portfolio.service_by_code
    for host in {t.host for t in plan.tranches}:
        until = {c: t.until for t in expected if t.host == host for c in t.services}
        spent = [charges(case.portfolio, services[c], first, month(u)) for c, u in until.items()]
        total = sum(m.hosting + m.running for m in spent)
        assert sum(t.cost for t in plan.tranches if t.host == host) == pytest.approx(total, abs=1)


def test_with_the_plan_as_its_own_baseline_nothing_is_behind(case: Case) -> None:
    pack = build_pack(
        portfolio=case.portfolio, scenario=case.scenario, plan=case.plan,
        forecast=case.forecast, costs=None, as_of=case.as_of, previous=None,
        generated=case.pack.generated, baseline=case.plan,
    )  # fmt: skip
    assert pack.status.planned_done == pack.status.done
    assert pack.status.behind == ()
    assert [h.planned for h in pack.hosted] == [h.actual for h in pack.hosted]
