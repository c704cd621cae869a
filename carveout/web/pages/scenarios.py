"""The Scenarios page: two or more scenarios side by side."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from carveout.web import views
from carveout.web.deps import AsOf
from carveout.web.pages.render import render
from carveout.web.views import SeenContext

router = APIRouter()


@router.get("/scenarios", response_class=HTMLResponse)
def scenarios_page(
    request: Request,
    ctx: SeenContext,
    compare: Annotated[list[str], Query(max_length=12)] = [],  # noqa: B006 - FastAPI copies it
    as_of: AsOf = None,
) -> HTMLResponse:
    data = views.scenarios_data(ctx, compare=compare, as_of=as_of)
    return render(
        request,
        "scenarios.html",
        page="scenarios",
        title="Scenarios",
        data=data,
        data_date_asked=data.as_of,
    )
