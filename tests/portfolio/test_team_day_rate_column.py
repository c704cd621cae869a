"""A team's day rate: an optional workbook column, in range or a cell error, round-tripped."""

from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

from carveout.domain import Portfolio
from carveout.portfolio import (
    WorkbookInvalid,
    import_workbook,
    read_portfolio,
    write_template,
    write_workbook,
)
from carveout.storage import Store


def test_the_template_offers_the_column(tmp_path: Path) -> None:
    path = tmp_path / "template.xlsx"
    write_template(path=path)
    book = openpyxl.load_workbook(path, read_only=True)
    header = next(book["teams"].iter_rows(values_only=True))
    book.close()

    assert "day_rate" in header


def test_a_workbook_without_the_column_imports_teams_without_rates(
    store: Store, csv_folder: Path, edit: type
) -> None:
    edit.rename_column(csv_folder, "teams", "day_rate", None)
    import_workbook(store=store, path=csv_folder, actor="tester")
    assert [t.day_rate for t in store.load().teams] == [None, None]


def test_a_day_rate_is_imported(store: Store, csv_folder: Path, edit: type) -> None:
    edit.set_cell(csv_folder, "teams", 2, "day_rate", "525.50")
    import_workbook(store=store, path=csv_folder, actor="tester")
    rates = {t.code: t.day_rate for t in store.load().teams}
    assert rates == {"APPS": 525.5, "BIZ": None}


@pytest.mark.parametrize(
    ("value", "expected"),
    [("-50", "greater than or equal to 0"), ("lots", "a number"), ("yes", "a number")],
)
def test_a_negative_or_non_numeric_rate_is_a_cell_error(
    store: Store, csv_folder: Path, edit: type, value: str, expected: str
) -> None:
    edit.set_cell(csv_folder, "teams", 3, "day_rate", value)
    with pytest.raises(WorkbookInvalid) as raised:
        import_workbook(store=store, path=csv_folder, actor="tester")
    [error] = raised.value.errors
    assert (error.sheet, error.row, error.column) == ("teams", 3, "day_rate")
    assert expected in error.expected and error.value == value
    assert not store.load().teams


@pytest.mark.parametrize("suffix", [".xlsx", ""])
def test_rates_survive_an_export_and_a_read_back(
    tmp_path: Path, small_portfolio: Callable[..., Portfolio], suffix: str
) -> None:
    plain = small_portfolio()
    rated = plain.model_copy(
        update={
            "teams": (
                plain.teams[0].model_copy(update={"day_rate": 610.0}),
                *plain.teams[1:],
            )
        }
    )
    path = tmp_path / f"out{suffix}"
    write_workbook(rated, path=path)

    back = read_portfolio(path=path)
    assert back == rated
    assert [t.day_rate for t in back.teams] == [610.0, None]
