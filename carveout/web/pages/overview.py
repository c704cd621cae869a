"""The Overview page."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from carveout.web import charts, views
from carveout.web.deps import Context
from carveout.web.pages.render import render
from carveout.web.queries.progress import BurnDownPoint

router = APIRouter()


def burn_rows(points: list[BurnDownPoint]) -> list[dict[str, Any]]:
    """The burn-down pivoted to one row per month with a plan and an actual column."""
    rows: dict[Any, dict[str, Any]] = {}
    for p in points:
        rows.setdefault(p.month, {"month": p.month, "plan": None, "actual": None})[p.series] = (
            p.services
        )
    return [rows[m] for m in sorted(rows)]


@router.get("/", response_class=HTMLResponse)
def overview_page(request: Request, ctx: Context, scenario: str | None = None) -> HTMLResponse:
    data = views.overview_data(ctx, requested=scenario)
    burn = charts.burn_down([p.model_dump(mode="json") for p in data.burn_down], today=data.today)
    return render(
        request,
        "overview.html",
        page="overview",
        title="Overview",
        data=data,
        burn_rows=burn_rows(data.burn_down),
        charts={"burn": burn},
    )
