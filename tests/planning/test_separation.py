from collections.abc import Callable
from datetime import date, timedelta

from carveout.domain import Coupling, Dependency, Disposition, MigrationStatus, Portfolio
from carveout.planning.separation import Separation, build_separation

Build = Callable[..., Portfolio]
START = date(2019, 1, 7)


def _separation(portfolio: Portfolio) -> Separation:
    return build_separation(portfolio=portfolio, scenario=portfolio.scenarios[0])


def test_duration_is_working_days_in_whole_weeks_and_load_is_people_in_tenths(
    build: Build,
) -> None:
    sep = _separation(build(work={"A": (30, 12)}, teams={"T": 3.0}))
    (move,) = sep.moves
    assert move.duration == 3  # 12 working days round up to 3 weeks
    assert move.load == 20  # 30 person-days over 15 working days = 2 people
    assert sep.capacities[0][0] == 30


def test_work_needing_more_people_than_the_team_has_takes_longer(build: Build) -> None:
    (move,) = _separation(build(work={"A": (50, 5)}, teams={"T": 2.0})).moves
    assert move.load <= 20
    assert move.duration == 5


def test_services_that_stay_hosted_or_retire_are_not_moved(build: Build) -> None:
    portfolio = build(work={"A": (5, 5), "B": (5, 5)})
    services = tuple(
        s.model_copy(update={"disposition": Disposition.RETIRE}) if s.code == "B" else s
        for s in portfolio.services
    )
    portfolio = portfolio.replace(
        services=services, migrations=tuple(m for m in portfolio.migrations if m.service == "A")
    )
    assert [m.service for m in _separation(portfolio).moves] == ["A"]


def test_a_together_group_wider_than_its_team_is_stretched_until_it_fits(build: Build) -> None:
    portfolio = build(
        work={"A": (10, 5), "B": (10, 5)},
        teams={"T": 2.0},
        dependencies=[Dependency(service="A", depends_on="B", coupling=Coupling.TOGETHER)],
    )
    sep = _separation(portfolio)
    assert sep.together == ((0, 1),)
    assert {m.duration for m in sep.moves} == {2}
    assert sum(m.load for m in sep.moves) <= 20


def test_a_dependency_into_work_already_under_way_is_noted_not_applied(build: Build) -> None:
    portfolio = build(
        work={"A": (5, 5), "B": (5, 5)},
        dependencies=[Dependency(service="A", depends_on="B", coupling=Coupling.BEFORE)],
        migrations={"A": {"status": MigrationStatus.IN_PROGRESS, "actual_start": START}},
    )
    sep = _separation(portfolio)
    assert sep.precedences == ()
    assert any("A is under way although B" in note for note in sep.notes)


def test_the_cost_of_each_cutover_week_rises_with_the_months_hosted(build: Build) -> None:
    sep = _separation(build(work={"A": (5, 5)}, annual_cost=12_000))
    table = sep.cost_tables[0]
    assert table[1] == 1_000  # cut over in January: one month
    assert table == tuple(sorted(table))
    cutover = sep.calendar.cutover(len(table) - 1)
    months = (cutover.year - START.year) * 12 + cutover.month - START.month + 1
    assert table[-1] == 1_000 * months


def test_a_migration_already_cut_over_is_done_not_planned(build: Build) -> None:
    portfolio = build(
        work={"A": (5, 5)},
        migrations={
            "A": {
                "status": MigrationStatus.CUT_OVER,
                "actual_start": START - timedelta(days=30),
                "actual_end": START + timedelta(days=20),
            }
        },
        annual_cost=12_000,
    )
    sep = _separation(portfolio)
    assert sep.moves == () and [d.service for d in sep.done] == ["A"]
    assert sep.fixed_cost == 1_000  # hosted for part of January
