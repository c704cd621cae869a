"""The Dependencies graph page."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from carveout.web import views
from carveout.web.deps import AsOf, Context, ScenarioCode
from carveout.web.pages.render import render

router = APIRouter()


@router.get("/dependencies", response_class=HTMLResponse)
def dependencies_page(
    request: Request, ctx: Context, scenario: ScenarioCode = None, as_of: AsOf = None
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
