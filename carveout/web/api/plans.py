"""Starting a plan and polling background runs."""

from __future__ import annotations

from fastapi import APIRouter

from carveout.errors import NotFound
from carveout.web.deps import Actor, Context
from carveout.web.jobs import JobStatus
from carveout.web.runs import PlanRequest, start_plan

router = APIRouter(tags=["runs"])


@router.post("/plans", status_code=202)
def post_plan(ctx: Context, actor: Actor, body: PlanRequest) -> JobStatus:
    """Plan a scenario as of a data date (``as_of``; default: its pinned date, else today) on a
    background thread, as ``carveout plan`` does; poll ``/api/jobs/{id}`` for progress."""
    return start_plan(ctx, request=body, actor=actor)


@router.get("/jobs/{job_id}")
def get_job(ctx: Context, job_id: int) -> JobStatus:
    """Where a background run is; ``result_url`` names the page to show once done."""
    status = ctx.jobs.get(job_id)
    if status is None:
        raise NotFound(f"There is no run {job_id} in this server (runs are kept until restart).")
    return status
