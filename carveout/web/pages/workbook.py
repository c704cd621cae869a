"""The Workbook page: upload to import, download to export."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Request, UploadFile
from fastapi.responses import HTMLResponse, Response

from carveout.errors import Forbidden
from carveout.web.pages.render import render
from carveout.web.views import RequestId, SeenContext, Writer
from carveout.web.workbook import XLSX_TYPE, ImportRejected, export_workbook, import_upload

router = APIRouter()


@router.get("/workbook", response_class=HTMLResponse)
def workbook_page(request: Request, _ctx: SeenContext) -> HTMLResponse:
    return render(request, "workbook.html", page="workbook", title="Workbook")


@router.post("/workbook", response_class=HTMLResponse)
def upload_page(
    request: Request,
    ctx: SeenContext,
    principal: Writer,
    request_id: RequestId,
    file: Annotated[UploadFile, File()],
) -> HTMLResponse:
    try:
        summary = import_upload(
            ctx,
            data=file.file,
            filename=file.filename or "",
            principal=principal,
            request_id=request_id,
        )
    except Forbidden as error:
        return render(
            request,
            "workbook.html",
            page="workbook",
            title="Workbook",
            refused=error,
            status=403,
        )
    except ImportRejected as error:
        return render(
            request,
            "workbook.html",
            page="workbook",
            title="Workbook",
            rejected=error,
            status=422,
        )
    return render(request, "workbook.html", page="workbook", title="Workbook", summary=summary)


@router.get("/workbook/portfolio.xlsx")
def download(ctx: SeenContext) -> Response:
    return Response(
        export_workbook(ctx),
        media_type=XLSX_TYPE,
        headers={"Content-Disposition": 'attachment; filename="portfolio.xlsx"'},
    )
