from collections.abc import Callable
from datetime import date, timedelta

from carveout.domain import Coupling, Dependency, Disposition, MigrationStatus, Portfolio
from carveout.planning.prepare import build_separation
from carveout.planning.separation import Separation

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
        migrations={
            "A": {"status": MigrationStatus.IN_PROGRESS, "actual_start": START - timedelta(7)}
        },
    )
    sep = _separation(portfolio)
    assert sep.precedences == ()
    assert any(
        "A started on 31 Dec 2018, but B, which must go before it, has not cut over" in note
        for note in sep.notes
    )


def test_the_cost_of_each_cutover_week_rises_with_the_months_hosted(build: Build) -> None:
    sep = _separation(build(work={"A": (5, 5)}, annual_cost=12_000))
    table = sep.cost_tables[0]
    # The data date is 7 Jan 2019, so January has begun: a January cut-over costs nothing to go.
    assert table[1] == 0
    assert table == tuple(sorted(table))
    cutover = sep.calendar.cutover(len(table) - 1)
    months = (cutover.year - START.year) * 12 + cutover.month - START.month
    assert table[-1] == 1_000 * months


def test_a_migration_cut_over_before_the_data_date_is_a_fact_not_planned(build: Build) -> None:
    portfolio = build(
        work={"A": (5, 5)},
        migrations={
            "A": {
                "status": MigrationStatus.CUT_OVER,
                "actual_start": START - timedelta(days=30),
                "actual_end": START - timedelta(days=2),
            }
        },
        annual_cost=12_000,
    )
    sep = _separation(portfolio)
    assert sep.moves == () and [d.service for d in sep.done] == ["A"]


def test_a_cut_over_after_the_data_date_is_work_still_in_progress_on_it(build: Build) -> None:
    portfolio = build(
        work={"A": (5, 20)},
        migrations={
            "A": {
                "status": MigrationStatus.CUT_OVER,
                "actual_start": START - timedelta(days=14),
                "actual_end": START + timedelta(days=20),
            }
        },
    )
    (move,) = _separation(portfolio).moves
    assert move.frozen and move.fixed_start == 0
    assert move.actual_start == START - timedelta(days=14)
    assert move.duration == 2  # 10 of its 20 working days had passed on the data date


def test_work_in_progress_plans_only_its_recorded_remaining_share(build: Build) -> None:
    portfolio = build(
        work={"A": (40, 40)},
        teams={"T": 2.0},
        migrations={
            "A": {
                "status": MigrationStatus.IN_PROGRESS,
                "actual_start": START - timedelta(days=7),
                "percent_complete": 75,
            }
        },
    )
    (move,) = _separation(portfolio).moves
    assert move.duration == 2  # a quarter of 40 working days
    assert move.effort_days == 10


def test_work_not_started_never_starts_before_the_data_date(build: Build) -> None:
    portfolio = build(work={"A": (5, 5)}, scenario={"as_of": date(2019, 3, 6)})
    sep = _separation(portfolio)
    assert sep.calendar.origin == date(2019, 3, 6)
    assert sep.moves[0].release == 0


def test_a_provider_that_cut_over_releases_its_dependant_without_a_note(build: Build) -> None:
    portfolio = build(
        work={"A": (5, 5), "B": (5, 5)},
        dependencies=[Dependency(service="A", depends_on="B", coupling=Coupling.BEFORE)],
        migrations={
            "B": {
                "status": MigrationStatus.CUT_OVER,
                "actual_start": START - timedelta(days=30),
                "actual_end": START - timedelta(days=3),
            }
        },
    )
    sep = _separation(portfolio)
    assert [m.service for m in sep.moves] == ["A"]
    assert sep.precedences == () and sep.notes == ()


def test_a_dependant_that_moved_before_its_provider_shows_the_bridge_it_needed(
    build: Build,
) -> None:
    portfolio = build(
        work={"A": (5, 5), "B": (5, 5)},
        dependencies=[
            Dependency(service="A", depends_on="B", coupling=Coupling.BRIDGEABLE, bridge_cost=4_500)
        ],
        migrations={
            "A": {
                "status": MigrationStatus.CUT_OVER,
                "actual_start": START - timedelta(days=30),
                "actual_end": START - timedelta(days=3),
            }
        },
    )
    sep = _separation(portfolio)
    assert [(b.key, b.cost) for b in sep.built_bridges] == [("A->B", 4_500)]
    assert sep.bridges == ()
