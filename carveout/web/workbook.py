"""Workbook upload and download for the dashboard (the import and export services).

An upload is the uploader's whole portfolio as they see it: it is compared with what they
may see (another party's private scenarios are neither shown in the export nor removed
by the import), and every change is ruled for them by the store, change by change:
refused changes are listed (403, nothing written), changes to records that bind other
parties become proposals, the rest is applied, all in one transaction.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any, BinaryIO

from pydantic import BaseModel

from carveout.access import Principal
from carveout.config import get_settings
from carveout.domain import Portfolio
from carveout.domain.changes import Changeset
from carveout.errors import CarveoutError
from carveout.storage import Store
from carveout.storage.store import Outcome
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


class _AsPrincipal(Store):
    """The store as one principal sees and changes it, for the import service."""

    def __init__(self, store: Store, principal: Principal, request_id: str | None) -> None:
        super().__init__(store.engine)
        self._store = store
        self._principal = principal
        self._request_id = request_id
        self.outcome = Outcome()

    def load(self, *, principal: Principal | None = None) -> Portfolio:
        return self._store.load(principal=self._principal)

    def apply(
        self,
        changeset: Changeset,
        *,
        actor: str,
        principal: Principal | None = None,
        request_id: str | None = None,
        dry_run: bool = False,
    ) -> Outcome:
        self.outcome = self._store.apply(
            changeset,
            actor=actor,
            principal=self._principal,
            request_id=self._request_id,
            dry_run=dry_run,
        )
        return self.outcome


class ImportRejected(CarveoutError):
    """The workbook was not imported; ``problems`` lists its cells at fault (may be empty)."""

    def __init__(self, message: str, problems: list[CellProblem], total: int) -> None:
        super().__init__(message)
        self.problems = problems
        self.total = total


def _save_upload(data: BinaryIO, suffix: str, folder: Path) -> Path:
    limit = get_settings().max_upload_bytes
    target = folder / f"upload{suffix}"
    size = 0
    with target.open("wb") as out:
        while chunk := data.read(1 << 20):
            size += len(chunk)
            if size > limit:
                raise ImportRejected(
                    f"The file is larger than the {limit / 1024**2:.0f} MB allowed; split it or "
                    "raise CARVEOUT_MAX_UPLOAD_BYTES.",
                    [],
                    0,
                )
            out.write(chunk)
    return target


def import_upload(
    ctx: WebContext,
    *,
    data: BinaryIO,
    filename: str,
    principal: Principal,
    request_id: str | None = None,
    dry_run: bool = False,
) -> ImportSummary:
    """Make the portfolio ``principal`` sees the uploaded ``.xlsx``, all or nothing (what binds
    other parties is proposed to them)."""
    from carveout.portfolio import UnreadableWorkbook, WorkbookInvalid, import_workbook
    from carveout.portfolio.importing import ImportResult

    suffix = Path(filename or "upload.xlsx").suffix.lower()
    if suffix != ".xlsx":
        raise ImportRejected(
            f"{filename or 'The file'} is not an .xlsx workbook: upload the workbook saved from "
            "Excel (a CSV folder can be imported with `carveout import`).",
            [],
            0,
        )
    # One upload read at a time (by default): each holds its whole portfolio in memory.
    with tempfile.TemporaryDirectory(prefix="carveout-upload-") as folder, import_gate().turn():
        path = _save_upload(data, suffix, Path(folder))
        store = _AsPrincipal(ctx.store, principal, request_id)
        try:
            result = import_workbook(store=store, path=path, actor=principal.name, dry_run=dry_run)
            if dry_run and result.changes:
                store.apply(result.changes, actor=principal.name, dry_run=True)
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
    done = store.outcome

    def counts(changes: tuple[Any, ...]) -> dict[str, dict[str, int]]:
        return ImportResult(filename, Changeset(changes), (), dry_run).counts()

    return ImportSummary(
        source=filename,
        changes=counts(done.applied),
        missing_sheets=list(result.missing_sheets),
        dry_run=result.dry_run,
        proposed=counts(done.proposed),
        proposals=[p.id for p in done.proposals],
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
