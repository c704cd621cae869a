"""The Plan page, and starting a plan from it without JavaScript."""

from __future__ import annotations

from datetime import date
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from carveout.domain import Objective
from carveout.web import charts, views
from carveout.web.deps import AS_OF_HELP, AsOf, ScenarioCode
from carveout.web.pages.render import render
from carveout.web.runs import PlanRequest, start_plan
from carveout.web.views import SeenContext, Writer

router = APIRouter()


@router.get("/plan", response_class=HTMLResponse)
def plan_page(
    request: Request, ctx: SeenContext, scenario: ScenarioCode = None, as_of: AsOf = None
) -> HTMLResponse:
    data = views.plan_data(ctx, requested=scenario, as_of=as_of)
    specs = {}
    if data.rows:
        specs["gantt"] = charts.gantt([r.model_dump(mode="json") for r in data.rows])
        specs["capacity"] = charts.capacity([c.model_dump(mode="json") for c in data.capacity])
    return render(
        request,
        "plan.html",
        page="plan",
        title="Plan",
        choice=data.scenario,
        data=data,
        charts=specs,
    )


@router.post("/plan/run")
def run_plan_form(
    ctx: SeenContext,
    principal: Writer,
    scenario: Annotated[str, Form(min_length=1, max_length=64)],
    objective: Annotated[Objective | None, Form()] = None,
    deadline: Annotated[date | None, Form()] = None,
    as_of: Annotated[date | None, Form(description=AS_OF_HELP)] = None,
) -> RedirectResponse:
    """The form's fallback when scripts are off: start, then show the page that polls."""
    job = start_plan(
        ctx,
        request=PlanRequest(scenario=scenario, as_of=as_of, deadline=deadline, objective=objective),
        principal=principal,
    )
    query = {"scenario": job.scenario, **({"as_of": job.as_of.isoformat()} if job.as_of else {})}
    return RedirectResponse(f"/plan?{urlencode(query)}#run", status_code=303)
