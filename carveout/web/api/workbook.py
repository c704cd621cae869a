"""Workbook import and export over the API."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Query, UploadFile
from fastapi.responses import JSONResponse, Response

from carveout.web.api.responses import Invalid, Message
from carveout.web.views import RequestId, SeenContext, Writer
from carveout.web.workbook import (
    XLSX_TYPE,
    DeletionsRefused,
    DeletionsToConfirm,
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
        409: {
            "model": DeletionsRefused,
            "description": "The workbook would remove too many records of a kind; nothing was "
            "imported (upload it again with allow_deletions to confirm)",
        },
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
    partial: Annotated[
        list[str] | None,
        Query(description="Replace only these kinds (e.g. raid, services); the default is all"),
    ] = None,
    allow_deletions: Annotated[
        bool, Query(description="Confirm removing more than a fifth of the records of a kind")
    ] = False,
) -> Response:
    """Make the portfolio the caller sees the uploaded ``.xlsx`` (all or nothing): each change is
    ruled for the caller (403 listing the refused ones, nothing written); changes to records
    that bind other parties become proposals (``proposals``). Every sheet must be present
    (422 otherwise) unless ``partial`` names the kinds the file replaces; removing more than
    20% and more than 5 records of a kind needs ``allow_deletions`` (409 otherwise)."""
    try:
        summary = import_upload(
            ctx,
            data=file.file,
            filename=file.filename or "",
            principal=principal,
            request_id=request_id,
            dry_run=dry_run,
            partial=partial or (),
            allow_deletions=allow_deletions,
        )
    except DeletionsToConfirm as error:
        return JSONResponse(error.refused.model_dump(mode="json"), status_code=409)
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
