"""A form field that is a list of small sub-records, drawn as a table of repeating rows.

Each cell is posted as ``<field>.<row>.<column>`` (rows counted from 1, as people count
them), and ``<field>.rows`` says how many rows were drawn. The rows a user filled in are
assembled into the list of mappings a workbook's child sheet or an API body gives, so the
record's own model validates them; its messages are then put on the row and column they
concern ("Rate period 2, rate: …"). A blank row is dropped. Asking for more rows draws the
form again with everything typed kept, without JavaScript.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ValidationError

from carveout.domain.base import Window
from carveout.web.form_inputs import Input

MAX_ROWS = 200
"""Rows a field may have on a form; cells posted beyond it are not read."""
BLANK_ROWS = 2
"""Empty rows drawn after the filled ones."""
MORE_ROWS = 3
"""Empty rows added by "Add another row"."""


def cell(name: str, row: int, column: str) -> str:
    """The form name of one cell: ``rates.2.start``."""
    return f"{name}.{row}.{column}"


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def shown(name: str, items: Iterable[Mapping[str, Any]]) -> dict[str, str]:
    """A list of sub-records (as JSON) as the cells its table shows."""
    cells: dict[str, str] = {}
    for row, item in enumerate(items, start=1):
        for column, value in item.items():
            cells[cell(name, row, column)] = _text(value)
    return cells


def _numbers(name: str, form: Mapping[str, str]) -> list[int]:
    """The row numbers of ``name`` with any cell in ``form``, in order."""
    pattern = re.compile(rf"^{re.escape(name)}\.(\d{{1,4}})\.[a-z_]+$")
    found = {int(m.group(1)) for key in form if (m := pattern.match(key))}
    return sorted(n for n in found if 1 <= n <= MAX_ROWS)


def filled(control: Input, form: Mapping[str, str]) -> list[tuple[int, dict[str, str]]]:
    """Each row of ``control`` with something typed in it: its number and its non-blank cells."""
    rows = []
    for row in _numbers(control.name, form):
        cells = {
            c.name: text
            for c in control.columns
            if (text := str(form.get(cell(control.name, row, c.name), "")).strip())
        }
        if cells:
            rows.append((row, cells))
    return rows


def drawn(
    controls: Iterable[Input], values: Mapping[str, str], *, more: str = ""
) -> dict[str, int]:
    """How many rows to draw for each rows control: those filled and a few blank ones, or, when
    the user asked for ``more`` rows of one of them, what was drawn and a few more."""
    counts: dict[str, int] = {}
    for control in controls:
        if control.widget != "rows":
            continue
        numbers = [n for n, _ in filled(control, values)]
        last = max(numbers, default=0)
        before = values.get(f"{control.name}.rows", "")
        had = int(before) if before.isdigit() else 0
        grown = more == control.name
        count = max(had, last) + MORE_ROWS if grown else max(had, last + BLANK_ROWS)
        counts[control.name] = min(count, MAX_ROWS)
    return counts


def placed(
    control: Input, numbers: Sequence[int], loc: Sequence[int | str], text: str
) -> tuple[str, str]:
    """A pydantic message about item ``loc[0]`` of the posted list, put on its form row: the
    key of the cell (or row) it marks and the message naming row and column."""
    index = loc[0]
    row = numbers[index] if isinstance(index, int) and 0 <= index < len(numbers) else 0
    column = next((str(p) for p in loc[1:] if isinstance(p, str)), "")
    if not column:
        return f"{control.name}.{row}", f"{control.singular} {row}: {text}"
    label = next((c.label for c in control.columns if c.name == column), column)
    return cell(control.name, row, column), f"{control.singular} {row}, {label.lower()}: {text}"


@dataclass(frozen=True)
class Located:
    """A problem of the whole portfolio put on the rows it concerns."""

    rows: tuple[int, ...]
    message: str


def located(
    control: Input, model: type[BaseModel], form: Mapping[str, str], value: str, expected: str
) -> Located | None:
    """The rows a store problem with ``value`` on this field concerns (None when none does).

    For periods (rows with a start and an end) the problem names a period's start: it
    concerns that period and the one before it that it overlaps, ordered by start as the
    record orders them.
    """
    rows: list[tuple[int, BaseModel]] = []
    for number, cells in filled(control, form):
        try:
            rows.append((number, model.model_validate(cells)))
        except ValidationError:
            continue
    periods = [(n, r) for n, r in rows if isinstance(r, Window)]
    if periods and len(periods) == len(rows):
        ordered = sorted(periods, key=lambda nr: nr[1].start)
        for (a, first), (b, second) in itertools.pairwise(ordered):
            if second.start.isoformat() == value and second.start <= first.end:
                pair = (min(a, b), max(a, b))
                return Located(pair, f"{control.label} {pair[0]} and {pair[1]}: {expected}")
    hits = tuple(
        n for n, r in rows if value in {_text(v) for v in r.model_dump(mode="json").values()}
    )
    if not hits:
        return None
    named = control.singular if len(hits) == 1 else control.label
    return Located(hits, f"{named} {' and '.join(str(n) for n in hits)}: {expected}")


def differences(
    control: Input, mine: Mapping[str, str], current: Mapping[str, str]
) -> list[tuple[str, str, str, str]]:
    """The cells of ``control`` that differ between two forms: name, label, mine, current."""
    last = max(
        [n for n, _ in filled(control, mine)] + [n for n, _ in filled(control, current)],
        default=0,
    )
    found = []
    for row in range(1, last + 1):
        for column in control.columns:
            name = cell(control.name, row, column.name)
            yours, now = mine.get(name, "").strip(), current.get(name, "")
            if yours != now:
                label = f"{control.singular} {row} ({column.label.lower()})"
                found.append((name, label, yours, now))
    return found
