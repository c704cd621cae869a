"""Starting a risk forecast, a cost allocation or the governance pack (polled at
``/api/jobs/{id}`` like a plan run)."""

from __future__ import annotations

from fastapi import APIRouter

from carveout.web.deps import AsOf, ScenarioCode
from carveout.web.engine_runs import (
    CostsRequest,
    PackRequest,
    RiskRequest,
    start_costs,
    start_pack,
    start_risk,
)
from carveout.web.jobs import JobStatus
from carveout.web.pages.pack import pack_data
from carveout.web.queries.pack import PackView
from carveout.web.views import SeenContext, Writer

router = APIRouter(tags=["runs"])


@router.post("/risk-runs", status_code=202)
def post_risk_run(ctx: SeenContext, principal: Writer, body: RiskRequest) -> JobStatus:
    """Simulate the scenario's plan made as of a data date on a background thread and store the
    forecast, as ``carveout risk`` does; poll ``/api/jobs/{id}``: its progress is the runs
    done out of those asked for."""
    return start_risk(ctx, request=body, principal=principal)


@router.post("/cost-runs", status_code=202)
def post_cost_run(ctx: SeenContext, principal: Writer, body: CostsRequest) -> JobStatus:
    """Allocate every cost pool by every method and store the report, as ``carveout costs``
    does; poll ``/api/jobs/{id}``: its progress is the pool being allocated."""
    return start_costs(ctx, request=body, principal=principal)


@router.post("/packs", status_code=202)
def post_pack(ctx: SeenContext, principal: Writer, body: PackRequest) -> JobStatus:
    """Write the governance pack (PDF, HTML and the plan workbook) of a scenario as of a data
    date, as ``carveout report`` does; poll ``/api/jobs/{id}``, then download it from
    ``/pack.pdf``, ``/pack.html`` or ``/pack.xlsx``."""
    return start_pack(ctx, request=body, principal=principal)


@router.get("/pack")
def get_pack(ctx: SeenContext, scenario: ScenarioCode = None, as_of: AsOf = None) -> PackView:
    """The newest pack made as of the data date (when, and whether stale) and the files the
    dashboard wrote for it, with their download URLs."""
    return pack_data(ctx, requested=scenario, as_of=as_of)
