"""Starting a risk forecast, a cost allocation or the pack from their pages without scripts:
start, then show the page, which polls the run."""

from __future__ import annotations

from datetime import date
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Form
from fastapi.responses import RedirectResponse

from carveout.web.deps import AS_OF_HELP
from carveout.web.engine_runs import (
    CostsRequest,
    PackRequest,
    RiskRequest,
    start_costs,
    start_pack,
    start_risk,
)
from carveout.web.jobs import JobStatus
from carveout.web.views import SeenContext, Writer

router = APIRouter()
Code = Annotated[str, Form(min_length=1, max_length=64)]
Day = Annotated[date | None, Form(description=AS_OF_HELP)]


def _back(path: str, job: JobStatus, anchor: str) -> RedirectResponse:
    query = {"scenario": job.scenario, **({"as_of": job.as_of.isoformat()} if job.as_of else {})}
    return RedirectResponse(f"{path}?{urlencode(query)}#{anchor}", status_code=303)


@router.post("/risk/run")
def run_risk_form(
    ctx: SeenContext,
    principal: Writer,
    scenario: Code,
    as_of: Day = None,
    runs: Annotated[int, Form(ge=100, le=1_000_000)] = 10_000,
    seed: Annotated[int, Form(ge=0, le=2**31 - 1)] = 0,
) -> RedirectResponse:
    request = RiskRequest(scenario=scenario, as_of=as_of, runs=runs, seed=seed)
    return _back("/risk", start_risk(ctx, request=request, principal=principal), "run-risk")


@router.post("/costs/run")
def run_costs_form(ctx: SeenContext, principal: Writer) -> RedirectResponse:
    start_costs(ctx, request=CostsRequest(), principal=principal)
    return RedirectResponse("/costs#run-costs", status_code=303)


@router.post("/pack/run")
def run_pack_form(
    ctx: SeenContext, principal: Writer, scenario: Code, as_of: Day = None
) -> RedirectResponse:
    request = PackRequest(scenario=scenario, as_of=as_of)
    return _back("/pack", start_pack(ctx, request=request, principal=principal), "run-pack")
