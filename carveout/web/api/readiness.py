"""``/api/readiness``: the Readiness page's twin."""

from __future__ import annotations

from fastapi import APIRouter

from carveout.web.deps import AsOf, ScenarioCode
from carveout.web.pages.readiness import ServiceCode
from carveout.web.queries.readiness import ReadinessPage, readiness_page
from carveout.web.views import SeenContext

router = APIRouter(tags=["pages"])


@router.get("/readiness")
def get_readiness(
    ctx: SeenContext, scenario: ScenarioCode = None, as_of: AsOf = None, service: ServiceCode = None
) -> ReadinessPage:
    """Each service's exit gate: its criteria with owner, due date, status and evidence, what
    blocks it, the go/no-go decision, and the planned cut-over beside it (the Readiness page)."""
    return readiness_page(ctx, requested=scenario, as_of=as_of, service=service)
