"""The notice calendar: dated actions, days left and overdue against the data date."""

from collections.abc import Callable
from datetime import date

from carveout.domain import Portfolio
from carveout.domain.calendar import ActionKind, due_counts, due_within, notice_calendar
from carveout.domain.dates import exercise_by


def _with_notice(small: Callable[..., Portfolio], **changes: object) -> Portfolio:
    """The small portfolio with the hosting agreement given an end and a month's notice."""
    base = small()
    tha = base.agreement_by_code["THA"].model_copy(
        update={"end": date(2023, 3, 31), "notice_months": 1, **changes}
    )
    return small(agreements=(base.agreement_by_code["ALLIANCE"], tha))


def test_tranche_ends_and_extension_exercise_dates_are_listed_earliest_first(
    small_portfolio: Callable[..., Portfolio],
) -> None:
    actions = notice_calendar(portfolio=small_portfolio(), as_of=date(2021, 11, 15))
    assert [(a.day, a.kind, a.record) for a in actions] == [
        (date(2022, 3, 31), ActionKind.TRANCHE_END, "THA-1"),
        (date(2023, 1, 31), ActionKind.EXERCISE_EXTENSION, "THA-2-EXT"),
        (date(2023, 3, 31), ActionKind.TRANCHE_END, "THA-2"),
    ]
    first = actions[0]
    assert first.days_left == 136 and not first.overdue
    assert first.parties == ("WAR", "WMID")


def test_the_exercise_date_is_the_domain_rule(small_portfolio: Callable[..., Portfolio]) -> None:
    portfolio = small_portfolio()
    action = next(
        a
        for a in notice_calendar(portfolio=portfolio, as_of=date(2021, 11, 15))
        if a.kind is ActionKind.EXERCISE_EXTENSION
    )
    option = portfolio.extension_options[0]
    assert action.day == exercise_by(portfolio.tranche_by_code["THA-2"], option)


def test_termination_notice_falls_due_until_it_is_served(
    small_portfolio: Callable[..., Portfolio],
) -> None:
    as_of = date(2023, 3, 1)
    actions = notice_calendar(portfolio=_with_notice(small_portfolio), as_of=as_of)
    notice = next(a for a in actions if a.kind is ActionKind.TERMINATION_NOTICE)
    assert notice.day == date(2023, 2, 28)  # a month end maps to a month end
    assert notice.days_left == -1 and notice.overdue
    assert notice.parties == ("WMP", "WAR", "WMID")
    served = _with_notice(small_portfolio, notice_served=date(2022, 12, 1), terminating_party="WAR")
    assert not any(
        a.kind is ActionKind.TERMINATION_NOTICE
        for a in notice_calendar(portfolio=served, as_of=as_of)
    )


def test_actions_whose_occasion_has_passed_are_left_out(
    small_portfolio: Callable[..., Portfolio],
) -> None:
    actions = notice_calendar(portfolio=small_portfolio(), as_of=date(2022, 4, 1))
    assert "THA-1" not in {a.record for a in actions}
    # the alliance ended in 2020: no notice is asked for it
    assert "ALLIANCE" not in {a.agreement for a in actions}


def test_a_planned_early_cut_over_gives_an_exit_notice_by_the_agreements_notice(
    small_portfolio: Callable[..., Portfolio],
) -> None:
    actions = notice_calendar(
        portfolio=_with_notice(small_portfolio),
        as_of=date(2021, 11, 15),
        cutovers={"RMS": date(2022, 1, 31), "CAD": date(2022, 3, 31)},
    )
    exits = [a for a in actions if a.kind is ActionKind.EXIT_NOTICE]
    # CAD is hosted to the tranche's end: it needs no early-exit notice
    assert [(a.record, a.day, a.from_plan) for a in exits] == [("RMS", date(2021, 12, 31), True)]
    assert exits[0].parties == ("WAR", "WMID")


def test_vendor_consent_counts_back_from_the_cut_over_else_the_tranche_end(
    small_portfolio: Callable[..., Portfolio],
) -> None:
    actions = notice_calendar(
        portfolio=small_portfolio(),
        as_of=date(2022, 2, 15),
        cutovers={"RMS": date(2022, 3, 1)},
        consents={"RMS": 60, "CAD": 60},
    )
    consents = {a.record: a for a in actions if a.kind is ActionKind.VENDOR_CONSENT}
    assert consents["CAD"].day == date(2022, 1, 30)  # 60 days before 31 Mar
    assert consents["CAD"].days_left == -16 and consents["CAD"].overdue
    assert not consents["CAD"].from_plan
    assert consents["RMS"].day == date(2021, 12, 31)  # 60 days before 1 Mar
    assert consents["RMS"].from_plan and consents["RMS"].parties == ("WMP",)


def test_a_service_already_cut_over_needs_no_consent(
    small_portfolio: Callable[..., Portfolio],
) -> None:
    base = small_portfolio()
    migrations = tuple(
        m.model_copy(
            update={"actual_end": date(2022, 1, 10), "status": "done", "percent_complete": None}
        )
        if m.service == "CAD"
        else m
        for m in base.migrations
    )
    actions = notice_calendar(
        portfolio=small_portfolio(migrations=migrations),
        as_of=date(2022, 2, 1),
        consents={code: 30 for code in ("CAD", "RMS", "FILES")},
    )
    consents = {a.record for a in actions if a.kind is ActionKind.VENDOR_CONSENT}
    assert consents == {"RMS", "FILES"}


def test_due_windows_count_overdue_apart_from_what_is_to_come(
    small_portfolio: Callable[..., Portfolio],
) -> None:
    actions = notice_calendar(portfolio=_with_notice(small_portfolio), as_of=date(2023, 1, 1))
    assert [(a.kind, a.days_left) for a in actions] == [
        (ActionKind.EXERCISE_EXTENSION, 30),
        (ActionKind.TERMINATION_NOTICE, 58),
        (ActionKind.TRANCHE_END, 89),
    ]
    assert [a.days_left for a in due_within(actions, 30)] == [30]
    assert due_counts(actions) == {"overdue": 0, "30": 1, "60": 2, "90": 3}


def test_a_service_in_two_tranches_gets_one_exit_notice_and_one_consent(
    small_portfolio: Callable[..., Portfolio],
) -> None:
    portfolio = _with_notice(small_portfolio)
    second = portfolio.tranche_by_code["THA-2"].model_copy(update={"services": ("FILES", "RMS")})
    portfolio = portfolio.replace(tranches=(portfolio.tranche_by_code["THA-1"], second))
    actions = notice_calendar(
        portfolio=portfolio,
        as_of=date(2021, 11, 15),
        cutovers={"RMS": date(2022, 8, 31)},
        consents={"RMS": 30, "CAD": 30},
    )
    exits = [(a.record, a.day, a.what) for a in actions if a.kind is ActionKind.EXIT_NOTICE]
    assert len(exits) == 1 and exits[0][:2] == ("RMS", date(2022, 7, 31))
    assert "under THA-2" in exits[0][2]
    consents = {a.record: a.day for a in actions if a.kind is ActionKind.VENDOR_CONSENT}
    assert consents == {"RMS": date(2022, 8, 1), "CAD": date(2022, 3, 1)}


def test_an_exit_notice_that_would_precede_the_tranche_is_due_on_its_first_day(
    small_portfolio: Callable[..., Portfolio],
) -> None:
    portfolio = _with_notice(small_portfolio)
    actions = notice_calendar(
        portfolio=portfolio, as_of=date(2021, 10, 1), cutovers={"CAD": date(2021, 10, 20)}
    )
    [notice] = [a for a in actions if a.kind is ActionKind.EXIT_NOTICE]
    assert notice.day == date(2021, 10, 1) and notice.days_left == 0 and not notice.overdue


def test_a_tranche_without_services_ends_its_charge(
    small_portfolio: Callable[..., Portfolio],
) -> None:
    base = small_portfolio()
    bare = base.tranche_by_code["THA-2"].model_copy(update={"services": ()})
    portfolio = base.replace(tranches=(base.tranche_by_code["THA-1"], bare))
    ends = {
        a.record: a.what
        for a in notice_calendar(portfolio=portfolio, as_of=date(2021, 11, 15))
        if a.kind is ActionKind.TRANCHE_END
    }
    assert ends["THA-2"] == "THA-2 ends: its charge stops unless it is renewed"
    assert ends["THA-1"].startswith("Applications (THA-1) ends: its 2 services must")
