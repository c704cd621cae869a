"""``/api/charges``: the Charges page's twin."""

from __future__ import annotations

from fastapi import APIRouter

from carveout.web.deps import AsOf, PlanAsOf, ScenarioCode
from carveout.web.pages.charges import AgreementCode, Month, PartyCode, Tolerance, TrancheCode
from carveout.web.queries.charges import ChargesPage, charges_page
from carveout.web.views import SeenContext

router = APIRouter(tags=["pages"])


@router.get("/charges")
def get_charges(
    ctx: SeenContext,
    scenario: ScenarioCode = None,
    as_of: AsOf = None,
    agreement: AgreementCode = None,
    month: Month = None,
    tolerance: Tolerance = 1.0,
    tranche: TrancheCode = None,
    party: PartyCode = None,
    plan_as_of: PlanAsOf = None,
) -> ChargesPage:
    """Each service's expected charge by month against the invoices received, the differences
    above the tolerance with their reason, and each paying party's cost against its budget
    (the Charges page)."""
    return charges_page(
        ctx,
        requested=scenario,
        as_of=as_of,
        agreement=agreement,
        month=month,
        tolerance=tolerance,
        tranche=tranche,
        party=party,
        plan_from=plan_as_of,
    )
