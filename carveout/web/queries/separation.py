"""The Costs page's separation section and ``/api/separation``: the four kinds of cost by
month and party, and the itemised claim for reasonable costs beside the settlement."""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import BaseModel

from carveout.costs.separation_cost import STRANDED_MONTHS
from carveout.costs.separation_report import separation_json, separation_report
from carveout.web.deps import WebContext
from carveout.web.inputs import scope
from carveout.web.queries.costs import load_costs
from carveout.web.queries.scope import ScenarioChoice


class SeparationView(BaseModel):
    """What the section shows (see :func:`carveout.costs.separation_report.separation_json`):
    ``totals`` per kind and party, ``months`` per month, kind and party, ``claims``.

    ``day_rate`` is a rate given for every team (None: each team's recorded rate);
    ``rate_source`` is ``given``, ``teams``, ``partly`` or ``none`` and ``rate_basis``
    says it in words; ``unpriced_days`` of ``unpriced_teams``' work have no rate."""

    scenario: ScenarioChoice
    as_of: date
    basis: str
    day_rate: float | None
    rate_source: str
    rate_basis: str
    unpriced_days: float
    unpriced_teams: list[str]
    period_months: int
    names: dict[str, str]
    totals: list[dict[str, Any]]
    months: list[dict[str, Any]]
    claims: list[dict[str, Any]]


def separation_data(
    ctx: WebContext,
    *,
    requested: str | None,
    as_of: date | None,
    day_rate: float | None = None,
    months: int = STRANDED_MONTHS,
) -> SeparationView:
    s = scope(ctx, requested=requested, as_of=as_of)
    _, found = load_costs(ctx.results, s.choice.code)
    report = separation_report(
        portfolio=s.seen,
        plan=s.plan_value,
        as_of=s.as_of,
        costs=found.value if found else None,
        day_rate=day_rate,
        period=months,
        rate_origin="given in the request",
    )
    shape = separation_json(report)
    return SeparationView(
        scenario=s.choice,
        as_of=s.as_of,
        basis=shape["basis"],
        day_rate=day_rate,
        rate_source=shape["rate_source"],
        rate_basis=shape["rate_basis"],
        unpriced_days=shape["unpriced_days"],
        unpriced_teams=shape["unpriced_teams"],
        period_months=months,
        names=report.names,
        totals=shape["totals"],
        months=shape["months"],
        claims=shape["claims"],
    )


def separation_charts(view: SeparationView) -> dict[str, dict[str, Any]]:
    """One stacked monthly chart per party, keyed ``separation0``, ``separation1``, …"""
    from carveout.costs.separation_cost import KIND_LABELS, Kind
    from carveout.web.separation_chart import separation_chart

    parties = sorted({m["party"] for m in view.months})
    return {
        f"separation{i}": separation_chart(
            [
                {
                    "month": m["month"],
                    "kind": KIND_LABELS[Kind(m["kind"])],
                    "basis": "actual" if m["actual"] else "forecast",
                    "amount": m["amount"],
                }
                for m in view.months
                if m["party"] == party
            ]
        )
        for i, party in enumerate(parties)
    }
