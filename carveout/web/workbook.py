"""Workbook upload and download for the dashboard (the import and export services)."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import BinaryIO

from pydantic import BaseModel

from carveout.config import get_settings
from carveout.errors import CarveoutError
from carveout.web.deps import WebContext

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class CellProblem(BaseModel):
    """One error of an uploaded workbook, by sheet, row and column."""

    sheet: str
    row: int | None
    column: str
    value: str
    expected: str


class ImportSummary(BaseModel):
    """What an upload changed, per sheet."""

    source: str
    changes: dict[str, dict[str, int]]
    missing_sheets: list[str]
    dry_run: bool


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
    ctx: WebContext, *, data: BinaryIO, filename: str, actor: str, dry_run: bool = False
) -> ImportSummary:
    """Replace the stored portfolio with an uploaded ``.xlsx``, all or nothing."""
    from carveout.portfolio import UnreadableWorkbook, WorkbookInvalid, import_workbook

    suffix = Path(filename or "upload.xlsx").suffix.lower()
    if suffix != ".xlsx":
        raise ImportRejected(
            f"{filename or 'The file'} is not an .xlsx workbook: upload the workbook saved from "
            "Excel (a CSV folder can be imported with `carveout import`).",
            [],
            0,
        )
    with tempfile.TemporaryDirectory(prefix="carveout-upload-") as folder:
        path = _save_upload(data, suffix, Path(folder))
        try:
            result = import_workbook(store=ctx.store, path=path, actor=actor, dry_run=dry_run)
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
    return ImportSummary(
        source=filename,
        changes=result.counts(),
        missing_sheets=list(result.missing_sheets),
        dry_run=result.dry_run,
    )


def export_workbook(ctx: WebContext) -> bytes:
    """The stored portfolio as an ``.xlsx`` workbook."""
    from carveout.portfolio import write_workbook

    with tempfile.TemporaryDirectory(prefix="carveout-export-") as folder:
        path = Path(folder) / "portfolio.xlsx"
        write_workbook(ctx.portfolio.get(), path=path)
        return path.read_bytes()
