"""Read a workbook (``.xlsx`` or a folder of CSV files) into raw rows, safely.

A workbook comes from outside, so it is checked before any parser sees it:
its size, the number and total uncompressed size of its zip members (all
read from the zip directory, which :mod:`zipfile` enforces when extracting),
and every XML part's prolog, scanned with defusedxml so that a part declaring
a DOCTYPE or entities (the "billion laughs" and external-entity attacks) is
refused. openpyxl parses the sheets themselves with defusedxml too, since
defusedxml is installed. Nothing here knows the sheet schema: that is
:mod:`carveout.portfolio.parsing`.
"""

from __future__ import annotations

import csv
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any
from xml.sax import SAXException
from xml.sax.handler import ContentHandler

import openpyxl
from defusedxml import DefusedXmlException
from defusedxml.expatreader import create_parser

from carveout.config import get_settings
from carveout.errors import CarveoutError
from carveout.portfolio.limits import MAX_ROWS, RowBudget
from carveout.safe_cells import csv_unescape

MAX_UNCOMPRESSED_BYTES = 500 * 1024 * 1024
"""The most an ``.xlsx`` may expand to: a zip bomb is refused before it is opened."""

MAX_MEMBERS = 10_000
"""The most parts an ``.xlsx`` may contain (a real workbook has a few dozen)."""

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = b"PK\x03\x04"
_PROLOG_CHUNK = 4096

Cell = object
"""A cell value as read: ``None``, ``str``, ``int``, ``float``, ``datetime``…"""


class UnreadableWorkbook(CarveoutError):
    """The file is not a workbook carveout can safely read; nothing was imported."""


@dataclass(frozen=True, slots=True)
class RawSheet:
    """The cells of one sheet as read, before any checking.

    ``rows`` pairs each row's number as the user sees it (the header is row
    1) with its values; blank rows are left out.
    """

    name: str
    source: str
    header: tuple[str, ...]
    rows: list[tuple[int, tuple[Cell, ...]]] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class RawWorkbook:
    """Every sheet of a workbook or CSV folder, in the order found."""

    source: str
    sheets: tuple[RawSheet, ...]


def read_workbook(
    path: Path,
    *,
    max_bytes: int | None = None,
    max_uncompressed_bytes: int = MAX_UNCOMPRESSED_BYTES,
    max_members: int = MAX_MEMBERS,
    max_rows: int = MAX_ROWS,
) -> RawWorkbook:
    """Read ``path``: an ``.xlsx`` file or a folder of ``<sheet>.csv`` files.

    ``max_bytes`` defaults to the ``max_upload_bytes`` setting. Raises
    :class:`UnreadableWorkbook` for a missing, oversized, encrypted, malformed
    or hostile file, and for one past the limits of :mod:`carveout.portfolio.limits` (rows,
    here ``max_rows``; columns; characters in a cell), checked as each row is read.
    """
    limit = get_settings().max_upload_bytes if max_bytes is None else max_bytes
    budget = RowBudget(path.name, max_rows)
    if path.is_dir():
        return _read_csv_folder(path, max_bytes=limit, budget=budget)
    if not path.exists():
        raise UnreadableWorkbook(f"{path} does not exist: give the path of an .xlsx file.")
    _check_size(path, path.stat().st_size, limit)
    _check_xlsx(path, max_uncompressed_bytes=max_uncompressed_bytes, max_members=max_members)
    return _read_xlsx(path, budget)


def _check_size(path: Path, size: int, limit: int) -> None:
    if size > limit:
        raise UnreadableWorkbook(
            f"{path} is {_mib(size)}, more than the {_mib(limit)} allowed: split it, or raise "
            "the limit with CARVEOUT_MAX_UPLOAD_BYTES."
        )


def _mib(size: int) -> str:
    return f"{size / 1024**2:.1f} MB"


def _check_xlsx(path: Path, *, max_uncompressed_bytes: int, max_members: int) -> None:
    with path.open("rb") as handle:
        head = handle.read(8)
        if head.startswith(_OLE_MAGIC):
            # Excel stores a password-protected .xlsx inside an OLE compound
            # file; an OLE file without the encrypted package is a legacy .xls.
            handle.seek(0)
            body = handle.read(4 * 1024 * 1024)
            if "EncryptedPackage".encode("utf-16-le") in body:
                raise UnreadableWorkbook(
                    f"{path} is encrypted / password-protected: save it without a password "
                    "(File > Info > Protect Workbook > Encrypt with Password, clear it) "
                    "and import it again."
                )
            raise UnreadableWorkbook(
                f"{path} is an Excel 97-2003 (.xls) workbook, not .xlsx: open it in Excel "
                "and save it as an .xlsx workbook."
            )
    if not head.startswith(_ZIP_MAGIC):
        raise _not_xlsx(path, "it is not a zip archive")
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            if len(members) > max_members:
                raise UnreadableWorkbook(
                    f"{path} has {len(members)} parts, more than the {max_members} a workbook "
                    "may have: it is not a workbook carveout will open."
                )
            expanded = sum(m.file_size for m in members)
            if expanded > max_uncompressed_bytes:
                raise UnreadableWorkbook(
                    f"{path} would expand to {_mib(expanded)}, more than the "
                    f"{_mib(max_uncompressed_bytes)} allowed: it is not a workbook carveout "
                    "will open."
                )
            for member in members:
                with archive.open(member) as part:
                    _scan_prolog(path, member.filename, part)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError) as error:
        raise _not_xlsx(path, str(error)) from error


def _not_xlsx(path: Path, why: str) -> UnreadableWorkbook:
    return UnreadableWorkbook(
        f"{path} is not a valid .xlsx workbook ({why}): it may be truncated or another kind "
        "of file renamed .xlsx. Save it from Excel as .xlsx, or use a folder of CSV files."
    )


class _RootReached(Exception):
    """Raised by the scanner once the prolog is over: the rest cannot declare entities."""


class _StopAtRoot(ContentHandler):
    def startElement(self, name: str, attrs: object) -> None:
        raise _RootReached

    def startElementNS(self, name: object, qname: object, attrs: object) -> None:
        raise _RootReached


def _scan_prolog(path: Path, name: str, part: IO[bytes]) -> None:
    """Refuse an XML part whose prolog declares a DOCTYPE or entities.

    A DOCTYPE, and so any entity declaration, may only appear before the root
    element, so parsing stops there: the scan costs a few kilobytes per part.
    """
    first = part.read(_PROLOG_CHUNK)
    if not first.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        return  # not XML (an image, a binary part): no parser reads it as XML
    parser = create_parser(forbid_dtd=True, forbid_entities=True, forbid_external=True)
    parser.setContentHandler(_StopAtRoot())
    chunk = first
    try:
        while chunk:
            parser.feed(chunk)
            chunk = part.read(_PROLOG_CHUNK)
        parser.close()
    except _RootReached:
        return
    except DefusedXmlException as error:
        raise UnreadableWorkbook(
            f"{path} part {name} declares a DOCTYPE or XML entities ({type(error).__name__}), "
            "which a workbook saved by Excel never does; carveout refuses it. Save the data "
            "into a new workbook and import that."
        ) from error
    except SAXException as error:
        raise _not_xlsx(path, f"part {name} is not well-formed XML") from error


def _check(budget: RowBudget, sheet: str, number: int, values: tuple[Cell, ...]) -> None:
    if problem := budget.problem(sheet, number, values):
        raise UnreadableWorkbook(problem)


def _read_xlsx(path: Path, budget: RowBudget) -> RawWorkbook:
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except DefusedXmlException as error:
        raise UnreadableWorkbook(f"{path} declares XML entities; carveout refuses it.") from error
    except Exception as error:  # openpyxl raises many types for a damaged file
        raise _not_xlsx(path, f"{type(error).__name__}: {error}") from error
    try:
        sheets = tuple(_read_worksheet(path, ws, budget) for ws in book.worksheets)
    except UnreadableWorkbook:
        raise
    except Exception as error:
        raise _not_xlsx(path, f"{type(error).__name__}: {error}") from error
    finally:
        book.close()
    return RawWorkbook(source=path.name, sheets=sheets)


def _read_worksheet(path: Path, ws: Any, budget: RowBudget) -> RawSheet:
    # Some writers record a wrong sheet dimension; without a reset read-only
    # mode would cut rows to it.
    ws.reset_dimensions()
    title = str(ws.title)
    rows = ws.iter_rows(values_only=True)
    header_row = _trim(next(rows, ()))
    _check(budget, title, 1, header_row)
    header = tuple("" if v is None else str(v).strip() for v in header_row)
    body: list[tuple[int, tuple[Cell, ...]]] = []
    for number, row in enumerate(rows, start=2):
        if values := _trim(row):
            _check(budget, title, number, values)
            body.append((number, values))
    return RawSheet(name=title, source=path.name, header=header, rows=body)


def _trim(row: tuple[Cell, ...]) -> tuple[Cell, ...]:
    """The row without trailing blank cells (blank strings count as blank)."""
    end = len(row)
    while end and (row[end - 1] is None or row[end - 1] == ""):
        end -= 1
    return row[:end]


def _read_csv_folder(folder: Path, *, max_bytes: int, budget: RowBudget) -> RawWorkbook:
    files = sorted(p for p in folder.iterdir() if p.suffix.lower() == ".csv" and p.is_file())
    if not files:
        raise UnreadableWorkbook(
            f"{folder} contains no .csv files: give a folder with one <sheet>.csv per sheet "
            "(e.g. services.csv), or an .xlsx file."
        )
    _check_size(folder, sum(p.stat().st_size for p in files), max_bytes)
    return RawWorkbook(source=folder.name, sheets=tuple(_read_csv(p, budget) for p in files))


def _read_csv(path: Path, budget: RowBudget) -> RawSheet:
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            rows = csv.reader(handle)
            header = tuple(str(v).strip() for v in _trim(tuple(next(rows, ()))))
            body: list[tuple[int, tuple[Cell, ...]]] = []
            for row in rows:
                values = _trim(tuple(csv_unescape(v) if v.strip() else None for v in row))
                if values:
                    _check(budget, path.stem, rows.line_num, values)
                    body.append((rows.line_num, values))
    except UnicodeDecodeError as error:
        raise UnreadableWorkbook(
            f"{path.name} is not UTF-8 text (byte {error.start}): save it as 'CSV UTF-8'."
        ) from error
    except csv.Error as error:
        raise UnreadableWorkbook(f"{path.name} is not a readable CSV file: {error}.") from error
    return RawSheet(name=path.stem, source=path.name, header=header, rows=body)
