from collections.abc import Callable
from datetime import date

from carveout.domain import Dependency, Portfolio
from carveout.portfolio.summary import summarise


def test_days_left_count_from_the_as_of_date_and_go_negative_once_ended(
    small_portfolio: Callable[..., Portfolio],
) -> None:
    summary = summarise(portfolio=small_portfolio(), as_of=date(2022, 3, 1))
    agreements = {a.code: a for a in summary.agreements}
    tranches = {t.code: t for t in agreements["THA"].tranches}

    assert tranches["THA-1"].days_left == 30
    assert tranches["THA-2"].days_left == (date(2023, 3, 31) - date(2022, 3, 1)).days
    assert agreements["ALLIANCE"].days_left == (date(2020, 4, 30) - date(2022, 3, 1)).days < 0
    assert agreements["THA"].days_left is None


def test_tranches_show_their_services_charges_and_extension_options(
    small_portfolio: Callable[..., Portfolio],
) -> None:
    summary = summarise(portfolio=small_portfolio(), as_of=date(2021, 10, 1))
    tha = next(a for a in summary.agreements if a.code == "THA")

    assert [(t.code, t.services, t.monthly_charge) for t in tha.tranches] == [
        ("THA-1", 2, 85_000),
        ("THA-2", 1, 40_000),
    ]
    assert tha.tranches[0].options == ()
    assert "4 months" in tha.tranches[1].options[0]
    assert "15%" in tha.tranches[1].options[0]


def test_services_are_counted_by_host_and_disposition(
    small_portfolio: Callable[..., Portfolio],
) -> None:
    summary = summarise(portfolio=small_portfolio(), as_of=date(2021, 10, 1))
    hosting = {h.host: h for h in summary.hosting}

    assert hosting["WMP"].by_disposition == {"migrate": 2, "stay_hosted": 1}
    assert hosting["WAR"].by_disposition == {"replicate": 1}
    assert hosting["WMP"].total == 3
    assert summary.host_share("WMP") == 0.75
    assert summary.host_share("NOBODY") == 0.0
    assert hosting["WMP"].destinations == {"WMID": 1}


def test_parties_show_what_they_host_and_consume(
    small_portfolio: Callable[..., Portfolio],
) -> None:
    summary = summarise(portfolio=small_portfolio(), as_of=date(2021, 10, 1))
    parties = {p.code: p for p in summary.parties}

    assert (parties["WMP"].hosts, parties["WMP"].consumes) == (3, 4)
    assert (parties["STAFF"].hosts, parties["STAFF"].consumes) == (0, 0)
    assert parties["WMP"].drivers["officers"] == 2100


def test_clusters_are_the_groups_joined_by_together_couplings(
    small_portfolio: Callable[..., Portfolio],
) -> None:
    base = small_portfolio()
    files_with_pay = Dependency(service="FILES", depends_on="PAY", coupling="together")
    joined = (*base.dependencies, files_with_pay)
    summary = summarise(portfolio=small_portfolio(dependencies=joined), as_of=date(2022, 1, 1))

    assert [c.services for c in summary.clusters] == [("RMS", "PAY", "FILES")]
    only_pay_rms = summarise(portfolio=base, as_of=date(2022, 1, 1)).clusters
    assert [c.services for c in only_pay_rms] == [("RMS", "PAY")]
    assert only_pay_rms[0].hosts == ("WAR", "WMP")
    assert only_pay_rms[0].effort_days == 12  # PAY's most likely effort; RMS has no migration


def test_counts_and_migration_statuses_cover_every_kind(
    small_portfolio: Callable[..., Portfolio],
) -> None:
    summary = summarise(portfolio=small_portfolio(), as_of=date(2022, 1, 1))

    assert summary.counts["service"] == summary.services == 4
    assert summary.counts["tranche"] == 2
    assert summary.migrations == {"in_progress": 1, "not_started": 1}


def test_an_empty_portfolio_summarises_to_nothing() -> None:
    summary = summarise(portfolio=Portfolio(), as_of=date(2022, 1, 1))

    assert summary.services == 0
    assert summary.clusters == summary.hosting == summary.agreements == ()
    assert summary.host_share("WMP") == 0.0
