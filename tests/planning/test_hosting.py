from collections.abc import Callable
from datetime import date

import pytest

from carveout.domain import Agreement, AgreementKind, ExtensionOption, Portfolio, Tranche
from carveout.planning.hosting import contract_ends, hosting_terms

Build = Callable[..., Portfolio]


def _tsa(build: Build, *, options: tuple[ExtensionOption, ...] = ()) -> Portfolio:
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
        tranches=(
            Tranche(
                code="T1",
                agreement="TSA",
                start=date(2019, 4, 1),
                end=date(2019, 6, 30),
                monthly_charge=3_000,
                services=("A", "B"),
            ),
        ),
        extension_options=options,
    )


def test_an_uncovered_service_costs_a_twelfth_of_its_annual_cost_each_month(build: Build) -> None:
    terms = hosting_terms(_tsa(build))["C"]
    assert terms.tranche is None
    assert terms.cost(start=date(2019, 1, 7), cutover=date(2019, 3, 2)) == (3_000, 0)


def test_a_tranche_service_pays_its_share_of_the_charge_after_the_tranche_starts(
    build: Build,
) -> None:
    terms = hosting_terms(_tsa(build))["A"]
    # January to March at 1,000 (own cost), April and May at 3,000 / 2 services.
    assert terms.cost(start=date(2019, 1, 7), cutover=date(2019, 5, 10)) == (6_000, 0)


def test_extensions_compound_their_step_ups_after_the_tranche_ends(build: Build) -> None:
    options = (
        ExtensionOption(code="E1", tranche="T1", length_months=2, step_up=0.10),
        ExtensionOption(code="E2", tranche="T1", length_months=6, step_up=0.10),
    )
    terms = hosting_terms(_tsa(build, options=options))["B"]
    assert terms.monthly(date(2019, 6, 15)).step_up == 0
    assert terms.monthly(date(2019, 7, 1)).step_up == pytest.approx(150)
    assert terms.monthly(date(2019, 9, 1)).step_up == pytest.approx(1_500 * 0.21)
    assert terms.monthly(date(2021, 1, 1)).step_up == pytest.approx(1_500 * 0.21)
    base, step = terms.cost(start=date(2019, 7, 1), cutover=date(2019, 9, 30))
    assert base == pytest.approx(4_500)
    assert step == pytest.approx(150 * 2 + 315)


def test_a_service_that_never_stays_hosted_costs_nothing(build: Build) -> None:
    terms = hosting_terms(_tsa(build))["A"]
    assert terms.cost(start=date(2019, 2, 1), cutover=date(2019, 1, 31)) == (0, 0)


def test_contract_ends_include_every_extension_end(build: Build) -> None:
    options = (ExtensionOption(code="E1", tranche="T1", length_months=12, step_up=0.1),)
    ends = contract_ends(_tsa(build, options=options), "WM")
    assert ends == [date(2019, 6, 30), date(2020, 6, 30)]
    assert contract_ends(_tsa(build), "WW") == []
