"""The Risk page: finish-date S-curve, tranche chances, hosting cost spread, drivers."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from carveout.risk.joint_chart import joint_spec
from carveout.web import charts, views
from carveout.web.deps import AsOf, ScenarioCode
from carveout.web.pages.render import render
from carveout.web.queries.risk import RiskView, choose_joint
from carveout.web.queries.risk_impacts import driver_bars, mitigation_bars
from carveout.web.views import SeenContext

router = APIRouter()

JointBy = Annotated[date | None, Query(description="Date for the joint confidence, YYYY-MM-DD")]
JointBudget = Annotated[float | None, Query(ge=0, description="Budget in pounds")]


def risk_charts(data: RiskView) -> dict[str, Any]:
    if data.forecast is None:
        return {}
    f = data.forecast
    return {
        "scurve": charts.s_curve([p.model_dump(mode="json") for p in data.s_curve]),
        "tranches": charts.bars(
            [
                {"tranche": f"{t.code} (ends {t.end:%d %b %Y})", "probability": t.p_leave_by_end}
                for t in f.tranches
            ],
            x="probability",
            y="tranche",
            x_title="Probability every service has left by the end",
            x_format="%",
        ),
        "cost": charts.histogram([b.model_dump() for b in data.histogram]),
        "tornado": charts.tornado([d.model_dump() for d in data.drivers]),
        **impact_charts(data),
        **({"joint": joint_spec(f.joint)} if f.joint is not None else {}),
    }


def impact_charts(data: RiskView) -> dict[str, Any]:
    """The ranked drivers (days each adds to the P80 finish) and what each mitigation buys."""
    if data.impacts is None:
        return {}
    out: dict[str, Any] = {}
    if data.impacts.drivers:
        out["impact_drivers"] = charts.bars(
            driver_bars(data.impacts),
            x="days",
            y="driver",
            x_title="Days each adds to the P80 finish",
        )
    if data.impacts.mitigations:
        out["impact_mitigations"] = charts.bars(
            mitigation_bars(data.impacts),
            x="days",
            y="mitigation",
            x_title="Days each mitigation brings the P80 finish forward",
        )
    return out


@router.get("/risk", response_class=HTMLResponse)
def risk_page(
    request: Request,
    ctx: SeenContext,
    scenario: ScenarioCode = None,
    as_of: AsOf = None,
    by: JointBy = None,
    budget: JointBudget = None,
) -> HTMLResponse:
    data = choose_joint(views.risk_data(ctx, requested=scenario, as_of=as_of), by=by, budget=budget)
    return render(
        request,
        "risk.html",
        page="risk",
        title="Risk",
        choice=data.scenario,
        data=data,
        charts=risk_charts(data),
        run=ctx.jobs.running(data.scenario.code, as_of=data.scenario.as_of, kind="risk"),
    )
