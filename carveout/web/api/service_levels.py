"""``/api/service-levels``: the Service levels page's twin."""

from __future__ import annotations

from fastapi import APIRouter

from carveout.web.deps import AsOf, PlanAsOf, ScenarioCode
from carveout.web.pages.service_levels import AgreementCode
from carveout.web.queries.service_levels import ServiceLevelsPage, service_levels_page
from carveout.web.views import SeenContext

router = APIRouter(tags=["pages"])


@router.get("/service-levels")
def get_service_levels(
    ctx: SeenContext,
    scenario: ScenarioCode = None,
    as_of: AsOf = None,
    agreement: AgreementCode = None,
    plan_as_of: PlanAsOf = None,
) -> ServiceLevelsPage:
    """Each service level month by month (met, breached or not measured), the breaches and
    the credits they earn, each line's credits after its cap, and the charges net of credits
    by agreement and paying party and by month (the Service levels page)."""
    return service_levels_page(
        ctx, requested=scenario, as_of=as_of, agreement=agreement, plan_from=plan_as_of
    )
