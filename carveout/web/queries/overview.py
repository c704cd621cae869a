"""The programme at a glance on the data date: status, money, what is still hosted, what ends
next and the top risks."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel

from carveout.domain import MigrationStatus, Portfolio, RaidKind, RaidStatus
from carveout.planning.plan import Plan
from carveout.reports.contents import BurnPoint, HostedLine, Status
from carveout.risk.forecast import Forecast
from carveout.web.queries.calendar import DueSoon
from carveout.web.queries.scope import ResultNote, ScenarioChoice
from carveout.web.queries.standing import MoneyLine, Standing


class TrancheDue(BaseModel):
    """A tranche still to end, with what it still hosts and the chance of leaving it in time."""

    code: str
    agreement: str
    name: str
    end: date
    days_left: int
    services: int
    still_hosted: int
    monthly_charge: float
    probability: float | None = None


class RiskItem(BaseModel):
    """An open risk and its expected impact."""

    code: str
    title: str
    owner: str
    probability: float
    delay_days: float
    cost_impact: float
    expected_delay: float
    services: list[str]


class Overview(BaseModel):
    """The Overview page and ``GET /api/overview``, as of ``scenario.as_of``.

    Counts, status, money, services hosted and the burn-down are the
    governance pack's figures for the same data date, plan and forecast;
    ``dates_due`` are the notice calendar's dates due in the next 30/60/90 days.
    """

    scenario: ScenarioChoice
    plan: ResultNote | None
    forecast: ResultNote | None
    baseline: ResultNote | None
    plan_status: str | None
    plan_finish: date | None
    deadline: date | None
    services: int
    moving: int
    in_progress: int
    cut_over: int
    hosted_now: int
    status: Status
    money: list[MoneyLine]
    hosted: list[HostedLine]
    burn_down: list[BurnPoint]
    tranches_due: list[TrancheDue]
    top_risks: list[RiskItem]
    dates_due: DueSoon | None = None


def overview(
    *,
    seen: Portfolio,
    scenario: ScenarioChoice,
    standing: Standing,
    plan: Plan | None,
    forecast: Forecast | None,
    notes: tuple[ResultNote | None, ResultNote | None, ResultNote | None] = (None, None, None),
    limit: int = 6,
) -> Overview:
    """Summarise the programme on the data date from ``seen`` (the portfolio as it stood then),
    the pack's ``standing`` and the plan and forecast made as of that date.

    ``notes`` label the plan, the forecast and the baseline.
    """
    as_of = scenario.as_of
    probability = {t.code: t.p_leave_by_end for t in forecast.tranches} if forecast else {}
    moved = {m.service for m in seen.migrations if m.status is MigrationStatus.CUT_OVER}
    due = sorted((t for t in seen.tranches if t.end >= as_of), key=lambda t: t.end)
    tranches = [
        TrancheDue(
            code=t.code,
            agreement=t.agreement,
            name=t.name or t.code,
            end=t.end,
            days_left=(t.end - as_of).days,
            services=len(t.services),
            still_hosted=sum(1 for s in t.services if s not in moved),
            monthly_charge=t.monthly_charge,
            probability=probability.get(t.code),
        )
        for t in due[:limit]
    ]
    risks = sorted(
        (r for r in seen.raid if r.kind is RaidKind.RISK and r.status is RaidStatus.OPEN),
        key=lambda r: (-(r.probability * (r.delay_days + r.cost_impact / 1000)), r.code),
    )
    status = standing.status
    plan_note, forecast_note, baseline_note = notes
    return Overview(
        scenario=scenario,
        plan=plan_note,
        forecast=forecast_note,
        baseline=baseline_note,
        plan_status=plan.status if plan else None,
        plan_finish=plan.finish if plan else None,
        deadline=status.deadline,
        services=len(seen.services),
        moving=status.moving,
        in_progress=status.in_progress,
        cut_over=status.done,
        hosted_now=status.moving - status.done,
        status=status,
        money=standing.money_lines,
        hosted=standing.hosted,
        burn_down=standing.burn_down,
        tranches_due=tranches,
        top_risks=[
            RiskItem(
                code=r.code,
                title=r.title,
                owner=r.owner,
                probability=r.probability,
                delay_days=r.delay_days,
                cost_impact=r.cost_impact,
                expected_delay=r.expected_delay,
                services=list(r.services),
            )
            for r in risks[:limit]
        ],
    )
