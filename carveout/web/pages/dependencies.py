"""The Dependencies graph page."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from carveout.web import views
from carveout.web.deps import AsOf, ScenarioCode
from carveout.web.pages.render import render
from carveout.web.views import SeenContext

router = APIRouter()


@router.get("/dependencies", response_class=HTMLResponse)
def dependencies_page(
    request: Request, ctx: SeenContext, scenario: ScenarioCode = None, as_of: AsOf = None
) -> HTMLResponse:
    graph = views.dependencies_data(ctx, requested=scenario, as_of=as_of)
    return render(
        request,
        "dependencies.html",
        page="dependencies",
        title="Dependencies",
        choice=graph.scenario,
        g=graph,
    )
