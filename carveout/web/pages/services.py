"""The Services catalogue and one service's page."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from carveout.web import views
from carveout.web.deps import AsOf, ScenarioCode
from carveout.web.pages.render import render
from carveout.web.queries.services import ServiceFilter
from carveout.web.views import SeenContext

router = APIRouter()


@router.get("/services", response_class=HTMLResponse)
def services_page(
    request: Request, ctx: SeenContext, f: Annotated[ServiceFilter, Query()]
) -> HTMLResponse:
    data = views.services_data(ctx, filters=f)
    selected = {
        "host": f.host,
        "consumer": f.consumer,
        "team": f.team,
        "disposition": f.disposition.value if f.disposition else "",
        "status": str(getattr(f.status, "value", f.status or "")),
    }
    return render(
        request,
        "services.html",
        page="services",
        title="Services",
        choice=data.scenario,
        data=data,
        f=f,
        selected=selected,
    )


@router.get("/services/{code:path}", response_class=HTMLResponse)
def service_page(
    request: Request, ctx: SeenContext, code: str, scenario: ScenarioCode = None, as_of: AsOf = None
) -> HTMLResponse:
    data = views.service_data(ctx, code=code, requested=scenario, as_of=as_of)
    return render(
        request,
        "service.html",
        page="services",
        title=f"{code} · {data.service.name}",
        choice=data.scenario,
        data=data,
    )
