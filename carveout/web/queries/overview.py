"""The programme at a glance: what is still hosted, what ends next, its cost and risks."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel

from carveout.domain import MigrationStatus, Portfolio, RaidKind, RaidStatus
from carveout.planning.plan import Plan
from carveout.web.queries.progress import (
    BurnDownPoint,
    HostedPair,
    burn_down,
    hosted_pairs,
    moved_by,
    moving_services,
)
from carveout.web.queries.scope import ScenarioChoice, months_between


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
    """The Overview page and ``GET /api/overview``."""

    scenario: ScenarioChoice
    today: date
    plan_status: str | None
    plan_finish: date | None
    deadline: date | None
    services: int
    moving: int
    in_progress: int
    cut_over: int
    hosted_now: int
    hosted_pairs: list[HostedPair]
    burn_down: list[BurnDownPoint]
    tranches_due: list[TrancheDue]
    exposure: float
    plan_hosting_cost: float | None
    hosting_cost_p80: float | None
    top_risks: list[RiskItem]


def overview(
    *,
    portfolio: Portfolio,
    scenario: ScenarioChoice,
    plan: Plan | None,
    today: date,
    tranche_probability: dict[str, float] | None = None,
    hosting_cost_p80: float | None = None,
    limit: int = 6,
) -> Overview:
    """Summarise the programme on ``today`` from the portfolio and the scenario's results."""
    probability = tranche_probability or {}
    moved = moved_by(portfolio, date.fromordinal(today.toordinal() + 1))
    moving = moving_services(portfolio)
    statuses = [m.status for m in portfolio.migrations]
    due = sorted((t for t in portfolio.tranches if t.end >= today), key=lambda t: t.end)
    tranches = [
        TrancheDue(
            code=t.code,
            agreement=t.agreement,
            name=t.name or t.code,
            end=t.end,
            days_left=(t.end - today).days,
            services=len(t.services),
            still_hosted=sum(1 for s in t.services if s not in moved),
            monthly_charge=t.monthly_charge,
            probability=probability.get(t.code),
        )
        for t in due[:limit]
    ]
    exposure = sum(t.monthly_charge * months_between(max(today, t.start), t.end) for t in due)
    risks = sorted(
        (r for r in portfolio.raid if r.kind is RaidKind.RISK and r.status is RaidStatus.OPEN),
        key=lambda r: (-(r.probability * (r.delay_days + r.cost_impact / 1000)), r.code),
    )
    scenario_record = portfolio.scenario_by_code.get(scenario.code)
    return Overview(
        scenario=scenario,
        today=today,
        plan_status=plan.status if plan else None,
        plan_finish=plan.finish if plan else None,
        deadline=(plan.deadline if plan else None)
        or (scenario_record.deadline if scenario_record else None),
        services=len(portfolio.services),
        moving=len(moving),
        in_progress=statuses.count(MigrationStatus.IN_PROGRESS),
        cut_over=sum(1 for s in moving if s.code in moved),
        hosted_now=sum(1 for s in moving if s.code not in moved),
        hosted_pairs=hosted_pairs(portfolio, today=today),
        burn_down=burn_down(portfolio, plan, today=today),
        tranches_due=tranches,
        exposure=exposure,
        plan_hosting_cost=plan.hosting_cost if plan else None,
        hosting_cost_p80=hosting_cost_p80,
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
