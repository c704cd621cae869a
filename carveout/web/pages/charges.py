"""The Charges page: expected charges against invoices, services × months."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse
from pydantic import StringConstraints

from carveout.web import charts
from carveout.web.deps import AsOf, BlankIsUnset, PlanAsOf, ScenarioCode
from carveout.web.pages.render import render
from carveout.web.queries.charges import charges_page, chart_rows
from carveout.web.templating import kept
from carveout.web.views import SeenContext

router = APIRouter()

Code = Annotated[str, StringConstraints(max_length=64)]

AgreementCode = Annotated[
    Code | None, BlankIsUnset, Query(description="Only this agreement's charges.")
]
TrancheCode = Annotated[
    Code | None, BlankIsUnset, Query(description="Only the charges of this tranche.")
]
PartyCode = Annotated[
    Code | None, BlankIsUnset, Query(description="Only the charges this party pays.")
]
Month = Annotated[
    date | None, BlankIsUnset, Query(description="Only the month holding this day (YYYY-MM-DD).")
]
Tolerance = Annotated[
    float,
    Query(ge=0, le=1_000_000, description="Pounds an invoice may differ before it is flagged."),
]


@router.get("/charges", response_class=HTMLResponse)
def charges_html(
    request: Request,
    ctx: SeenContext,
    scenario: ScenarioCode = None,
    as_of: AsOf = None,
    agreement: AgreementCode = None,
    tranche: TrancheCode = None,
    party: PartyCode = None,
    month: Month = None,
    tolerance: Tolerance = 1.0,
    plan_as_of: PlanAsOf = None,
) -> HTMLResponse:
    data = charges_page(
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
    spec = charts.bars(
        chart_rows(data), x="pounds", y="month", color="series", x_title="£", x_format=",.0f"
    )
    return render(
        request,
        "charges.html",
        page="charges",
        title="Charges",
        choice=data.scenario,
        data=data,
        charts={"months": spec},
        keep=kept(request),
    )
