"""Turn raw workbook rows into domain records, collecting every error cell by cell.

Each error names the file, sheet, row and column, the bad value and what is
expected. Rules of a single record (a negative effort, a tranche ending
before it starts) are the domain's own, and their errors are put back on the
cell, in a child sheet when the value came from one (a usage row).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from carveout.domain import COLLECTIONS, ENTITY_KINDS, Portfolio, Record
from carveout.errors import CarveoutError
from carveout.portfolio.cells import CONVERTERS, show
from carveout.portfolio.reading import Cell, RawSheet, RawWorkbook
from carveout.portfolio.sheets import SHEET_BY_NAME, SHEETS, Column, Sheet

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


@dataclass(frozen=True, slots=True)
class ParsedWorkbook:
    """What parsing made of a workbook: the records that are valid on their own and the errors.

    ``portfolio`` leaves out rows with errors; cross-record rules have not been
    checked yet (see :func:`carveout.portfolio.importing.read_portfolio`).
    """

    portfolio: Portfolio
    errors: ErrorList
    origins: Origins
    missing_sheets: tuple[str, ...] = ()


@dataclass(slots=True)
class _Rows:
    """The converted rows of one sheet: ``(row number, {column: value})``.

    A cell that is blank or unreadable is left out of its row's values and
    listed in ``failed``, its error already reported.
    """

    sheet: Sheet
    rows: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    failed: dict[int, set[str]] = field(default_factory=dict)
    skipped: bool = False
    """The columns of each row whose cell is blank though required, or unreadable."""


def parse_workbook(raw: RawWorkbook, *, limit: int = ERROR_LIMIT) -> ParsedWorkbook:
    """Check every sheet, column and cell of ``raw`` and build the records from them."""
    errors = ErrorList(raw.source, limit)
    sheets = _match_sheets(raw, errors)
    converted = {name: _convert_sheet(sheet, SHEET_BY_NAME[name], errors) for name, sheet in sheets}
    origins = Origins()
    portfolio = _build(converted, origins, errors)
    found = {name for name, _ in sheets}
    missing = tuple(s.name for s in SHEETS if s.name not in found)
    return ParsedWorkbook(portfolio, errors, origins, missing)


def record_input(sheet: Sheet, row: dict[str, Any]) -> dict[str, Any]:
    """The model input for a row of a top-level sheet (estimates nested)."""
    if sheet.kind != "migration":
        return dict(row)
    data = {k: v for k, v in row.items() if not k.startswith(ESTIMATES)}
    for estimate in ESTIMATES:
        prefix = estimate + "_"
        data[estimate] = {k.removeprefix(prefix): v for k, v in row.items() if k.startswith(prefix)}
    return data


def _match_sheets(raw: RawWorkbook, errors: ErrorList) -> list[tuple[str, RawSheet]]:
    matched: list[tuple[str, RawSheet]] = []
    seen: set[str] = set()
    for sheet in raw.sheets:
        name = sheet.name.strip().lower().replace(" ", "_")
        if name not in SHEET_BY_NAME:
            close = difflib.get_close_matches(name, SHEET_BY_NAME, n=1)
            known = f"did you mean {close[0]}?" if close else _names()
            errors.add(sheet.name, None, "", sheet.name, f"a sheet of the template: {known}")
        elif name in seen:
            errors.add(sheet.name, None, "", sheet.name, f"one sheet named {name}, not two")
        else:
            seen.add(name)
            matched.append((name, sheet))
    return matched


def _names() -> str:
    return ", ".join(s.name for s in SHEETS)


def _convert_sheet(raw: RawSheet, sheet: Sheet, errors: ErrorList) -> _Rows:
    result = _Rows(sheet)
    positions: list[tuple[int, Column]] = []
    for index, header in enumerate(raw.header):
        name = header.strip().lower().replace(" ", "_")
        if not name:
            if any(index < len(values) and values[index] is not None for _, values in raw.rows):
                errors.add(raw.name, 1, f"#{index + 1}", "", "a column header in row 1")
            continue
        if name not in sheet.headers:
            errors.add(
                raw.name, 1, header, header, "a column of this sheet: " + ", ".join(sheet.headers)
            )
        elif any(c.name == name for _, c in positions):
            errors.add(raw.name, 1, header, header, "each column once, but it appears twice")
        else:
            positions.append((index, sheet.column(name)))
    present = {c.name for _, c in positions}
    missing = [name for name in sheet.required if name not in present]
    for name in missing:
        errors.add(raw.name, 1, name, "", f"a column named {name} in row 1 (it is required)")
    if missing:
        result.skipped = True
        return result
    rows = raw.rows
    if rows and rows[0][0] == 2 and _is_help_row(rows[0][1], positions):
        rows = rows[1:]
    for number, values in rows:
        record: dict[str, Any] = {}
        for index, column in positions:
            value = values[index] if index < len(values) else None
            if value is None or (isinstance(value, str) and not value.strip()):
                if column.required:
                    errors.add(
                        raw.name, number, column.name, value, column.expected + " (required)"
                    )
                    result.failed.setdefault(number, set()).add(column.name)
                continue
            try:
                record[column.name] = CONVERTERS[column.type](value, column)
            except ValueError:
                errors.add(raw.name, number, column.name, value, column.expected)
                result.failed.setdefault(number, set()).add(column.name)
        result.rows.append((number, record))
    return result


def _is_help_row(values: tuple[Cell, ...], positions: list[tuple[int, Column]]) -> bool:
    """Whether a row is the template's explanations row, which import skips."""
    texts = [(values[i], c.help) for i, c in positions if i < len(values) and values[i] is not None]
    return bool(texts) and all(str(v).strip() == help for v, help in texts)


def _build(converted: dict[str, _Rows], origins: Origins, errors: ErrorList) -> Portfolio:
    inputs: dict[str, dict[str, tuple[int, dict[str, Any]]]] = {}
    failed: dict[tuple[str, int], set[str]] = {}
    for sheet in SHEETS:
        if sheet.kind is None or sheet.name not in converted:
            continue
        by_key = inputs[sheet.name] = {}
        rows = converted[sheet.name]
        if rows.skipped:
            origins.skipped.add(sheet.kind)
        for number, row in _unique(rows, errors):
            key = _key(sheet, row)
            by_key[key] = (number, record_input(sheet, row))
            if number in rows.failed:
                failed[(sheet.name, number)] = rows.failed[number]
                origins.failed.add(key)
    for sheet in SHEETS:
        parent = SHEET_BY_NAME[sheet.parent] if sheet.parent else None
        if parent is not None and sheet.name in converted and parent.kind not in origins.skipped:
            _attach(converted[sheet.name], inputs.get(parent.name, {}), origins, errors)
    collections: dict[str, list[Record]] = {}
    for sheet in SHEETS:
        if sheet.kind is None:
            continue
        model = ENTITY_KINDS[sheet.kind]
        records = collections.setdefault(COLLECTIONS[sheet.kind], [])
        for key, (number, data) in inputs.get(sheet.name, {}).items():
            try:
                record = model.model_validate(data)
            except ValidationError as error:
                origins.failed.add(key)
                bad = failed.get((sheet.name, number), set())
                _report(error, sheet, number, key, data, bad, origins, errors)
                continue
            records.append(record)
            origins.records[(sheet.kind, record.key)] = number
    return Portfolio(**{name: tuple(records) for name, records in collections.items()})


def _key(sheet: Sheet, row: dict[str, Any]) -> str:
    return "->".join(str(row.get(column, "")) for column in sheet.key)


def _unique(rows: _Rows, errors: ErrorList) -> Iterable[tuple[int, dict[str, Any]]]:
    """The rows whose key is complete and not already used, reporting the others."""
    seen: dict[str, int] = {}
    sheet = rows.sheet
    for number, row in rows.rows:
        if any(column not in row for column in sheet.key):
            continue  # a blank or bad key cell is already reported
        key = _key(sheet, row)
        if key in seen:
            columns = " + ".join(sheet.key)
            errors.add(
                sheet.name,
                number,
                columns,
                key.replace("->", " + "),
                f"a unique {columns} (already on row {seen[key]})",
            )
            continue
        seen[key] = number
        yield number, row


def _attach(
    rows: _Rows,
    parents: dict[str, tuple[int, dict[str, Any]]],
    origins: Origins,
    errors: ErrorList,
) -> None:
    """Add each child row to its parent record's input (``usage`` to its service)."""
    sheet = rows.sheet
    assert sheet.parent is not None and sheet.field is not None
    parent_column, *rest = sheet.key
    for number, row in _unique(rows, errors):
        if number in rows.failed:
            continue  # its bad cells are reported; the parent is rejected with it below
        parent_code = str(row[parent_column])
        parent = parents.get(parent_code)
        if parent is None:
            errors.add(
                sheet.name,
                number,
                parent_column,
                parent_code,
                f"the code of a row on the {sheet.parent} sheet",
            )
            continue
        data = parent[1]
        child_key = str(row[rest[0]]) if rest else ""
        if sheet.name == "usage" and child_key not in data.get("consumers", ()):
            errors.add(
                sheet.name,
                number,
                "party",
                child_key,
                f"a consumer of service {parent_code}: add it to that service's consumers",
            )
            continue
        origins.children[(sheet.name, parent_code, child_key)] = number
        origins.child_order.setdefault((sheet.name, parent_code), []).append(number)
        _ADD_CHILD[sheet.name](data, row)


def _to_mapping(
    field_name: str, key: str, value: str
) -> Callable[[dict[str, Any], dict[str, Any]], None]:
    def add(data: dict[str, Any], row: dict[str, Any]) -> None:
        data.setdefault(field_name, {})[row[key]] = row.get(value)

    return add


def _to_list(
    field_name: str, item: Callable[[dict[str, Any]], Any]
) -> Callable[[dict[str, Any], dict[str, Any]], None]:
    def add(data: dict[str, Any], row: dict[str, Any]) -> None:
        data.setdefault(field_name, []).append(item(row))

    return add


_ADD_CHILD: dict[str, Callable[[dict[str, Any], dict[str, Any]], None]] = {
    "party_drivers": _to_mapping("drivers", "driver", "value"),
    "usage": _to_mapping("usage", "party", "units"),
    "capacity": _to_list("capacity", lambda r: {k: v for k, v in r.items() if k != "team"}),
    "tranche_services": _to_list("services", lambda r: r["service"]),
    "pool_shares": _to_mapping("shares", "party", "share"),
    "pool_services": _to_list("services", lambda r: r["service"]),
    "pool_costs": _to_mapping("annual_costs", "year", "amount"),
    "termination_shares": _to_mapping("termination_shares", "party", "share"),
    "pool_charges": _to_list("charges", lambda r: {k: v for k, v in r.items() if k != "pool"}),
    "agreement_budgets": _to_mapping("budgets", "party", "amount"),
    "line_rates": _to_list(
        "rates", lambda r: {k: v for k, v in r.items() if k != "schedule_line" and v is not None}
    ),
}


def _report(
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
