"""Workbook upload and download for the dashboard (the import and export services).

An upload is the uploader's whole portfolio as they see it: it is compared with what they
may see (another party's private scenarios are neither shown in the export nor removed
by the import), and every change is ruled for them by the store, change by change:
refused changes are listed (403, nothing written), changes to records that bind other
parties become proposals, the rest is applied, all in one transaction. An upload that
would remove too large a share of a kind waits for the uploader to confirm the deletions.
"""

from __future__ import annotations

import hashlib
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

from pydantic import BaseModel

from carveout.access import Principal
from carveout.config import get_settings
from carveout.domain import Portfolio
from carveout.errors import CarveoutError
from carveout.portfolio.sheets import SHEET_OF_KIND
from carveout.storage.replacing import DELETION_FLOOR, MassDeletion
from carveout.web.deps import WebContext
from carveout.web.import_gate import import_gate

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class CellProblem(BaseModel):
    """One error of an uploaded workbook, by sheet, row and column."""

    sheet: str
    row: int | None
    column: str
    value: str
    expected: str


class ImportSummary(BaseModel):
    """What an upload changed (or, on a dry run, would change), per sheet; ``proposed``: the
    changes that wait for other parties' approval, ``proposals`` their numbers."""

    source: str
    changes: dict[str, dict[str, int]]
    missing_sheets: list[str]
    dry_run: bool
    proposed: dict[str, dict[str, int]] = {}
    proposals: list[int] = []
    partial: list[str] | None = None
    """The sheets a partial import replaced (None: a whole import)."""
    ignored_sheets: list[str] = []
    """Sheets in the file of kinds a partial import left as they were."""


class Removal(BaseModel):
    """How many records of a kind an upload would remove, of how many stored."""

    removed: int
    stored: int


class DeletionsRefused(BaseModel):
    """409: the upload would remove more than ``max_share`` (and more than ``floor`` records)
    of some kinds, listed by sheet in ``removals``; nothing was imported. Upload it again
    with ``allow_deletions`` to confirm."""

    message: str
    removals: dict[str, Removal]
    max_share: float
    floor: int = DELETION_FLOOR


class DeletionsToConfirm(CarveoutError):
    """The upload was not imported until its uploader confirms its deletions; ``digest`` is the
    file's SHA-256, which the confirmation names so that it holds for that file only."""

    def __init__(self, refused: DeletionsRefused, digest: str) -> None:
        super().__init__(refused.message)
        self.refused = refused
        self.digest = digest


class ImportRejected(CarveoutError):
    """The workbook was not imported; ``problems`` lists its cells at fault (may be empty)."""

    def __init__(self, message: str, problems: list[CellProblem], total: int) -> None:
        super().__init__(message)
        self.problems = problems
        self.total = total


def _save_upload(data: BinaryIO, suffix: str, folder: Path) -> tuple[Path, str]:
    """The upload saved in ``folder``, and its SHA-256."""
    limit = get_settings().max_upload_bytes
    target = folder / f"upload{suffix}"
    size = 0
    digest = hashlib.sha256()
    with target.open("wb") as out:
        while chunk := data.read(1 << 20):
            size += len(chunk)
            digest.update(chunk)
            if size > limit:
                raise ImportRejected(
                    f"The file is larger than the {limit / 1024**2:.0f} MB allowed; split it or "
                    "raise CARVEOUT_MAX_UPLOAD_BYTES.",
                    [],
                    0,
                )
            out.write(chunk)
    return target, digest.hexdigest()


def import_upload(
    ctx: WebContext,
    *,
    data: BinaryIO,
    filename: str,
    principal: Principal,
    request_id: str | None = None,
    dry_run: bool = False,
    partial: Iterable[str] = (),
    allow_deletions: bool = False,
    confirmed: str = "",
) -> ImportSummary:
    """Make the portfolio ``principal`` sees the uploaded ``.xlsx`` (its kinds ``partial``
    names, or every kind), all or nothing (what binds other parties is proposed to them).

    Deletions of more than a set share of a kind need ``allow_deletions``, or ``confirmed``
    naming the file's SHA-256 (as :class:`DeletionsToConfirm` gave it).
    """
    from carveout.portfolio import UnreadableWorkbook, WorkbookInvalid, import_workbook
    from carveout.portfolio.partial import named_kinds

    suffix = Path(filename or "upload.xlsx").suffix.lower()
    if suffix != ".xlsx":
        raise ImportRejected(
            f"{filename or 'The file'} is not an .xlsx workbook: upload the workbook saved from "
            "Excel (a CSV folder can be imported with `carveout import`).",
            [],
            0,
        )
    try:
        kinds = named_kinds(partial)
    except CarveoutError as error:
        raise ImportRejected(str(error), [], 0) from error
    # One upload read at a time (by default): each holds its whole portfolio in memory.
    with tempfile.TemporaryDirectory(prefix="carveout-upload-") as folder, import_gate().turn():
        path, digest = _save_upload(data, suffix, Path(folder))
        try:
            result = import_workbook(
                store=ctx.store,
                path=path,
                actor=principal.name,
                kinds=kinds,
                allow_deletions=allow_deletions or (bool(confirmed) and confirmed == digest),
                principal=principal,
                request_id=request_id,
                dry_run=dry_run,
            )
        except WorkbookInvalid as error:
            problems = [
                CellProblem(
                    sheet=e.sheet, row=e.row, column=e.column, value=e.value, expected=e.expected
                )
                for e in error.errors
            ]
            message = str(error).replace(path.name, filename or path.name)
            raise ImportRejected(message, problems, error.total) from error
        except UnreadableWorkbook as error:
            raise ImportRejected(str(error).replace(str(path), filename), [], 0) from error
        except MassDeletion as error:
            raise DeletionsToConfirm(_refusal(error), digest) from error
    return ImportSummary(
        source=filename,
        changes=result.counts(),
        missing_sheets=list(result.missing_sheets),
        dry_run=result.dry_run,
        proposed=result.counts(result.proposed),
        proposals=list(result.proposals),
        partial=None if kinds is None else [SHEET_OF_KIND[k].name for k in sorted(kinds)],
        ignored_sheets=list(result.ignored_sheets),
    )


def _refusal(error: MassDeletion) -> DeletionsRefused:
    removals = {
        SHEET_OF_KIND[kind].name: Removal(removed=removed, stored=stored)
        for kind, (removed, stored) in error.removals.items()
    }
    counts = "; ".join(f"{r.removed} of {r.stored} {sheet}" for sheet, r in removals.items())
    return DeletionsRefused(
        message=(
            f"The workbook would remove {counts}: more than {error.share:.0%} (and more than "
            f"{DELETION_FLOOR} records) of a sheet, so nothing was imported. Check that the file "
            "is complete; if those records really are to go, confirm the deletions."
        ),
        removals=removals,
        max_share=error.share,
    )


def export_workbook(ctx: WebContext) -> bytes:
    """The portfolio the context sees as an ``.xlsx`` workbook (written once per portfolio
    version and way of seeing it)."""
    return ctx.portfolio.derived("workbook", _xlsx)


def _xlsx(portfolio: Portfolio) -> bytes:
    from carveout.portfolio import write_workbook

    with tempfile.TemporaryDirectory(prefix="carveout-export-") as folder:
        path = Path(folder) / "portfolio.xlsx"
        write_workbook(portfolio, path=path)
        return path.read_bytes()
