from collections.abc import Callable
from datetime import date

import pytest

from carveout.domain import Agreement, AgreementKind, ExtensionOption, Portfolio, Tranche
from carveout.domain.dates import first_month_to_go
from carveout.planning.contract_dates import contract_ends
from carveout.planning.hosting import Charge, hosting_terms

Build = Callable[..., Portfolio]


def _tranche(code: str, start: date, end: date, charge: float, *services: str) -> Tranche:
    return Tranche(
        code=code,
        agreement="TSA",
        start=start,
        end=end,
        monthly_charge=charge,
        services=services,
    )


def _tsa(
    build: Build,
    *,
    options: tuple[ExtensionOption, ...] = (),
    tranches: tuple[Tranche, ...] | None = None,
) -> Portfolio:
    return build(
        work={"A": (5, 5), "B": (5, 5), "C": (5, 5)},
        annual_cost=12_000,
        agreements=(
            Agreement(
                code="TSA",
                name="TSA",
                kind=AgreementKind.TRANSITIONAL,
                provider="WM",
                recipients=("WW",),
                start=date(2019, 4, 1),
            ),
        ),
        tranches=tranches
        if tranches is not None
        else (_tranche("T1", date(2019, 4, 1), date(2019, 6, 30), 3_000, "A", "B"),),
        extension_options=options,
    )


def test_a_service_no_tranche_lists_costs_running_cost_not_hosting(build: Build) -> None:
    terms = hosting_terms(_tsa(build))["C"]

    assert terms.tranche is None
    assert terms.between(date(2019, 1, 7), date(2019, 3, 2)) == Charge(running=3_000)


def test_a_tranche_service_runs_at_its_own_cost_until_the_tranche_then_pays_its_share(
    build: Build,
) -> None:
    terms = hosting_terms(_tsa(build))["A"]

    # January to March at 1,000 running cost, April and May at 3,000 / 2 services.
    assert terms.between(date(2019, 1, 7), date(2019, 5, 10)) == Charge(
        hosting=3_000, running=3_000
    )


def test_extensions_compound_their_step_ups_after_the_tranche_ends(build: Build) -> None:
    options = (
        ExtensionOption(code="E1", tranche="T1", length_months=2, step_up=0.10),
        ExtensionOption(code="E2", tranche="T1", length_months=6, step_up=0.10),
    )
    terms = hosting_terms(_tsa(build, options=options))["B"]

    assert terms.charge(date(2019, 6, 15)).step_up == 0
    assert terms.charge(date(2019, 7, 1)) == Charge(hosting=1_650, step_up=150)
    assert terms.charge(date(2019, 9, 1)).step_up == pytest.approx(1_500 * 0.21)
    assert terms.charge(date(2021, 1, 1)).step_up == pytest.approx(1_500 * 0.21)
    spent = terms.between(date(2019, 7, 1), date(2019, 9, 30))
    assert spent.hosting == pytest.approx(4_500 + 150 * 2 + 315)
    assert spent.step_up == pytest.approx(150 * 2 + 315)


def test_a_service_in_nested_tranches_is_charged_by_one_tranche_each_month(build: Build) -> None:
    tranches = (
        _tranche("T1", date(2019, 4, 1), date(2019, 9, 30), 4_000, "A", "B"),
        _tranche("T2", date(2019, 10, 1), date(2020, 3, 31), 3_000, "A"),
    )
    terms = hosting_terms(_tsa(build, tranches=tranches))

    assert terms["A"].tranches == ("T1", "T2")
    assert terms["A"].between(date(2019, 4, 1), date(2020, 3, 31)).hosting == 6 * 2_000 + 6 * 3_000
    # B is only in T1: past its end the last price continues, as if extended on the same terms.
    assert terms["B"].charge(date(2019, 11, 1)) == Charge(hosting=2_000)


def test_where_tranches_overlap_the_later_one_charges_and_the_other_is_not_counted(
    build: Build,
) -> None:
    tranches = (
        _tranche("T1", date(2019, 4, 1), date(2019, 12, 31), 4_000, "A", "B"),
        _tranche("T2", date(2019, 10, 1), date(2020, 3, 31), 1_000, "A"),
    )
    terms = hosting_terms(_tsa(build, tranches=tranches))["A"]

    assert terms.charge(date(2019, 9, 1)) == Charge(hosting=2_000)
    assert terms.charge(date(2019, 10, 1)) == Charge(hosting=1_000)
    assert terms.rate(date(2019, 12, 1)).tranche == "T2"


def test_a_gap_between_two_tranches_is_charged_as_an_extension_of_the_first(build: Build) -> None:
    tranches = (
        _tranche("T1", date(2019, 4, 1), date(2019, 6, 30), 2_000, "A"),
        _tranche("T2", date(2019, 9, 1), date(2019, 12, 31), 1_000, "A"),
    )
    options = (ExtensionOption(code="E1", tranche="T1", length_months=1, step_up=0.5),)
    terms = hosting_terms(_tsa(build, tranches=tranches, options=options))["A"]

    assert terms.charge(date(2019, 7, 1)) == Charge(hosting=3_000, step_up=1_000)
    assert terms.charge(date(2019, 8, 1)) == Charge(hosting=3_000, step_up=1_000)
    assert terms.charge(date(2019, 9, 1)) == Charge(hosting=1_000)


def test_a_service_that_is_never_hosted_in_the_span_costs_nothing(build: Build) -> None:
    terms = hosting_terms(_tsa(build))["A"]

    assert terms.between(date(2019, 2, 1), date(2019, 1, 31)) == Charge()


def test_the_month_of_the_data_date_is_to_go_only_when_it_begins_on_it() -> None:
    assert first_month_to_go(date(2021, 10, 1)) == date(2021, 10, 1)
    assert first_month_to_go(date(2021, 10, 2)) == date(2021, 11, 1)
    assert first_month_to_go(date(2021, 12, 15)) == date(2022, 1, 1)


def test_contract_ends_include_every_extension_end(build: Build) -> None:
    options = (ExtensionOption(code="E1", tranche="T1", length_months=12, step_up=0.1),)
    ends = contract_ends(_tsa(build, options=options), "WM")
    assert ends == [date(2019, 6, 30), date(2020, 6, 30)]
    assert contract_ends(_tsa(build), "WW") == []
