"""``/api/separation``: the Costs page's separation section as JSON."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from carveout.web.deps import AsOf, ScenarioCode
from carveout.web.queries.separation import SeparationView, separation_data
from carveout.web.views import SeenContext

router = APIRouter(tags=["pages"])


@router.get("/separation")
def get_separation(
    ctx: SeenContext,
    scenario: ScenarioCode = None,
    as_of: AsOf = None,
    day_rate: Annotated[
        float | None,
        Query(
            ge=0,
            description="Pounds per person-day of migration work, for every team instead of "
            "the teams' recorded day rates (none: each team's own rate).",
        ),
    ] = None,
    months: Annotated[
        int, Query(ge=0, le=120, description="Months of stranded cost and dual running.")
    ] = 12,
) -> SeparationView:
    """The separation cost in four kinds by month and party, actual and forecast against the
    budgets, and each ending agreement's itemised claim beside its settlement (the Costs
    page's separation section)."""
    return separation_data(ctx, requested=scenario, as_of=as_of, day_rate=day_rate, months=months)
