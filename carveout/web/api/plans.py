"""Starting a plan and polling background runs."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path

from carveout.errors import NotFound
from carveout.web.jobs import JobStatus
from carveout.web.runs import PlanRequest, start_plan
from carveout.web.views import SeenContext, Writer

router = APIRouter(tags=["runs"])


@router.post("/plans", status_code=202)
def post_plan(ctx: SeenContext, principal: Writer, body: PlanRequest) -> JobStatus:
    """Plan a scenario as of a data date (``as_of``; default: its pinned date, else today) on a
    background thread, as ``carveout plan`` does; poll ``/api/jobs/{id}`` for progress. Only
    users who may change the portfolio run the planner, on scenarios they may see."""
    return start_plan(ctx, request=body, principal=principal)


@router.get("/jobs/{job_id}")
def get_job(ctx: SeenContext, job_id: Annotated[int, Path(ge=0, le=2**31 - 1)]) -> JobStatus:
    """Where a background run is; ``result_url`` names the page to show once done. A run of a
    scenario the caller may not see is not found."""
    status = ctx.jobs.get(job_id)
    if status is None or not ctx.results.sees(status.scenario):
        raise NotFound(
            f"There is no run {job_id} (finished runs are kept for a while, then forgotten)."
        )
    return status
