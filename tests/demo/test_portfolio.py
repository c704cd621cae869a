from datetime import date, timedelta

import networkx as nx
import pytest

from carveout.demo import demo_portfolio
from carveout.demo.portfolio import demo_portfolio as cached_demo_portfolio
from carveout.domain import (
    ChargingBasis,
    Coupling,
    Disposition,
    MigrationStatus,
    Portfolio,
    ServiceKind,
    Team,
    validate,
)

PLAN_START = date(2018, 11, 1)


@pytest.fixture(scope="module")
def demo() -> Portfolio:
    return demo_portfolio()


def _person_days(team: Team, start: date, end: date, factor: float = 1.0) -> float:
    """Staff-days available on weekdays from ``start`` to ``end``."""
    total, day = 0.0, start
    while day <= end:
        if day.weekday() < 5:
            total += team.people_on(day)
        day += timedelta(days=1)
    return total * factor


def test_the_demo_portfolio_has_no_validation_problems(demo: Portfolio) -> None:
    assert validate(demo) == []


def test_the_demo_portfolio_is_built_the_same_every_time() -> None:
    assert cached_demo_portfolio.__wrapped__() == cached_demo_portfolio.__wrapped__()


def test_the_demo_has_about_150_services_and_300_dependencies(demo: Portfolio) -> None:
    assert 140 <= len(demo.services) <= 160
    assert 250 <= len(demo.dependencies) <= 350
    assert {p.code for p in demo.parties} == {"WMERC", "WARKS", "WMIDS", "STAFFS"}
    assert len(demo.raid) >= 12
    assert {c.coupling for c in demo.dependencies} == set(Coupling)


def test_west_mercia_hosts_about_80_percent_of_the_services(demo: Portfolio) -> None:
    hosted = sum(1 for s in demo.services if s.host == "WMERC")
    assert 0.78 <= hosted / len(demo.services) <= 0.82


def test_the_hosting_agreement_keeps_48_applications_then_30_of_them(demo: Portfolio) -> None:
    first = demo.tranche_by_code["TSA-T1"]
    second = demo.tranche_by_code["TSA-T2"]
    services = demo.service_by_code

    assert len(first.services) == 48
    assert len(second.services) == 30
    assert set(second.services) <= set(first.services)
    assert all(services[c].kind is ServiceKind.APPLICATION for c in first.services)
    assert all(services[c].host == "WMERC" and services[c].moves for c in first.services)
    assert (first.start, first.end) == (date(2021, 10, 1), date(2022, 3, 31))
    assert (second.start, second.end) == (date(2022, 4, 1), date(2023, 3, 31))


def test_the_broader_support_runs_four_months_with_an_extension_option(demo: Portfolio) -> None:
    support = demo.tranche_by_code["TSA-SUPPORT"]
    options = [o for o in demo.extension_options if o.tranche == support.code]

    assert (support.start, support.end) == (date(2021, 10, 1), date(2022, 1, 31))
    assert len(options) == 1 and options[0].step_up > 0 and options[0].notice_months > 0


def test_file_storage_stays_hosted_under_a_long_term_agreement(demo: Portfolio) -> None:
    storage = demo.service_by_code["FS"]
    covering = [t for t in demo.tranches if "FS" in t.services]

    assert storage.disposition is Disposition.STAY_HOSTED and storage.host == "WMERC"
    assert [t.agreement for t in covering] == ["STORAGE-2021"]
    assert covering[0].end > date(2023, 3, 31)


def test_the_alliance_agreement_records_notice_extension_and_who_pays(demo: Portfolio) -> None:
    alliance = demo.agreement_by_code["ALLIANCE"]

    assert alliance.start.year == 2012
    assert alliance.notice_served is not None and alliance.notice_served.year == 2018
    assert alliance.end == date(2020, 4, 30)
    assert alliance.terminating_party == "WMERC"
    assert "reasonable costs" in alliance.termination_terms


def test_the_alliance_pool_is_charged_69_to_31_and_another_by_a_driver(demo: Portfolio) -> None:
    pools = {p.code: p for p in demo.cost_pools}
    alliance = pools["ALLIANCE"]

    assert alliance.basis is ChargingBasis.RATIO
    assert alliance.shares == {"WMERC": 69, "WARKS": 31}
    assert set(alliance.annual_costs) == set(range(2012, 2020))
    assert any(p.basis is ChargingBasis.DRIVER for p in pools.values())
    drivers = {p.driver for p in pools.values() if p.driver}
    assert all(driver in party.drivers for party in demo.parties for driver in drivers)


def test_every_moving_service_has_a_migration_and_teams_cover_2018_to_2023(
    demo: Portfolio,
) -> None:
    moving = {s.code for s in demo.services if s.moves}

    assert {m.service for m in demo.migrations} == moving
    for team in demo.teams:
        assert len(team.capacity) == 24
        assert team.capacity[0].start == date(2018, 1, 1)
        assert team.capacity[-1].end == date(2023, 12, 31)


def test_the_original_deadline_needs_more_work_than_the_teams_can_do(demo: Portfolio) -> None:
    effort = sum(m.effort.most_likely for m in demo.migrations)
    by_october_2019 = sum(_person_days(t, PLAN_START, date(2019, 10, 31)) for t in demo.teams)

    assert effort > 1.25 * by_october_2019


def test_every_team_can_do_its_work_by_march_2022_with_room_to_spare(demo: Portfolio) -> None:
    for team in demo.teams:
        effort = sum(m.effort.most_likely for m in demo.migrations if m.team == team.code)
        assert effort < 0.7 * _person_days(team, PLAN_START, date(2022, 3, 31)), team.code


def test_no_migration_needs_more_people_at_once_than_its_team_ever_has(demo: Portfolio) -> None:
    for m in demo.migrations:
        team = demo.team_by_code[m.team]
        fewest = min(
            c.people for c in team.capacity if c.end >= PLAN_START and c.start <= date(2023, 3, 31)
        )
        most_likely = m.effort.most_likely / m.duration.most_likely
        worst = m.effort.pessimistic / m.duration.pessimistic
        assert max(most_likely, worst) <= fewest, m.service


def test_before_and_together_couplings_leave_an_order_to_cut_over_in(demo: Portfolio) -> None:
    together: nx.Graph = nx.Graph()
    together.add_nodes_from(demo.service_by_code)
    together.add_edges_from(
        (d.service, d.depends_on) for d in demo.dependencies if d.coupling is Coupling.TOGETHER
    )
    cluster = {
        code: index
        for index, members in enumerate(nx.connected_components(together))
        for code in members
    }
    order: nx.DiGraph = nx.DiGraph()
    order.add_edges_from(
        (cluster[d.depends_on], cluster[d.service])
        for d in demo.dependencies
        if d.coupling is Coupling.BEFORE
    )
    assert nx.is_directed_acyclic_graph(order)
    for a, b in together.edges:
        assert demo.service_by_code[a].destination == demo.service_by_code[b].destination


def test_work_already_done_agrees_with_its_couplings(demo: Portfolio) -> None:
    migrations = demo.migration_by_service
    for d in demo.dependencies:
        a, b = migrations.get(d.service), migrations.get(d.depends_on)
        if d.coupling is Coupling.TOGETHER and a and b and (a.frozen or b.frozen):
            assert (a.actual_start, a.actual_end) == (b.actual_start, b.actual_end), d.key
        if d.coupling is Coupling.BEFORE and a and a.frozen:
            assert b is not None and b.actual_end is not None, d.key
            assert a.actual_start is not None and b.actual_end <= a.actual_start, d.key


def test_payroll_hr_and_business_services_moved_to_west_midlands_in_2019_2020(
    demo: Portfolio,
) -> None:
    for code in ("PAY", "HR-SYS", "FIN-ERP", "PROCURE", "TRANSACT"):
        migration = demo.migration_by_service[code]
        assert demo.service_by_code[code].destination == "WMIDS"
        assert migration.status is MigrationStatus.CUT_OVER
        assert migration.actual_end is not None and migration.actual_end.year in (2019, 2020)
    assert any(m.status is MigrationStatus.IN_PROGRESS for m in demo.migrations)


def test_no_recorded_cut_over_falls_in_a_blackout(demo: Portfolio) -> None:
    for m in demo.migrations:
        for b in demo.blackouts:
            if m.actual_end and b.applies_to(team=m.team, service=m.service):
                assert not b.contains(m.actual_end), (m.service, b.code)


def test_the_four_scenarios_start_together_and_end_at_the_public_dates(demo: Portfolio) -> None:
    deadlines = {s.code: s.deadline for s in demo.scenarios}

    assert deadlines == {
        "original": date(2019, 10, 31),
        "extended": date(2020, 4, 30),
        "tsa-2022": date(2022, 3, 31),
        "tsa-2023": date(2023, 3, 31),
    }
    assert {s.start for s in demo.scenarios} == {PLAN_START}
