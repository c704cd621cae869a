"""Each column type reads what a person or Excel puts in a cell, and refuses the rest."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from carveout.portfolio.cells import CONVERTERS, show
from carveout.portfolio.reading import Cell
from carveout.portfolio.sheets import Column, ColumnType


def read(kind: ColumnType, value: Cell, choices: tuple[str, ...] = ()) -> object:
    return CONVERTERS[kind](value, Column("field", kind, "", choices=choices))


@pytest.mark.parametrize(
    "value",
    ["2022-03-31", "31/03/2022", "2022-03-31T00:00:00", datetime(2022, 3, 31), 44651],
)
def test_dates_are_read_from_iso_text_uk_text_datetimes_and_excel_serials(value: Cell) -> None:
    assert read(ColumnType.DATE, value) == date(2022, 3, 31)


@pytest.mark.parametrize("value", ["03/31/2022", "next March", 0, 3_000_000, True])
def test_what_is_not_a_date_is_refused(value: Cell) -> None:
    with pytest.raises(ValueError):
        read(ColumnType.DATE, value)


def test_numbers_accept_text_but_not_infinity_dates_or_booleans() -> None:
    assert read(ColumnType.NUMBER, " 12.5 ") == 12.5
    for bad in ("inf", "nan", datetime(2022, 1, 1), True):
        with pytest.raises(ValueError):
            read(ColumnType.NUMBER, bad)


def test_integers_refuse_fractions_but_take_whole_floats() -> None:
    assert read(ColumnType.INTEGER, 3.0) == 3
    with pytest.raises(ValueError):
        read(ColumnType.INTEGER, 2.5)


def test_codes_lose_the_decimal_point_excel_gives_whole_numbers() -> None:
    assert read(ColumnType.CODE, 101.0) == "101"


def test_choices_ignore_case_spaces_and_hyphens() -> None:
    assert read(ColumnType.CHOICE, "Cut-Over", ("cut_over", "planned")) == "cut_over"
    with pytest.raises(ValueError):
        read(ColumnType.CHOICE, "done", ("cut_over", "planned"))


def test_show_writes_values_as_a_person_would_type_them() -> None:
    assert show(None) == "(blank)"
    assert show(datetime(2022, 3, 31)) == "2022-03-31"
    assert show(2.50) == "2.5"
    assert show("x" * 100).endswith("…")
