"""The workbook layout: header row, explanations row, drop-downs, frozen panes, widths.

Both the empty template and an export use this layout, so an export is also a
template filled in. Row 1 holds the column names and row 2 a one-line
explanation of each (import recognises and skips it); data starts on row 3.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from carveout.portfolio.sheets import SHEETS, ColumnType, Sheet
from carveout.safe_cells import formula_like, keep_text

FIRST_DATA_ROW = 3
_LAST_ROW = 1_048_576  # Excel's last row: drop-downs cover every data row
_HEADER_FONT = Font(bold=True, color="FFFFFF")
_HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
_HELP_FONT = Font(italic=True, color="595959")
_HELP_FILL = PatternFill("solid", fgColor="F2F2F2")
_REQUIRED_FILL = PatternFill("solid", fgColor="C00000")


def new_workbook() -> Workbook:
    """An empty streaming workbook (write-only mode keeps large exports fast and small)."""
    return Workbook(write_only=True)


def add_sheet(book: Workbook, sheet: Sheet, rows: Iterable[Sequence[object]]) -> None:
    """Append ``sheet`` to ``book`` with its header, explanations, drop-downs and ``rows``."""
    ws = book.create_sheet(sheet.name)
    ws.freeze_panes = f"A{FIRST_DATA_ROW}"
    ws.row_dimensions[2].height = 45
    for index, column in enumerate(sheet.columns, start=1):
        letter = get_column_letter(index)
        ws.column_dimensions[letter].width = _width(column.name, column.type)
        if column.choices:
            validation = DataValidation(
                type="list",
                formula1='"' + ",".join(column.choices) + '"',
                allow_blank=not column.required,
                showErrorMessage=True,
                errorTitle=f"Not a valid {column.name}",
                error=f"{column.name} must be {column.expected}.",
            )
            validation.add(f"{letter}{FIRST_DATA_ROW}:{letter}{_LAST_ROW}")
            ws.data_validations.append(validation)
    ws.append([_header_cell(ws, c.name, c.required) for c in sheet.columns])
    ws.append([_help_cell(ws, c.help) for c in sheet.columns])
    for row in rows:
        ws.append([keep_text(WriteOnlyCell(ws, value=v)) if formula_like(v) else v for v in row])


def write_template(*, path: Path) -> None:
    """Write an empty workbook with every sheet to ``path``."""
    book = new_workbook()
    for sheet in SHEETS:
        add_sheet(book, sheet, ())
    book.save(path)


def _width(name: str, kind: ColumnType) -> float:
    if kind in (ColumnType.TEXT, ColumnType.CODES):
        return 28
    return max(len(name) + 4, 13 if kind is ColumnType.DATE else 11)


def _header_cell(ws: object, name: str, required: bool) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws, value=name)
    cell.font = _HEADER_FONT
    # required columns stand out: they must be filled on every row
    cell.fill = _REQUIRED_FILL if required else _HEADER_FILL
    return cell


def _help_cell(ws: object, text: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws, value=text)
    cell.font = _HELP_FONT
    cell.fill = _HELP_FILL
    cell.alignment = Alignment(wrap_text=True, vertical="top")
    return cell
