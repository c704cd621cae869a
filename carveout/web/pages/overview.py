"""The Overview page."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from carveout.reports.contents import BurnPoint
from carveout.web import charts, views
from carveout.web.deps import AsOf, ScenarioCode
from carveout.web.pages.render import render
from carveout.web.views import SeenContext

router = APIRouter()


def burn_rows(points: list[BurnPoint]) -> tuple[list[str], list[dict[str, Any]]]:
    """The burn-down's series, and one row per day with a column for each series."""
    series = list(dict.fromkeys(p.series for p in points))
    rows: dict[Any, dict[str, Any]] = {}
    for p in points:
        rows.setdefault(p.day, {"day": p.day})[p.series] = p.services
    return series, [rows[d] for d in sorted(rows)]


@router.get("/", response_class=HTMLResponse)
def overview_page(
    request: Request, ctx: SeenContext, scenario: ScenarioCode = None, as_of: AsOf = None
) -> HTMLResponse:
    data = views.overview_data(ctx, requested=scenario, as_of=as_of)
    burn = charts.burn_down(
        [p.model_dump(mode="json") for p in data.burn_down], today=data.scenario.as_of
    )
    series, rows = burn_rows(data.burn_down)
    return render(
        request,
        "overview.html",
        page="overview",
        title="Overview",
        choice=data.scenario,
        data=data,
        burn_series=series,
        burn_rows=rows,
        charts={"burn": burn},
    )
