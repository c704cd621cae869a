from datetime import date

import pytest
from pydantic import ValidationError

from carveout.domain import (
    Agreement,
    Estimate,
    Migration,
    MigrationStatus,
    Portfolio,
    migration_as_of,
    portfolio_as_of,
    remaining_work,
)
from carveout.domain.progress import LEAST_REMAINING, working_days


def _migration(**fields: object) -> Migration:
    base: dict[str, object] = {
        "service": "CAD",
        "team": "APPS",
        "effort": Estimate(optimistic=10, most_likely=20, pessimistic=40),
        "duration": Estimate(optimistic=10, most_likely=20, pessimistic=30),
    }
    return Migration.model_validate({**base, **fields})


def test_a_cut_over_before_the_data_date_is_a_fact() -> None:
    done = _migration(
        status="cut_over", actual_start=date(2021, 1, 4), actual_end=date(2021, 3, 31)
    )

    assert migration_as_of(done, date(2021, 4, 1)) == done


def test_a_cut_over_on_or_after_the_data_date_had_not_happened_yet() -> None:
    done = _migration(
        status="cut_over", actual_start=date(2021, 1, 4), actual_end=date(2021, 3, 31)
    )

    seen = migration_as_of(done, date(2021, 3, 31))

    assert seen.status is MigrationStatus.IN_PROGRESS
    assert seen.actual_start == date(2021, 1, 4) and seen.actual_end is None


def test_work_started_after_the_data_date_is_not_started_and_forgets_its_progress() -> None:
    running = _migration(status="in_progress", actual_start=date(2021, 6, 1), percent_complete=40)

    seen = migration_as_of(running, date(2021, 5, 31))

    assert seen.status is MigrationStatus.NOT_STARTED
    assert seen.actual_start is None and seen.percent_complete is None


def test_work_that_starts_on_the_data_date_is_under_way_on_it() -> None:
    running = _migration(status="in_progress", actual_start=date(2021, 6, 1))

    assert migration_as_of(running, date(2021, 6, 1)) == running


def test_a_portfolio_as_of_a_date_changes_only_its_migrations(small_portfolio) -> None:  # type: ignore[no-untyped-def]
    portfolio: Portfolio = small_portfolio()

    early = portfolio_as_of(portfolio, date(2021, 11, 1))

    assert early.migration_by_service["CAD"].status is MigrationStatus.NOT_STARTED
    assert early.services == portfolio.services
    assert portfolio_as_of(portfolio, date(2022, 1, 1)) is portfolio


def test_remaining_work_follows_a_recorded_remaining_estimate_first() -> None:
    running = _migration(
        status="in_progress", actual_start=date(2021, 1, 4), remaining_days=5, percent_complete=10
    )

    left = remaining_work(running, date(2021, 2, 1))

    assert left.fraction == pytest.approx(5 / 20)
    assert "5 working days left" in left.basis


def test_remaining_work_follows_a_recorded_percent_complete() -> None:
    running = _migration(status="in_progress", actual_start=date(2021, 1, 4), percent_complete=60)

    assert remaining_work(running, date(2021, 2, 1)).fraction == pytest.approx(0.4)


def test_remaining_work_without_a_record_takes_the_elapsed_working_days_off() -> None:
    running = _migration(status="in_progress", actual_start=date(2021, 1, 4))  # a Monday

    left = remaining_work(running, date(2021, 1, 18))  # two weeks: 10 working days

    assert left.fraction == pytest.approx(0.5)
    assert left.note == ""


def test_work_that_overran_its_estimate_is_assumed_to_have_some_left_and_says_so() -> None:
    running = _migration(status="in_progress", actual_start=date(2020, 1, 6))

    left = remaining_work(running, date(2021, 1, 4))

    assert left.fraction == LEAST_REMAINING
    assert "record its remaining days" in left.note


def test_working_days_counts_mondays_to_fridays() -> None:
    assert working_days(date(2021, 1, 4), date(2021, 1, 11)) == 5
    assert working_days(date(2021, 1, 9), date(2021, 1, 11)) == 0
    assert working_days(date(2021, 1, 11), date(2021, 1, 4)) == 0


def test_progress_is_recorded_only_for_work_in_progress() -> None:
    with pytest.raises(ValidationError, match="only for work in progress"):
        _migration(percent_complete=50)


def test_percent_complete_stays_between_0_and_100() -> None:
    with pytest.raises(ValidationError):
        _migration(status="in_progress", actual_start=date(2021, 1, 4), percent_complete=120)


def _agreement(**fields: object) -> Agreement:
    base: dict[str, object] = {
        "code": "A",
        "name": "Alliance",
        "kind": "collaboration",
        "provider": "P",
        "recipients": ("Q",),
        "start": date(2012, 4, 1),
    }
    return Agreement.model_validate({**base, **fields})


def test_shared_termination_costs_need_shares_of_the_agreements_parties() -> None:
    with pytest.raises(ValidationError, match="need the parties' termination shares"):
        _agreement(termination_costs="shared")
    with pytest.raises(ValidationError, match="not a party to it"):
        _agreement(termination_costs="shared", termination_shares={"X": 1})
    assert _agreement(termination_costs="shared", termination_shares={"P": 1, "Q": 1})


def test_costs_borne_by_the_terminating_party_need_to_know_who_it_is() -> None:
    with pytest.raises(ValidationError, match="need the terminating party"):
        _agreement(termination_costs="terminating_party")
    assert _agreement(termination_costs="terminating_party", terminating_party="Q")


def test_the_fingerprint_changes_with_any_record_and_only_then(small_portfolio) -> None:  # type: ignore[no-untyped-def]
    first: Portfolio = small_portfolio()
    again: Portfolio = small_portfolio()
    changed = first.replace(scenarios=())

    assert first.fingerprint == again.fingerprint
    assert changed.fingerprint != first.fingerprint
