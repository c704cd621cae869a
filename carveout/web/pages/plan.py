"""The Plan page, and starting a plan from it without JavaScript."""

from __future__ import annotations

from datetime import date
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from carveout.domain import Objective
from carveout.web import charts, views
from carveout.web.deps import Actor, Context
from carveout.web.pages.render import render
from carveout.web.runs import PlanRequest, start_plan

router = APIRouter()


@router.get("/plan", response_class=HTMLResponse)
def plan_page(request: Request, ctx: Context, scenario: str | None = None) -> HTMLResponse:
    data = views.plan_data(ctx, requested=scenario)
    specs = {}
    if data.rows:
        specs["gantt"] = charts.gantt([r.model_dump(mode="json") for r in data.rows])
        specs["capacity"] = charts.capacity([c.model_dump(mode="json") for c in data.capacity])
    return render(request, "plan.html", page="plan", title="Plan", data=data, charts=specs)


@router.post("/plan/run")
def run_plan_form(
    ctx: Context,
    actor: Actor,
    scenario: Annotated[str, Form(min_length=1, max_length=64)],
    objective: Annotated[Objective | None, Form()] = None,
    deadline: Annotated[date | None, Form()] = None,
) -> RedirectResponse:
    """The form's fallback when scripts are off: start, then show the page that polls."""
    job = start_plan(
        ctx,
        request=PlanRequest(scenario=scenario, deadline=deadline, objective=objective),
        actor=actor,
    )
    return RedirectResponse(f"/plan?scenario={quote(job.scenario)}#run", status_code=303)
