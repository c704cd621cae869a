"""The notice calendar page and its iCalendar download."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from carveout.reports.ical import to_ics
from carveout.web import views
from carveout.web.deps import AsOf, ScenarioCode
from carveout.web.pages.render import render
from carveout.web.views import SeenContext

router = APIRouter()

Within = Annotated[
    int | None,
    Query(ge=0, le=36_500, description="Only what is overdue or falls due within this many days."),
]


@router.get("/calendar", response_class=HTMLResponse)
def calendar_page(
    request: Request,
    ctx: SeenContext,
    scenario: ScenarioCode = None,
    as_of: AsOf = None,
    within: Within = None,
) -> HTMLResponse:
    data = views.calendar_data(ctx, requested=scenario, as_of=as_of, within=within)
    return render(
        request,
        "calendar.html",
        page="calendar",
        title="Calendar",
        choice=data.scenario,
        data=data,
    )


@router.get("/calendar.ics")
def calendar_ics(
    ctx: SeenContext, scenario: ScenarioCode = None, as_of: AsOf = None, within: Within = None
) -> Response:
    """The same dates as an iCalendar file, to add to a calendar."""
    data = views.calendar_data(ctx, requested=scenario, as_of=as_of, within=within)
    body = to_ics(
        data.actions,
        stamp=datetime.now(UTC),
        name=f"carveout notices: {data.scenario.name}",
    )
    filename = f"carveout-notices-{data.scenario.as_of.isoformat()}.ics"
    return Response(
        body.encode("utf-8"),
        media_type="text/calendar; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
