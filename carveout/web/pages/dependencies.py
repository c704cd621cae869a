"""The Dependencies graph page."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from carveout.web import views
from carveout.web.deps import Context
from carveout.web.pages.render import render

router = APIRouter()


@router.get("/dependencies", response_class=HTMLResponse)
def dependencies_page(request: Request, ctx: Context) -> HTMLResponse:
    graph = views.dependencies_data(ctx)
    return render(request, "dependencies.html", page="dependencies", title="Dependencies", g=graph)
