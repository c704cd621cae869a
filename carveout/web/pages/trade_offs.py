"""The Trade-offs page: a sweep's frontier of cost against exit date, and what a month and a
person are worth."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from carveout.web.deps import AsOf, ScenarioCode
from carveout.web.pages.render import render
from carveout.web.queries.trade_offs import frontier_spec, trade_offs_data
from carveout.web.views import SeenContext

router = APIRouter()


@router.get("/trade-offs", response_class=HTMLResponse)
def trade_offs_page(
    request: Request, ctx: SeenContext, scenario: ScenarioCode = None, as_of: AsOf = None
) -> HTMLResponse:
    data = trade_offs_data(ctx, requested=scenario, as_of=as_of)
    return render(
        request,
        "trade_offs.html",
        page="trade-offs",
        title="Trade-offs",
        choice=data.scenario,
        data=data,
        charts={"frontier": frontier_spec(data.sweep)} if data.sweep else {},
    )
