"""Rows of sub-records on a form: which rows to draw, and problems placed on their rows."""

from __future__ import annotations

from carveout.domain.validation import Problem
from carveout.web import form_rows, forms

RATES = next(c for c in forms.inputs("schedule_line") if c.name == "rates")


def _rows(*periods: tuple[str, str, str]) -> dict[str, str]:
    cells: dict[str, str] = {}
    for row, (start, end, rate) in enumerate(periods, start=1):
        cells |= {f"rates.{row}.start": start, f"rates.{row}.end": end, f"rates.{row}.rate": rate}
    return cells


def test_a_rows_field_has_the_sub_records_columns_and_names_its_rows() -> None:
    assert RATES.widget == "rows" and (RATES.singular, RATES.label) == (
        "Rate period",
        "Rate periods",
    )
    assert [c.name for c in RATES.columns] == ["start", "end", "rate", "quantity"]
    assert [c.widget for c in RATES.columns] == ["date", "date", "number", "number"]


def test_blank_rows_follow_the_filled_ones_and_more_adds_to_what_was_drawn() -> None:
    one = _rows(("2022-01-01", "2022-06-30", "5"))

    assert form_rows.drawn([RATES], {}) == {"rates": 2}
    assert form_rows.drawn([RATES], one) == {"rates": 3}
    assert form_rows.drawn([RATES], one | {"rates.rows": "3"}, more="rates") == {"rates": 6}
    assert form_rows.drawn([RATES], {"rates.rows": "9999"}, more="rates") == {"rates": 200}


def test_a_blank_row_is_dropped_and_later_rows_keep_their_numbers() -> None:
    posted = {"rates.1.start": " ", "rates.3.start": "2022-01-01", "rates.3.rate": "5",
              "rates.0.start": "2021-01-01", "rates.201.start": "2021-01-01"}  # fmt: skip

    assert form_rows.filled(RATES, posted) == [(3, {"start": "2022-01-01", "rate": "5"})]


def test_an_overlap_the_store_finds_names_the_two_rows_as_typed() -> None:
    posted = _rows(("2022-01-01", "2022-06-30", "5"), ("2022-07-01", "2022-12-31", "6"),
                   ("2022-03-01", "2022-04-30", "7"))  # fmt: skip
    problem = Problem("schedule_line", "L", "rates", "2022-03-01",
                      "rate periods that do not overlap (one runs to 2022-06-30)")  # fmt: skip
    elsewhere = Problem("tranche", "T", "services", "X", "a known service")

    errors, rest = forms.placed_problems("schedule_line", "L", posted, [problem, elsewhere])

    assert errors["rates"] == [
        "Rate periods 1 and 3: rate periods that do not overlap (one runs to 2022-06-30)"
    ]
    assert set(errors) == {"rates", "rates.1", "rates.3"}
    assert rest == [str(elsewhere)]
