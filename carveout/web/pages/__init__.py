"""Server-rendered pages, one module per page kind."""

from fastapi import APIRouter

from carveout.web.pages import (
    agreements,
    assets,
    audit,
    calendar,
    costs,
    dependencies,
    edit,
    overview,
    pack,
    plan,
    proposals,
    readiness,
    risk,
    runs,
    scenarios,
    service_levels,
    services,
    trade_offs,
    workbook,
)

router = APIRouter(include_in_schema=False)
PAGES = (
    assets,
    overview,
    services,
    dependencies,
    agreements,
    calendar,
    readiness,
    service_levels,
    plan,
    risk,
    costs,
    pack,
    runs,
    scenarios,
    trade_offs,
    edit,
    proposals,
    workbook,
    audit,
)
for module in PAGES:
    router.include_router(module.router)

__all__ = ["router"]
