"""Turn raw workbook rows into domain records, collecting every error cell by cell.

Each error names the file, sheet, row and column, the bad value and what is
expected. Rules of a single record (a negative effort, a tranche ending
before it starts) are the domain's own, and their errors are put back on the
cell, in a child sheet when the value came from one (a usage row).
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from carveout.domain import COLLECTIONS, ENTITY_KINDS, Portfolio, Record
from carveout.portfolio.cell_errors import (
    ERROR_LIMIT,
    ESTIMATES,
    CellError,
    ErrorList,
    Origins,
    WorkbookInvalid,
    expected_value,
    report_error,
)
from carveout.portfolio.cells import CONVERTERS
from carveout.portfolio.reading import Cell, RawSheet, RawWorkbook
from carveout.portfolio.sheets import SHEET_BY_NAME, SHEETS, Column, Sheet


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
                report_error(error, sheet, number, key, data, bad, origins, errors)
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


__all__ = [
    "ERROR_LIMIT",
    "ESTIMATES",
    "CellError",
    "ErrorList",
    "Origins",
    "ParsedWorkbook",
    "WorkbookInvalid",
    "expected_value",
    "parse_workbook",
    "record_input",
]
