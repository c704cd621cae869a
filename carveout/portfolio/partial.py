"""Which sheets an import replaces: every one, or those of the kinds a partial import names.

Missing is not empty. A whole import needs every sheet of the template, each with its
header row, since a sheet that is not there would otherwise remove every record of its
kind. A partial import names the kinds it replaces; it needs their sheets (and their
child sheets, e.g. ``usage`` for services) and leaves every other kind as it is, ignoring
any other sheet the file holds.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import replace

from carveout.domain import COLLECTIONS
from carveout.errors import CarveoutError
from carveout.portfolio.parsing import ErrorList
from carveout.portfolio.reading import RawWorkbook
from carveout.portfolio.sheets import SHEET_BY_NAME, SHEET_OF_KIND, SHEETS, Sheet

Kinds = frozenset[str] | None
"""The kinds an import replaces; None for a whole import (every kind)."""


def named_kinds(names: Iterable[str]) -> Kinds:
    """The kinds a partial import names, each by its kind (``raid``, ``service``) or its sheet
    (``services``); None when none is named (a whole import)."""
    kinds: set[str] = set()
    for name in names:
        wanted = _normal(name)
        sheet = SHEET_BY_NAME.get(wanted)
        if wanted in COLLECTIONS:
            kinds.add(wanted)
        elif sheet is not None and sheet.kind is not None:
            kinds.add(sheet.kind)
        else:
            choices = ", ".join(s.name for s in SHEETS if s.kind is not None)
            parent = f" (a sheet of {sheet.parent}: name that)" if sheet and sheet.parent else ""
            raise CarveoutError(
                f"{name!r} is not a kind of record a partial import can replace{parent}; "
                f"name one or more of: {choices}."
            )
    return frozenset(kinds) or None


def sheets_of(kinds: Kinds) -> tuple[Sheet, ...]:
    """The sheets an import of ``kinds`` reads: every sheet, or each kind's own sheet and the
    child sheets of its records' collections."""
    if kinds is None:
        return SHEETS
    own = {SHEET_OF_KIND[kind].name for kind in kinds}
    return tuple(s for s in SHEETS if s.name in own or s.parent in own)


def restrict(raw: RawWorkbook, kinds: Kinds) -> tuple[RawWorkbook, tuple[str, ...]]:
    """``raw`` without the sheets of kinds a partial import leaves alone, and their names.

    A sheet the template does not have is kept, to be reported as an error.
    """
    if kinds is None:
        return raw, ()
    read = {s.name for s in sheets_of(kinds)}
    kept = tuple(
        s for s in raw.sheets if _normal(s.name) in read or _normal(s.name) not in SHEET_BY_NAME
    )
    ignored = tuple(s.name for s in raw.sheets if s not in kept)
    return replace(raw, sheets=kept), ignored


def report_missing(missing: Collection[str], kinds: Kinds, errors: ErrorList) -> None:
    """Add an error for each sheet an import of ``kinds`` needs that is not in the file."""
    for sheet in sheets_of(kinds):
        if sheet.name in missing:
            errors.add(
                sheet.name,
                None,
                "",
                "no such sheet",
                "this sheet, with its header row: a sheet missing from the file is not read "
                "as empty. Add it (every sheet is in the template and the export), or make "
                "a partial import naming only the kinds the file replaces",
            )


def _normal(name: str) -> str:
    return name.strip().lower().replace(" ", "_")
