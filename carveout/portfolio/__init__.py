"""The portfolio as people see it: workbook template, import, export, summary, impact.

The workbook format (one sheet per entity, flat rows) is defined once in
:mod:`carveout.portfolio.sheets`; :func:`write_template` writes it empty,
:func:`import_workbook` replaces the stored portfolio with a workbook's, and
:func:`write_workbook` exports one.
"""

from carveout.portfolio.importing import ImportResult, import_workbook, read_portfolio
from carveout.portfolio.parsing import CellError, WorkbookInvalid
from carveout.portfolio.reading import UnreadableWorkbook
from carveout.portfolio.sheets import SHEETS, Column, ColumnType, Sheet
from carveout.portfolio.template import write_template
from carveout.portfolio.writing import write_workbook

__all__ = [
    "SHEETS",
    "CellError",
    "Column",
    "ColumnType",
    "ImportResult",
    "Sheet",
    "UnreadableWorkbook",
    "WorkbookInvalid",
    "import_workbook",
    "read_portfolio",
    "write_template",
    "write_workbook",
]
