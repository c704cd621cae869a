"""The portfolio export, as .xlsx and as CSV, never holds a formula and reads back unchanged
when every free-text field is text a spreadsheet would run."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

import openpyxl

from carveout.domain import Party, Portfolio
from carveout.portfolio import read_portfolio, write_workbook
from carveout.portfolio.sheets import SHEET_BY_NAME
from carveout.portfolio.template import add_sheet, new_workbook
from carveout.safe_cells import FORMULA_STARTS
from tests.hostile_text import HOSTILE, TRICKY, hostile_portfolio, xlsx_formulas, xlsx_texts


def _csv_cells(folder: Path) -> list[str]:
    cells: list[str] = []
    for path in folder.glob("*.csv"):
        with path.open(newline="", encoding="utf-8") as handle:
            cells += [cell for row in csv.reader(handle) for cell in row]
    return cells


def _strings(value: object) -> set[str]:
    if isinstance(value, str):
        return {value}
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, list | tuple):
        return set().union(*(_strings(v) for v in value)) if value else set()
    return set()


def test_the_hostile_portfolio_holds_all_the_hostile_text_the_model_keeps(
    small_portfolio: Callable[..., Portfolio],
) -> None:
    texts = _strings(hostile_portfolio(small_portfolio()).model_dump())
    # the model strips surrounding whitespace, so "\t=1" and "\r=1" are stored as "=1"
    assert {h.strip() for h in HOSTILE} | set(TRICKY) <= texts


def test_an_xlsx_export_of_hostile_text_holds_no_formula_and_reads_back_unchanged(
    tmp_path: Path, small_portfolio: Callable[..., Portfolio]
) -> None:
    portfolio = hostile_portfolio(small_portfolio())
    path = tmp_path / "out.xlsx"

    write_workbook(portfolio, path=path)

    assert xlsx_formulas(path) == []
    assert read_portfolio(path=path) == portfolio
    assert {h.strip() for h in HOSTILE} <= xlsx_texts(path)


def test_formula_like_text_in_an_xlsx_is_a_quote_prefixed_text_cell(tmp_path: Path) -> None:
    path = tmp_path / "out.xlsx"
    write_workbook(Portfolio(parties=(Party(code="P", name="-2+3"),)), path=path)

    cell = openpyxl.load_workbook(path)["parties"]["B3"]

    assert (cell.value, cell.data_type, cell.quotePrefix) == ("-2+3", "s", True)


def test_a_csv_export_of_hostile_text_has_no_cell_a_spreadsheet_would_run(
    tmp_path: Path, small_portfolio: Callable[..., Portfolio]
) -> None:
    folder = tmp_path / "out"

    write_workbook(hostile_portfolio(small_portfolio()), path=folder)

    cells = _csv_cells(folder)
    assert not [c for c in cells if c.startswith(FORMULA_STARTS)]
    assert '\'=HYPERLINK("http://x","y")' in cells and "'-2+3" in cells


def test_a_csv_export_of_hostile_text_reads_back_unchanged(
    tmp_path: Path, small_portfolio: Callable[..., Portfolio]
) -> None:
    portfolio = hostile_portfolio(small_portfolio())
    folder = tmp_path / "out"

    write_workbook(portfolio, path=folder)

    assert read_portfolio(path=folder) == portfolio


def test_a_csv_export_leaves_numbers_and_ordinary_apostrophes_alone(
    tmp_path: Path, small_portfolio: Callable[..., Portfolio]
) -> None:
    folder = tmp_path / "out"
    portfolio = small_portfolio(parties=(Party(code="P", name="'plain"),))

    write_workbook(portfolio, path=folder)

    parties = (folder / "parties.csv").read_text(encoding="utf-8").splitlines()
    assert parties[1] == "P,'plain,partner"
    costs = (folder / "pool_costs.csv").read_text(encoding="utf-8").splitlines()
    assert costs[1:] == ["IT,2019,1200000", "IT,2020,1250000.5"]


def test_the_template_layout_writes_every_formula_start_and_negative_numbers_safely(
    tmp_path: Path,
) -> None:
    # below the model, which strips a leading tab or carriage return, the rule still holds
    path = tmp_path / "rows.xlsx"
    book = new_workbook()
    add_sheet(book, SHEET_BY_NAME["parties"], [["P", text, -5] for text in HOSTILE])
    book.save(path)

    assert xlsx_formulas(path) == []
    rows = list(openpyxl.load_workbook(path)["parties"].iter_rows(min_row=3, values_only=True))
    # XML turns a carriage return into a line feed wherever it is; nothing else changes
    assert [r[1] for r in rows] == [h.replace("\r", "\n") for h in HOSTILE]
    assert {r[2] for r in rows} == {-5}
