"""The JSON API under ``/api``: the pages' twins, records, proposals, runs and the workbook.

Every route declares the errors it can answer with (:mod:`carveout.web.api.responses`), so the
OpenAPI schema is complete.
"""

from fastapi import APIRouter

from carveout.web.api import (
    audit,
    engine_runs,
    history,
    pages,
    plans,
    proposals,
    records,
    trade_offs,
    workbook,
)
from carveout.web.api.responses import COMMON

router = APIRouter()
for module in (audit, pages, trade_offs, records, history, proposals, plans, engine_runs, workbook):
    router.include_router(module.router, responses=COMMON)

__all__ = ["router"]
