"""The errors of a workbook, cell by cell, and where a domain rule's complaint belongs.

A rule of a single record (a negative effort, a tranche ending before it starts)
is the domain's own; :func:`report_error` puts its message back on the cell it is
about, in a child sheet when the value came from one (a usage row, a budget).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from carveout.errors import CarveoutError
from carveout.portfolio.cells import show
from carveout.portfolio.sheets import SHEET_BY_NAME, SHEETS, Sheet

ERROR_LIMIT = 200
"""Errors collected before parsing gives up (the count of the rest is kept)."""


@dataclass(frozen=True, slots=True)
class CellError:
    """One problem in a workbook: where it is, what was found, what is expected.

    ``row`` is ``None`` for a problem with a whole sheet (an unknown sheet).
    """

    source: str
    sheet: str
    row: int | None
    column: str
    value: str
    expected: str

    def __str__(self) -> str:
        where = f"{self.source} › {self.sheet}" + (f" row {self.row}" if self.row else "")
        column = f", column {self.column}" if self.column else ""
        return f"{where}{column}: found {self.value!r}, expected {self.expected}"


class WorkbookInvalid(CarveoutError):
    """The workbook has errors; nothing was imported. ``errors`` lists them (up to a limit)."""

    def __init__(self, source: str, errors: list[CellError], *, total: int) -> None:
        self.source = source
        self.errors = errors
        self.total = total
        shown = f"the first {len(errors)} are listed" if total > len(errors) else "see above"
        super().__init__(
            f"{source} has {total} error(s) ({shown}); nothing was imported. "
            "Correct the cells named and import the file again."
        )


ESTIMATES = ("effort", "duration")
"""Three-point estimates, written as three columns each (``effort_optimistic``, …)."""


@dataclass(slots=True)
class ErrorList:
    """The errors found so far: the first ``limit`` kept, all counted."""

    source: str
    limit: int = ERROR_LIMIT
    errors: list[CellError] = field(default_factory=list)
    total: int = 0

    def add(self, sheet: str, row: int | None, column: str, value: object, expected: str) -> None:
        self.total += 1
        if len(self.errors) < self.limit:
            self.errors.append(CellError(self.source, sheet, row, column, show(value), expected))

    def raise_if_any(self) -> None:
        """Raise :class:`WorkbookInvalid` with the errors in sheet and row order."""
        if self.total:
            order = {s.name: i for i, s in enumerate(SHEETS)}
            self.errors.sort(key=lambda e: (order.get(e.sheet, -1), e.row or 0))
            raise WorkbookInvalid(self.source, self.errors, total=self.total)


@dataclass(slots=True)
class Origins:
    """Where each record and child entry was defined, to put later errors on the right row.

    ``records`` maps ``(kind, key)`` to a row of the kind's sheet; ``children``
    maps ``(child sheet, parent code, child key)`` to a row of that sheet;
    ``failed`` holds the codes of rows that did not make a valid record.
    """

    records: dict[tuple[str, str], int] = field(default_factory=dict)
    children: dict[tuple[str, str, str], int] = field(default_factory=dict)
    child_order: dict[tuple[str, str], list[int]] = field(default_factory=dict)
    failed: set[str] = field(default_factory=set)
    skipped: set[str] = field(default_factory=set)
    """Kinds whose sheet could not be read at all (a required column is missing)."""


def report_error(
    error: ValidationError,
    sheet: Sheet,
    number: int,
    key: str,
    data: dict[str, Any],
    bad: set[str],
    origins: Origins,
    errors: ErrorList,
) -> None:
    """Put each pydantic error on the cell it is about, in a child sheet if need be.

    ``bad`` lists the row's cells already reported as blank or unreadable: the
    domain's complaint that they are missing says nothing new.
    """
    for detail in error.errors(include_url=False):
        loc = detail["loc"]
        message = expected_value(detail)
        target, row, column = sheet.name, number, ""
        child = _child_sheet(sheet, str(loc[0])) if len(loc) > 1 else None
        if loc and loc[0] in ESTIMATES:
            column = f"{loc[0]}_{loc[1]}" if len(loc) > 1 else _columns_of(str(loc[0]))
        elif child is not None:
            target = child.name
            if isinstance(loc[1], int):  # an item of a list: capacity, tranche services
                order = origins.child_order.get((child.name, key), [])
                row = order[loc[1]] if loc[1] < len(order) else number
                column = str(loc[2]) if len(loc) > 2 else child.key[-1]
                column = "" if column == "start" and len(loc) == 2 else column
            else:  # an entry of a mapping: usage, drivers, shares, costs
                row = origins.children.get((child.name, key, str(loc[1])), number)
                column = child.columns[-1].name
        elif loc:
            column = str(loc[0])
        elif entry := _entry_named_in(message, sheet, key, origins):
            target, row, column = entry
        if not column:
            column = _column_named_in(message, SHEET_BY_NAME[target])
        if detail["type"] == "missing" and column in bad:
            continue
        value = detail.get("input")
        if isinstance(value, dict) and column in value:  # a whole-record rule: show its cell
            value = value[column]
        elif isinstance(value, dict) and column in data:
            value = data[column]
        errors.add(target, row, column, value, message)


def _entry_named_in(
    message: str, sheet: Sheet, key: str, origins: Origins
) -> tuple[str, int, str] | None:
    """The child row a whole-record rule is about, when its message names the entry and the
    kind of entry ("budget for NOPE, which is not a party to it": the budget row of NOPE)."""
    for child in SHEETS:
        if child.parent != sheet.name or not child.field:
            continue
        if child.field.rstrip("s").replace("_", " ") not in message:
            continue
        for (name, parent, entry), row in origins.children.items():
            if (name, parent) == (child.name, key) and re.search(
                rf"(?<![\w-]){re.escape(entry)}(?![\w-])", message
            ):
                return child.name, row, child.key[-1]
    return None


def _child_sheet(sheet: Sheet, field_name: str) -> Sheet | None:
    return next((s for s in SHEETS if s.parent == sheet.name and s.field == field_name), None)


def _columns_of(prefix: str) -> str:
    return f"{prefix}_optimistic…{prefix}_pessimistic"


def _column_named_in(message: str, sheet: Sheet) -> str:
    """The column a whole-record rule is about, from the words of its message."""
    if "before it starts" in message:
        return "end"
    text = message.lower()
    for column in sorted(sheet.headers, key=len, reverse=True):
        if column.replace("_", " ") in text or column in text:
            return column
    return ""


def expected_value(detail: Any) -> str:
    """What a field wanted, from one of pydantic's error details: the words the workbook's
    cell errors and the dashboard's forms both show."""
    kind = detail["type"]
    if kind == "string_pattern_mismatch":
        return "a code (letters, digits, _ . - / or spaces, starting with a letter or digit)"
    if kind == "missing":
        return "a value (required)"
    message = str(detail["msg"])
    for prefix in ("Value error, ", "Input should be "):
        message = message.removeprefix(prefix)
    return message
