"""The shape of a workbook sheet: its columns, their types and how each is described.

:mod:`carveout.portfolio.sheets` lists the sheets themselves; the constructors here
(``code_column``, ``number_column``…) keep those lists short.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

LIST_SEPARATOR = ";"
"""Separates codes in a list cell (``consumers``, ``recipients``, ``services``)."""


class ColumnType(StrEnum):
    """How a cell is read and written."""

    CODE = "code"
    CODES = "codes"
    TEXT = "text"
    NUMBER = "number"
    INTEGER = "integer"
    DATE = "date"
    CHOICE = "choice"
    FLAG = "flag"


EXPECTED: dict[ColumnType, str] = {
    ColumnType.CODE: "a code (letters, digits, _ . - / or spaces)",
    ColumnType.CODES: "codes separated by ';'",
    ColumnType.TEXT: "text",
    ColumnType.NUMBER: "a number",
    ColumnType.INTEGER: "a whole number",
    ColumnType.DATE: "a date (YYYY-MM-DD, DD/MM/YYYY or an Excel date)",
    ColumnType.CHOICE: "one of the listed values",
    ColumnType.FLAG: "yes or no",
}
"""What a cell of each type must hold, in the words used in error messages."""


@dataclass(frozen=True, slots=True)
class Column:
    """One column of a sheet: its header, type, whether it must be filled, and meaning."""

    name: str
    type: ColumnType
    help: str
    required: bool = False
    choices: tuple[str, ...] = ()

    @property
    def expected(self) -> str:
        if self.choices:
            return "one of: " + ", ".join(self.choices)
        return EXPECTED[self.type]


@dataclass(frozen=True, slots=True)
class Sheet:
    """One sheet of the workbook.

    ``key`` lists the columns that identify a row: two rows with the same key
    are duplicates. A child sheet's first key column names its parent record.
    """

    name: str
    help: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    kind: str | None = None
    parent: str | None = None
    field: str | None = None

    @property
    def headers(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns if c.required)

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


def choices_of(enum: type[StrEnum]) -> tuple[str, ...]:
    return tuple(member.value for member in enum)


def code_column(name: str, help: str, *, required: bool = True) -> Column:
    return Column(name, ColumnType.CODE, help, required)


def codes_column(name: str, help: str, *, required: bool = False) -> Column:
    return Column(name, ColumnType.CODES, help, required)


def text_column(name: str, help: str, *, required: bool = False) -> Column:
    return Column(name, ColumnType.TEXT, help, required)


def number_column(name: str, help: str, *, required: bool = False) -> Column:
    return Column(name, ColumnType.NUMBER, help, required)


def integer_column(name: str, help: str, *, required: bool = False) -> Column:
    return Column(name, ColumnType.INTEGER, help, required)


def date_column(name: str, help: str, *, required: bool = False) -> Column:
    return Column(name, ColumnType.DATE, help, required)


def flag_column(name: str, help: str) -> Column:
    return Column(name, ColumnType.FLAG, help, False, ("yes", "no"))


def choice_column(name: str, enum: type[StrEnum], help: str, *, required: bool = False) -> Column:
    return Column(name, ColumnType.CHOICE, help, required, choices_of(enum))


def estimate_columns(prefix: str, unit: str) -> tuple[Column, ...]:
    return tuple(
        number_column(f"{prefix}_{point}", f"{label} {prefix} in {unit}", required=True)
        for point, label in (
            ("optimistic", "Optimistic (lowest)"),
            ("most_likely", "Most likely"),
            ("pessimistic", "Pessimistic (highest)"),
        )
    )
