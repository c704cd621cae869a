"""The Workbook page: upload to import, download to export.

An upload that would remove too large a share of a kind is not imported: the page shows
the counts per sheet and asks for the same file again with the deletions confirmed (the
confirmation names the file's digest, so it holds for that file only).
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, Response

from carveout.errors import Forbidden
from carveout.portfolio.sheets import SHEETS
from carveout.web.pages.render import render
from carveout.web.views import RequestId, SeenContext, Writer
from carveout.web.workbook import (
    XLSX_TYPE,
    DeletionsToConfirm,
    ImportRejected,
    export_workbook,
    import_upload,
)

router = APIRouter()

PARTIAL_CHOICES = tuple(s.name for s in SHEETS if s.kind is not None)
"""The sheets a partial import may name, in the workbook's order."""


@router.get("/workbook", response_class=HTMLResponse)
def workbook_page(request: Request, _ctx: SeenContext) -> HTMLResponse:
    return _page(request)


@router.post("/workbook", response_class=HTMLResponse)
def upload_page(
    request: Request,
    ctx: SeenContext,
    principal: Writer,
    request_id: RequestId,
    file: Annotated[UploadFile, File()],
    partial: Annotated[list[str] | None, Form()] = None,
    confirmed: Annotated[str, Form(max_length=64)] = "",
) -> HTMLResponse:
    try:
        summary = import_upload(
            ctx,
            data=file.file,
            filename=file.filename or "",
            principal=principal,
            request_id=request_id,
            partial=partial or (),
            confirmed=confirmed,
        )
    except Forbidden as error:
        return _page(request, refused=error, status=403)
    except ImportRejected as error:
        return _page(request, rejected=error, status=422)
    except DeletionsToConfirm as error:
        return _page(request, to_confirm=error, partial=partial or [], status=409)
    return _page(request, summary=summary)


@router.get("/workbook/portfolio.xlsx")
def download(ctx: SeenContext) -> Response:
    return Response(
        export_workbook(ctx),
        media_type=XLSX_TYPE,
        headers={"Content-Disposition": 'attachment; filename="portfolio.xlsx"'},
    )


def _page(request: Request, *, status: int = 200, **context: Any) -> HTMLResponse:
    return render(
        request,
        "workbook.html",
        page="workbook",
        title="Workbook",
        partial_choices=PARTIAL_CHOICES,
        status=status,
        **context,
    )
