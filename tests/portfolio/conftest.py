"""Fixtures for workbook tests: small portfolios written as CSV folders or .xlsx, and editors."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

from carveout.domain import Portfolio
from carveout.portfolio.writing import write_csv_folder, write_xlsx
from carveout.storage import Store


@pytest.fixture
def csv_folder(tmp_path: Path, small_portfolio: Callable[..., Portfolio]) -> Path:
    """The small portfolio as a folder of CSV files."""
    folder = tmp_path / "portfolio"
    write_csv_folder(small_portfolio(), folder=folder)
    return folder


@pytest.fixture
def xlsx_file(tmp_path: Path, small_portfolio: Callable[..., Portfolio]) -> Path:
    """The small portfolio as an .xlsx workbook."""
    path = tmp_path / "portfolio.xlsx"
    write_xlsx(small_portfolio(), path=path)
    return path


@pytest.fixture
def seeded_store(store: Store, small_portfolio: Callable[..., Portfolio]) -> Store:
    """A store (on each backend) already holding the small portfolio."""
    from carveout.domain.changes import diff

    store.apply(diff(Portfolio(), small_portfolio()), actor="seed")
    return store


def _rows(path: Path) -> list[list[str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.reader(handle))


class CsvEdit:
    """Edits to a CSV folder, addressed as a user would (rows counted from the header, 1)."""

    @staticmethod
    def set_cell(folder: Path, sheet: str, row: int, column: str, value: str) -> None:
        """Set one cell of ``<sheet>.csv``; ``row`` counts as a user sees it (header = 1)."""
        path = folder / f"{sheet}.csv"
        rows = _rows(path)
        rows[row - 1][rows[0].index(column)] = value
        with path.open("w", newline="", encoding="utf-8") as handle:
            csv.writer(handle).writerows(rows)

    @staticmethod
    def add_row(folder: Path, sheet: str, **values: str) -> int:
        """Append a row to ``<sheet>.csv`` from column values; its row number."""
        path = folder / f"{sheet}.csv"
        rows = _rows(path)
        rows.append([values.get(column, "") for column in rows[0]])
        with path.open("w", newline="", encoding="utf-8") as handle:
            csv.writer(handle).writerows(rows)
        return len(rows)

    @staticmethod
    def rename_column(folder: Path, sheet: str, old: str, new: str | None) -> None:
        """Rename a column of ``<sheet>.csv``, or drop it (with its cells) when ``new`` is None."""
        path = folder / f"{sheet}.csv"
        rows = _rows(path)
        index = rows[0].index(old)
        for row in rows:
            if new is None:
                del row[index]
            elif row is rows[0]:
                row[index] = new
        with path.open("w", newline="", encoding="utf-8") as handle:
            csv.writer(handle).writerows(rows)


@pytest.fixture
def edit() -> type[CsvEdit]:
    return CsvEdit


def _cell_values(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every cell value of an .xlsx workbook, sheet by sheet."""
    book = openpyxl.load_workbook(path, read_only=True)
    try:
        return {ws.title: list(ws.iter_rows(values_only=True)) for ws in book.worksheets}
    finally:
        book.close()


@pytest.fixture
def cell_values() -> Callable[[Path], dict[str, list[tuple[object, ...]]]]:
    """Reads every cell value of an .xlsx workbook, sheet by sheet."""
    return _cell_values
