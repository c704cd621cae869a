"""Reading one workbook cell as the type its column declares.

Each converter raises ``ValueError`` for a cell that does not hold its
column's type; the parser turns that into an error on the cell.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from openpyxl.utils.datetime import from_excel

from carveout.portfolio.reading import Cell
from carveout.portfolio.sheets import LIST_SEPARATOR, Column, ColumnType


def show(value: object) -> str:
    """A cell value as a person would type it."""
    if value is None or value == "":
        return "(blank)"
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else str(value)
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, dict):
        return " / ".join(show(v) for v in value.values())
    text = str(value)
    return text if len(text) <= 80 else text[:77] + "…"


def _code(value: Cell, column: Column) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _codes(value: Cell, column: Column) -> list[str]:
    return [part.strip() for part in str(value).split(LIST_SEPARATOR) if part.strip()]


def _text(value: Cell, column: Column) -> str:
    return _code(value, column)


def _number(value: Cell, column: Column) -> float:
    if isinstance(value, bool | datetime):
        raise ValueError(value)
    number = float(value) if isinstance(value, int | float) else float(str(value).strip())
    if not math.isfinite(number):
        raise ValueError(value)
    return number


def _integer(value: Cell, column: Column) -> int:
    number = _number(value, column)
    if not number.is_integer():
        raise ValueError(value)
    return int(number)


def _date(value: Cell, column: Column) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        # an Excel date whose cell lost its date format arrives as a serial number
        if 1 <= value < 2958466:
            converted = from_excel(value)
            return converted.date() if isinstance(converted, datetime) else date.fromordinal(1)
        raise ValueError(value)
    text = str(value).strip()
    if "/" in text:
        return datetime.strptime(text, "%d/%m/%Y").date()
    if len(text) > 10:
        return datetime.fromisoformat(text).date()
    return date.fromisoformat(text)


def _choice(value: Cell, column: Column) -> str:
    text = str(value).strip().lower().replace(" ", "_").replace("-", "_")
    if text not in column.choices:
        raise ValueError(value)
    return text


def _flag(value: Cell, column: Column) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("yes", "y", "true", "1"):
        return True
    if text in ("no", "n", "false", "0"):
        return False
    raise ValueError(value)


CONVERTERS: dict[ColumnType, Callable[[Cell, Column], Any]] = {
    ColumnType.CODE: _code,
    ColumnType.CODES: _codes,
    ColumnType.TEXT: _text,
    ColumnType.NUMBER: _number,
    ColumnType.INTEGER: _integer,
    ColumnType.DATE: _date,
    ColumnType.CHOICE: _choice,
    ColumnType.FLAG: _flag,
}
"""How each column type reads a cell."""
