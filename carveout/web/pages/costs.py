"""The Costs page: each pool's allocation by every method, subsidy findings and the ledger."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from carveout.reports.inputs import COSTS_SCENARIO
from carveout.web import charts, views
from carveout.web.deps import AsOf, ScenarioCode
from carveout.web.pages.render import render
from carveout.web.queries.separation import separation_charts, separation_data
from carveout.web.views import SeenContext

router = APIRouter()


@router.get("/costs", response_class=HTMLResponse)
def costs_page(
    request: Request, ctx: SeenContext, scenario: ScenarioCode = None, as_of: AsOf = None
) -> HTMLResponse:
    data = views.costs_data(ctx, requested=scenario, as_of=as_of)
    specs = {}
    if data.report:
        for i, pool in enumerate(data.report.pools):
            rows = [c.model_dump() for c in data.cells if c.pool == pool.name]
            specs[f"pool{i}"] = charts.bars(
                rows,
                x="amount",
                y="party",
                color="method",
                x_title="Annual charge (£)",
                x_format=",.0f",
            )
    separation = separation_data(ctx, requested=scenario, as_of=as_of)
    specs.update(separation_charts(separation))
    return render(
        request,
        "costs.html",
        page="costs",
        title="Costs",
        choice=data.scenario,
        data=data,
        charts=specs,
        run=ctx.jobs.running(COSTS_SCENARIO, kind="costs"),
        separation=separation,
    )
