from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook

from carveout.safe_cells import FORMULA_STARTS, csv_escape, csv_unescape, keep_text
from tests.hostile_text import HOSTILE, TRICKY


def test_csv_escape_puts_an_apostrophe_before_every_formula_start() -> None:
    assert [csv_escape(h) for h in HOSTILE] == ["'" + h for h in HOSTILE]


def test_csv_escape_leaves_numbers_blanks_and_ordinary_text_alone() -> None:
    for value in (-5, -2.5, 0, None, "", "a=b", "'plain", "'", "2021-10-01"):
        assert csv_escape(value) == value


def test_csv_escape_marks_an_apostrophe_that_unescaping_would_otherwise_remove() -> None:
    assert csv_escape("'=already quoted") == "''=already quoted"
    assert csv_escape("''") == "'''"


@given(st.text(alphabet=st.sampled_from([*FORMULA_STARTS, "'", "a", "1", " "]), max_size=6))
def test_any_text_reads_back_unchanged_and_never_starts_a_formula(text: str) -> None:
    escaped = csv_escape(text)
    assert isinstance(escaped, str)
    assert not escaped.startswith(FORMULA_STARTS)
    assert csv_unescape(escaped) == text


def test_keep_text_makes_formula_like_text_a_quote_prefixed_text_cell() -> None:
    sheet = Workbook().active
    assert sheet is not None
    for row, text in enumerate((*HOSTILE, *TRICKY), start=1):
        cell = keep_text(sheet.cell(row=row, column=1, value=text))
        assert cell.value == text
        assert cell.data_type == "s"
        assert cell.quotePrefix == text.startswith(FORMULA_STARTS)


def test_keep_text_leaves_a_negative_number_a_number() -> None:
    sheet = Workbook().active
    assert sheet is not None
    cell = keep_text(sheet.cell(row=1, column=1, value=-5))
    assert (cell.value, cell.data_type, cell.quotePrefix) == (-5, "n", False)
