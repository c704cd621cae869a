"""Write a portfolio in the workbook format: an ``.xlsx`` file or a folder of CSV files.

The rows come from the sheet schema, so reading back what is written gives
the same portfolio, and writing that again gives the same cells.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Any

from carveout.domain import Portfolio, Record
from carveout.errors import CarveoutError
from carveout.portfolio.parsing import ESTIMATES
from carveout.portfolio.sheets import LIST_SEPARATOR, SHEET_BY_NAME, SHEETS, Sheet
from carveout.portfolio.template import add_sheet, new_workbook
from carveout.safe_cells import csv_escape

Row = list[object]


def write_workbook(portfolio: Portfolio, *, path: Path) -> None:
    """Write ``portfolio`` to ``path``: an ``.xlsx`` file, or else a folder of CSV files."""
    if path.suffix.lower() == ".xlsx":
        write_xlsx(portfolio, path=path)
    elif path.suffix:
        raise CarveoutError(
            f"{path} is neither an .xlsx file nor a folder: name an .xlsx file, or a folder "
            "(without an extension) to write one CSV file per sheet."
        )
    else:
        write_csv_folder(portfolio, folder=path)


def write_xlsx(portfolio: Portfolio, *, path: Path) -> None:
    """Every sheet in the template layout, filled with ``portfolio``."""
    book = new_workbook()
    for sheet in SHEETS:
        add_sheet(book, sheet, sheet_rows(portfolio, sheet))
    book.save(path)


def write_csv_folder(portfolio: Portfolio, *, folder: Path) -> None:
    """One ``<sheet>.csv`` per sheet (UTF-8, header row, dates as YYYY-MM-DD, text a
    spreadsheet would run as a formula behind an apostrophe that import removes)."""
    if folder.exists() and not folder.is_dir():
        raise CarveoutError(f"{folder} is a file: name a folder to write the CSV files into.")
    folder.mkdir(parents=True, exist_ok=True)
    for sheet in SHEETS:
        with (folder / f"{sheet.name}.csv").open("w", newline="", encoding="utf-8") as handle:
            out = csv.writer(handle)
            out.writerow(sheet.headers)
            out.writerows([_csv_cell(v) for v in row] for row in sheet_rows(portfolio, sheet))


def sheet_rows(portfolio: Portfolio, sheet: Sheet) -> Iterator[Row]:
    """The data rows of ``sheet`` for ``portfolio``, in the portfolio's order."""
    if sheet.kind is not None:
        for record in portfolio.records(sheet.kind):
            yield _record_row(sheet, record)
        return
    parent_sheet = SHEET_BY_NAME[str(sheet.parent)]
    for parent in portfolio.records(str(parent_sheet.kind)):
        entries = getattr(parent, str(sheet.field))
        if isinstance(entries, dict):
            for key, value in entries.items():
                yield [parent.key, key, _cell(value)]
        else:
            for entry in entries:
                if isinstance(entry, Record):
                    values = entry.model_dump()
                    yield [parent.key, *(_cell(values[c]) for c in sheet.headers[1:])]
                else:
                    yield [parent.key, entry]


def _record_row(sheet: Sheet, record: Record) -> Row:
    values: dict[str, Any] = record.model_dump()
    for estimate in ESTIMATES:
        for point, value in (values.pop(estimate, None) or {}).items():
            values[f"{estimate}_{point}"] = value
    return [_cell(values.get(column)) for column in sheet.headers]


def _cell(value: object) -> object:
    """A value as a cell holds it: plain strings, whole numbers without ``.0``, lists joined."""
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, bool):
        return "yes" if value else None
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    if isinstance(value, tuple | list):
        return f"{LIST_SEPARATOR} ".join(str(v) for v in value) or None
    if value == "":
        return None
    return value


def _csv_cell(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return csv_escape(value)
