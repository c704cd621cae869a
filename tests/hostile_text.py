"""Text a spreadsheet would run as a formula, a portfolio full of it, and checks that a
written file holds no formula: shared by the round-trip tests of every writer."""

from __future__ import annotations

import itertools
import re
import zipfile
from pathlib import Path

import openpyxl

from carveout.domain import Portfolio
from carveout.domain.portfolio import COLLECTIONS
from carveout.portfolio.sheets import SHEETS, ColumnType

HOSTILE = (
    '=HYPERLINK("http://x","y")',
    "=cmd|' /C calc'!A0",
    "+1+1",
    "-2+3",
    "@SUM(A1)",
    "\t=1",
    "\r=1",
)
"""Text each spreadsheet program would take for a formula."""

TRICKY = ("'=already quoted", "''", "'plain", "'", "=", "-", "a=b", "2021-10-01")
"""Text near the escaping rule: apostrophes already there, and triggers not at the start."""

# a cell formula in any namespace: <f>, <f t="shared" …/>, <x:f>
_FORMULA_ELEMENT = re.compile(rb"<(?:\w+:)?f[\s>/]")
# a text column whose values other records refer to (changing it breaks the portfolio), and
# evidence links, which the model accepts only as http(s) addresses (so never a formula)
_REFERENCED = {"driver", "evidence"}


def hostile_portfolio(portfolio: Portfolio) -> Portfolio:
    """``portfolio`` with every free-text field of every record set to hostile text in turn
    (validated: the model strips the tab and carriage return before ``=1``)."""
    values = itertools.cycle(HOSTILE + TRICKY)
    collections = {name: getattr(portfolio, name) for name in COLLECTIONS.values()}
    for sheet in SHEETS:
        texts = [
            c.name for c in sheet.columns if c.type is ColumnType.TEXT and c.name not in _REFERENCED
        ]
        if sheet.kind is None or not texts:
            continue
        collections[COLLECTIONS[sheet.kind]] = tuple(
            type(r).model_validate({**r.model_dump(), **{t: next(values) for t in texts}})
            for r in portfolio.records(sheet.kind)
        )
    return Portfolio(**collections)


def xlsx_formulas(path: Path) -> list[str]:
    """Where ``path`` holds a formula: cells openpyxl reads as formulas (data type ``f``)
    and worksheet parts with an ``<f>`` element. Empty for a safe workbook."""
    found = [
        f"{ws.title}!{cell.coordinate}"
        for ws in openpyxl.load_workbook(path).worksheets
        for row in ws.iter_rows()
        for cell in row
        if cell.data_type == "f"
    ]
    with zipfile.ZipFile(path) as archive:
        found += [
            name
            for name in archive.namelist()
            if name.startswith("xl/worksheets/") and _FORMULA_ELEMENT.search(archive.read(name))
        ]
    return found


def xlsx_texts(path: Path) -> set[str]:
    """Every text cell value in the workbook at ``path``."""
    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        return {
            value
            for ws in book.worksheets
            for row in ws.iter_rows(values_only=True)
            for value in row
            if isinstance(value, str)
        }
    finally:
        book.close()
