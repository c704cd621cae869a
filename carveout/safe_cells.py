"""Text a spreadsheet shows as text and never runs as a formula (formula or CSV injection).

Excel, LibreOffice and Google Sheets may treat a cell whose text starts with
``=``, ``+``, ``-``, ``@``, a tab or a carriage return as a formula: a service
named ``=HYPERLINK(…)`` or ``=cmd|' /C calc'!A0`` would run when the file is
opened. Every spreadsheet file carveout writes puts its text through this module,
and carveout's own reader gets the same text back:

- **xlsx** has cell types, so such text is written as a string cell (never an
  ``<f>`` formula) and marked quote-prefixed, as Excel marks text typed after an
  apostrophe, so that editing the cell in Excel keeps it text. Reading the cell
  gives back exactly the string written.
- **CSV** has no cell types, so such text gets one leading apostrophe (OWASP's
  advice). Text that already starts with an apostrophe followed by one of those
  characters or by another apostrophe gets one too, so that removing the
  apostrophe again (:func:`csv_unescape`, which carveout's CSV import applies) is
  unambiguous and every text reads back unchanged.

Numbers are never touched: a negative number is written as a number.
"""

from __future__ import annotations

from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""The first characters that make a spreadsheet read text as a formula."""

APOSTROPHE = "'"
_AFTER_APOSTROPHE = (*FORMULA_STARTS, APOSTROPHE)


def formula_like(value: object) -> bool:
    """Whether ``value`` is text a spreadsheet could take for a formula."""
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def keep_text(cell: Any) -> Any:
    """Make an openpyxl cell (ordinary or write-only) holding formula-like text a text
    cell, quote-prefixed; any other cell is left as it is. Returns the cell."""
    if formula_like(cell.value):
        # openpyxl stores a string starting with "=" as a formula unless told otherwise
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell


def csv_escape(value: object) -> object:
    """``value`` as a CSV cell: formula-like text (and text that would read as escaped)
    with one leading apostrophe; anything else unchanged."""
    if isinstance(value, str) and (value.startswith(FORMULA_STARTS) or _escaped(value)):
        return APOSTROPHE + value
    return value


def csv_unescape(text: str) -> str:
    """The text :func:`csv_escape` was given: its leading apostrophe removed if it added one."""
    return text[1:] if _escaped(text) else text


def _escaped(text: str) -> bool:
    return text.startswith(APOSTROPHE) and text[1:2] in _AFTER_APOSTROPHE
