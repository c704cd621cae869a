"""The hosting charge when tranches have schedule lines: own prices, minimum term, notice."""

from collections.abc import Callable
from datetime import date

from carveout.domain import (
    Agreement,
    AgreementKind,
    Portfolio,
    Pricing,
    RatePeriod,
    ScheduleLine,
    Tranche,
)
from carveout.planning.hosting import Charge, hosting_terms

Build = Callable[..., Portfolio]
T1_START, T1_END = date(2019, 4, 1), date(2019, 12, 31)


def _line(service: str, rate: float, **terms: object) -> ScheduleLine:
    return ScheduleLine(
        code=f"T1/{service}",
        tranche="T1",
        service=service,
        rates=(RatePeriod(start=T1_START, end=T1_END, rate=rate),),
        **terms,  # type: ignore[arg-type]
    )


def _tsa(build: Build, *lines: ScheduleLine, charge: float = 3_000) -> Portfolio:
    return build(
        work={"A": (5, 5), "B": (5, 5)},
        annual_cost=12_000,
        agreements=(
            Agreement(
                code="TSA",
                name="TSA",
                kind=AgreementKind.TRANSITIONAL,
                provider="WM",
                recipients=("WW",),
                start=T1_START,
            ),
        ),
        tranches=(
            Tranche(
                code="T1",
                agreement="TSA",
                start=T1_START,
                end=T1_END,
                monthly_charge=charge,
                services=("A", "B"),
            ),
        ),
        schedule_lines=lines,
    )


def test_a_tranche_with_lines_charges_their_total_whatever_charge_it_was_given(
    build: Build,
) -> None:
    portfolio = _tsa(build, _line("A", 2_500), _line("B", 700), charge=1)

    assert portfolio.tranche_by_code["T1"].monthly_charge == 3_200


def test_each_service_pays_its_own_line_not_an_equal_share(build: Build) -> None:
    terms = hosting_terms(_tsa(build, _line("A", 2_500), _line("B", 700)))

    assert terms["A"].charge(date(2019, 5, 1)) == Charge(hosting=2_500)
    assert terms["B"].charge(date(2019, 5, 1)) == Charge(hosting=700)


def test_a_tranche_without_lines_still_shares_its_charge_equally(build: Build) -> None:
    terms = hosting_terms(_tsa(build))

    assert terms["A"].charge(date(2019, 5, 1)) == Charge(hosting=1_500)


def test_a_listed_service_without_a_line_is_charged_nothing_by_a_tranche_with_lines(
    build: Build,
) -> None:
    terms = hosting_terms(_tsa(build, _line("A", 2_500)))

    assert terms["B"].charge(date(2019, 5, 1)) == Charge()


def test_a_line_priced_per_person_charges_rate_times_people(build: Build) -> None:
    line = ScheduleLine(
        code="T1/A",
        tranche="T1",
        service="A",
        pricing=Pricing.PER_FTE,
        rates=(
            RatePeriod(start=T1_START, end=date(2019, 6, 30), rate=5_000, quantity=2),
            RatePeriod(start=date(2019, 7, 1), end=T1_END, rate=5_000, quantity=0.5),
        ),
    )
    terms = hosting_terms(_tsa(build, line))["A"]

    assert terms.charge(date(2019, 6, 1)).hosting == 10_000
    assert terms.charge(date(2019, 7, 1)).hosting == 2_500


def test_leaving_early_is_charged_to_the_end_of_the_notice_served_on_the_data_date(
    build: Build,
) -> None:
    portfolio = _tsa(build, _line("A", 1_000, notice_months=3), _line("B", 1_000))
    as_of = date(2019, 5, 1)
    terms = hosting_terms(portfolio, as_of=as_of)

    # Notice served on 1 May ends on 31 Jul: a cut-over in May is charged to July.
    assert terms["A"].between(as_of, date(2019, 5, 20)).hosting == 3_000
    assert terms["B"].between(as_of, date(2019, 5, 20)).hosting == 1_000
    assert terms["A"].between(as_of, date(2019, 9, 20)).hosting == 5_000


def test_notice_never_runs_past_the_tranche_end(build: Build) -> None:
    portfolio = _tsa(build, _line("A", 1_000, notice_months=12))
    terms = hosting_terms(portfolio, as_of=date(2019, 11, 1))["A"]

    assert terms.last_charged(date(2019, 11, 5)) == date(2019, 12, 1)


def test_a_cut_over_before_the_data_date_is_not_held_by_notice(build: Build) -> None:
    portfolio = _tsa(build, _line("A", 1_000, notice_months=3))
    terms = hosting_terms(portfolio, as_of=date(2019, 8, 1))["A"]

    assert terms.last_charged(date(2019, 5, 20)) == date(2019, 5, 1)


def test_the_minimum_term_is_charged_whenever_the_service_leaves(build: Build) -> None:
    portfolio = _tsa(build, _line("A", 1_000, minimum_term_months=6))
    terms = hosting_terms(portfolio)["A"]

    assert terms.between(T1_START, date(2019, 4, 10)).hosting == 6_000
    assert terms.cumulative(first=T1_START, last=date(2019, 10, 1))[0].hosting == 6_000
    assert terms.cumulative(first=T1_START, last=date(2019, 10, 1))[-1].hosting == 7_000


def test_to_date_figures_stop_at_the_month_asked_for(build: Build) -> None:
    portfolio = _tsa(build, _line("A", 1_000, minimum_term_months=6))
    terms = hosting_terms(portfolio)["A"]

    assert terms.between(T1_START, date(2019, 4, 10), until=date(2019, 5, 31)).hosting == 2_000
