from datetime import date

import pytest

from carveout.domain import Agreement, AgreementKind, ExtensionOption, Tranche
from carveout.domain.dates import exercise_by, months_before, notice_by


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2022, 3, 31), 2, date(2022, 1, 31)),
        (date(2022, 4, 30), 2, date(2022, 2, 28)),
        (date(2024, 4, 30), 2, date(2024, 2, 29)),
        (date(2023, 3, 31), 3, date(2022, 12, 31)),
        (date(2022, 6, 15), 1.5, date(2022, 4, 15)),
        (date(2022, 5, 30), 3, date(2022, 2, 28)),
        (date(2022, 1, 31), 1, date(2021, 12, 31)),
        (date(2022, 3, 31), 12, date(2021, 3, 31)),
        (date(2022, 3, 15), 0, date(2022, 3, 15)),
    ],
)
def test_months_before_maps_month_ends_to_month_ends_and_rounds_part_months_up(
    day: date, months: float, expected: date
) -> None:
    assert months_before(day, months) == expected


def test_an_option_is_exercised_its_notice_before_the_tranche_ends() -> None:
    tranche = Tranche(
        code="T2", agreement="TSA", start=date(2022, 4, 1), end=date(2023, 3, 31), monthly_charge=1
    )
    option = ExtensionOption(code="T2-X", tranche="T2", length_months=3, notice_months=3)

    assert exercise_by(tranche, option) == date(2022, 12, 31)


def test_notice_to_end_an_agreement_falls_its_notice_period_before_the_end() -> None:
    agreement = Agreement(
        code="A",
        name="Alliance",
        kind=AgreementKind.COLLABORATION,
        provider="P",
        recipients=("R",),
        start=date(2015, 1, 1),
        end=date(2020, 4, 30),
        notice_months=12,
    )

    assert notice_by(agreement) == date(2019, 4, 30)
    assert notice_by(agreement.model_copy(update={"end": None})) is None
