"""The JSON API under ``/api``: the pages' twins, records, runs and the workbook."""

from fastapi import APIRouter

from carveout.web.api import audit, pages, plans, records, workbook

router = APIRouter()
for module in (audit, pages, records, plans, workbook):
    router.include_router(module.router)

__all__ = ["router"]
