"""Formatted tables on workbook sheets: frozen, filterable headers, fitted widths, real values.

Dates, pounds and percentages are written as values with an Excel number
format, not as text, so the sheets can be sorted, summed and charted. Text is
never a formula (:mod:`carveout.safe_cells`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from carveout.safe_cells import keep_text

DATE = "d mmm yyyy"
POUNDS = '"£"#,##0;-"£"#,##0'
PERCENT = "0%"
NUMBER = "#,##0.0"
INTEGER = "0"
TEXT = "@"
HEADER_FILL = PatternFill("solid", fgColor="12355B")
HEADER_FONT = Font(bold=True, color="FFFFFF")


@dataclass(frozen=True, slots=True)
class Column:
    """A column's heading and Excel number format."""

    name: str
    format: str = TEXT


def _width(value: Any, fmt: str) -> int:
    if value is None:
        return 0
    if fmt == DATE:
        return 11
    if fmt == POUNDS and isinstance(value, int | float):
        return len(f"£{value:,.0f}")
    return len(str(value))


def add_sheet(
    workbook: Workbook, title: str, columns: Sequence[Column], rows: Sequence[Sequence[Any]]
) -> None:
    """A formatted table on its own sheet."""
    sheet = workbook.create_sheet(title)
    sheet.append([c.name for c in columns])
    for cell in sheet[1]:
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(vertical="center", wrap_text=False)
    for row in rows:
        sheet.append(list(row))
    for cells in sheet.iter_rows(min_row=2):
        for cell in cells:
            keep_text(cell)
    for index, column in enumerate(columns, start=1):
        letter = get_column_letter(index)
        if column.format != TEXT:
            for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                cell.number_format = column.format
        widest = max([len(column.name), *(_width(r[index - 1], column.format) for r in rows)])
        sheet.column_dimensions[letter].width = min(60, widest + 2)
    sheet.freeze_panes = "A2"
    if rows:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{len(rows) + 1}"
