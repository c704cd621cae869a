"""Workbook import and export over the API."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, UploadFile
from fastapi.responses import JSONResponse, Response

from carveout.web.api.responses import Invalid, Message
from carveout.web.views import RequestId, SeenContext, Writer
from carveout.web.workbook import (
    XLSX_TYPE,
    ImportRejected,
    ImportSummary,
    export_workbook,
    import_upload,
)

router = APIRouter(tags=["workbook"])


@router.post(
    "/workbook",
    response_model=ImportSummary,
    responses={
        413: {
            "model": Message,
            "description": "The upload is larger than CARVEOUT_MAX_UPLOAD_BYTES; refused as it "
            "arrived, nothing was read further",
        },
        422: {"model": Invalid, "description": "The workbook has errors; nothing was imported"},
    },
)
def post_workbook(
    ctx: SeenContext,
    principal: Writer,
    request_id: RequestId,
    file: Annotated[UploadFile, File()],
    dry_run: bool = False,
) -> Response:
    """Make the portfolio the caller sees the uploaded ``.xlsx`` (all or nothing): each change is
    ruled for the caller (403 listing the refused ones, nothing written); changes to records
    that bind other parties become proposals (``proposals``)."""
    try:
        summary = import_upload(
            ctx,
            data=file.file,
            filename=file.filename or "",
            principal=principal,
            request_id=request_id,
            dry_run=dry_run,
        )
    except ImportRejected as error:
        detail = [
            {
                "loc": ["file", p.sheet, p.row, p.column],
                "msg": f"found {p.value!r}, expected {p.expected}",
                "type": "workbook_cell",
                "input": p.value,
            }
            for p in error.problems
        ] or [{"loc": ["file"], "msg": str(error), "type": "workbook_unreadable"}]
        return JSONResponse(
            {"detail": detail, "message": str(error), "total": error.total}, status_code=422
        )
    return JSONResponse(summary.model_dump(mode="json"))


@router.get("/workbook", response_class=Response, responses={200: {"content": {XLSX_TYPE: {}}}})
def get_workbook(ctx: SeenContext) -> Response:
    """The portfolio the caller may see as an ``.xlsx`` workbook."""
    return Response(
        export_workbook(ctx),
        media_type=XLSX_TYPE,
        headers={"Content-Disposition": 'attachment; filename="portfolio.xlsx"'},
    )
