from datetime import UTC, date, datetime

from carveout.domain import ExtensionOption, Tranche
from carveout.planning.calendar import months_between
from carveout.planning.planner import plan_scenario
from carveout.reports.contents import Pack
from carveout.reports.decisions import notice_date
from carveout.reports.pack import build_pack
from tests.reports.programme import AS_OF, MOVING, START, Results


def test_status_counts_come_from_the_recorded_migrations_and_the_baseline(
    pack: Pack, results: Results
) -> None:
    migrations = results.portfolio.migrations
    assert pack.status.moving == len(MOVING)
    assert pack.status.done == sum(1 for m in migrations if m.status == "cut_over")
    assert pack.status.in_progress == sum(1 for m in migrations if m.status == "in_progress")
    # Without a baseline nothing is judged behind plan, and the status says why.
    assert pack.status.planned_done == 0 and pack.status.behind == ()
    assert any("no baseline" in r for r in pack.status.reasons)
    # The board approved a plan made at the start: behind is judged against it.
    portfolio = results.portfolio
    scenario = portfolio.scenarios[0]
    baseline = plan_scenario(
        portfolio=portfolio, scenario=scenario, as_of=START, time_limit=3, workers=1
    )
    judged = build_pack(
        portfolio=portfolio,
        scenario=scenario,
        plan=results.plan,
        forecast=results.forecast,
        costs=None,
        as_of=AS_OF,
        previous=None,
        generated=datetime(2021, 10, 15, tzinfo=UTC),
        baseline=baseline,
    )
    due = {m.service for m in baseline.migrations if m.cutover < AS_OF}
    done = {m.service for m in migrations if m.status == "cut_over"}
    assert judged.status.planned_done == len(due) > 0
    assert set(judged.status.behind) == due - done
    assert judged.status.baseline_as_of == START


def test_services_still_hosted_match_the_burn_down_on_the_report_date(pack: Pack) -> None:
    on_the_day = {p.series: p.services for p in pack.burn_down if p.day == AS_OF}
    assert sum(h.actual for h in pack.hosted) == on_the_day["Actual"]
    assert sum(h.planned for h in pack.hosted) == on_the_day["Plan"]


def test_the_plan_burn_down_agrees_with_the_planner_at_each_month(
    pack: Pack, results: Results
) -> None:
    planner = {b.month: b.services for b in results.plan.burn_down}
    ours = {p.day: p.services for p in pack.burn_down if p.series == "Plan"}
    assert planner
    for month, services in planner.items():
        assert ours[month] == services


def test_the_actual_series_stops_at_the_report_date(pack: Pack) -> None:
    assert max(p.day for p in pack.burn_down if p.series == "Actual") == AS_OF
    assert max(p.day for p in pack.burn_down if p.series == "Plan") > AS_OF


def test_hosting_cost_to_date_and_to_go_add_up_to_the_plans_hosting_cost(
    pack: Pack, results: Results
) -> None:
    plan = results.plan
    # The data date is 15 October: October's charges are to date, the rest to go.
    assert pack.money.hosting_to_date > 0
    assert abs(pack.money.hosting_to_go - plan.hosting_cost) < 1
    assert abs(pack.money.step_up_to_go - plan.step_up_cost) < 1
    assert abs(pack.money.running_to_go - plan.running_cost) < 1
    assert pack.money.bridges == plan.bridge_cost + plan.bridge_cost_to_date


def test_a_tranche_costs_its_monthly_charge_for_each_month(pack: Pack, results: Results) -> None:
    for line in pack.tranches:
        tranche = results.portfolio.tranche_by_code[line.code]
        months = len(months_between(tranche.start, tranche.end))
        assert line.cost == tranche.monthly_charge * months


def test_extension_notice_falls_due_the_notice_period_before_the_tranche_ends() -> None:
    tranche = Tranche(
        code="T", agreement="A", start=date(2021, 10, 1), end=date(2022, 3, 31), monthly_charge=1
    )
    two = ExtensionOption(code="X", tranche="T", length_months=3, notice_months=2)
    assert notice_date(tranche, two) == date(2022, 1, 31)
    mid = tranche.model_copy(update={"end": date(2022, 3, 15)})
    assert notice_date(mid, two) == date(2022, 1, 15)
    part = two.model_copy(update={"notice_months": 1.5})
    assert notice_date(tranche, part) == date(2022, 1, 31)


def test_the_board_is_asked_to_extend_a_tranche_the_forecast_says_is_at_risk(
    pack: Pack, results: Results
) -> None:
    chance = next(t for t in results.forecast.tranches if t.code == "TSA-1").p_leave_by_end
    assert chance < 0.8
    decision = next(d for d in pack.decisions if "extend Tranche 1" in d.title)
    assert decision.title.startswith("Serve notice")
    assert decision.by == date(2022, 1, 31)
    assert not decision.overdue


def test_open_raid_decisions_are_put_to_the_board(pack: Pack) -> None:
    assert any(d.title == "Agree where evidence is stored" for d in pack.decisions)


def test_top_risks_are_the_open_ones_by_expected_delay(pack: Pack, results: Results) -> None:
    codes = [r.code for r in pack.risk.risks]
    assert codes == ["R1", "R2"]
    r1 = pack.risk.risks[0]
    entry = results.portfolio.raid[0]
    assert r1.expected_delay == entry.probability * entry.delay_days
    assert r1.expected_cost == entry.probability * entry.cost_impact


def test_allocation_totals_equal_the_pools_annual_cost(pack: Pack, results: Results) -> None:
    for section, pool in zip(pack.pools, results.costs.pools, strict=True):
        for total in section.totals:
            assert abs(total - pool.annual_cost) < 1
        assert section.methods[0] == "Current basis"


def test_a_pack_without_results_still_has_every_section(results: Results) -> None:
    bare = build_pack(
        portfolio=results.portfolio,
        scenario=results.portfolio.scenarios[0],
        plan=None,
        forecast=None,
        costs=None,
        as_of=AS_OF,
        previous=None,
        generated=datetime(2021, 10, 15, tzinfo=UTC),
    )
    assert bare.status.rating == "red"
    assert bare.pools == ()
    assert {p.series for p in bare.burn_down} == {"Plan", "Actual"}
    assert len(bare.services) == len(results.portfolio.services)
