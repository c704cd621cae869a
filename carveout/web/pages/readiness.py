"""The Readiness page: services × exit criteria, what blocks each service, and the plan."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from carveout.web.deps import AsOf, ScenarioCode
from carveout.web.pages.render import render
from carveout.web.queries.readiness import readiness_page
from carveout.web.views import SeenContext

router = APIRouter()

ServiceCode = Annotated[str | None, Query(max_length=64, description="Only this service's gate.")]


@router.get("/readiness", response_class=HTMLResponse)
def readiness_html(
    request: Request,
    ctx: SeenContext,
    scenario: ScenarioCode = None,
    as_of: AsOf = None,
    service: ServiceCode = None,
) -> HTMLResponse:
    data = readiness_page(ctx, requested=scenario, as_of=as_of, service=service)
    return render(
        request,
        "readiness.html",
        page="readiness",
        title="Readiness",
        choice=data.scenario,
        data=data,
    )
