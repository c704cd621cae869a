from pathlib import Path

import openpyxl
import pytest

from carveout.domain import Portfolio
from carveout.portfolio import read_portfolio, write_template
from carveout.portfolio.sheets import SHEETS


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.xlsx"
    write_template(path=path)
    return path


@pytest.fixture(scope="module")
def book(template: Path) -> openpyxl.Workbook:
    return openpyxl.load_workbook(template)


def test_the_template_has_one_sheet_per_entity_in_schema_order(book: openpyxl.Workbook) -> None:
    assert book.sheetnames == [s.name for s in SHEETS]


def test_each_sheet_has_the_column_names_then_their_explanations(book: openpyxl.Workbook) -> None:
    for sheet in SHEETS:
        ws = book[sheet.name]
        assert [c.value for c in ws[1]] == list(sheet.headers)
        assert [c.value for c in ws[2]] == [c.help for c in sheet.columns]
        assert ws.max_row == 2


def test_the_header_rows_are_frozen_and_columns_are_wide_enough(book: openpyxl.Workbook) -> None:
    for sheet in SHEETS:
        ws = book[sheet.name]
        assert ws.freeze_panes == "A3"
        for index, column in enumerate(sheet.columns, start=1):
            letter = openpyxl.utils.get_column_letter(index)
            assert ws.column_dimensions[letter].width >= len(column.name)


def test_columns_with_a_list_of_values_offer_a_drop_down(book: openpyxl.Workbook) -> None:
    checked = 0
    for sheet in SHEETS:
        ws = book[sheet.name]
        validations = {str(v.sqref).split(":")[0]: v for v in ws.data_validations.dataValidation}
        for index, column in enumerate(sheet.columns, start=1):
            letter = openpyxl.utils.get_column_letter(index)
            validation = validations.get(f"{letter}3")
            if not column.choices:
                assert validation is None
                continue
            assert validation is not None and validation.type == "list"
            assert validation.formula1 == '"' + ",".join(column.choices) + '"'
            checked += 1
    assert checked == sum(1 for s in SHEETS for c in s.columns if c.choices)


def test_required_columns_stand_out_in_the_header(book: openpyxl.Workbook) -> None:
    ws = book["services"]
    fills = {c.value: c.fill.fgColor.rgb for c in ws[1]}
    assert fills["code"] != fills["domain"]


def test_importing_the_empty_template_gives_an_empty_portfolio(template: Path) -> None:
    assert read_portfolio(path=template) == Portfolio()
