"""The JSON twins of the pages: each returns what its page shows."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from carveout.web import views
from carveout.web.deps import Context
from carveout.web.queries.agreements import AgreementTimeline
from carveout.web.queries.costs import CostsView
from carveout.web.queries.dependencies import DependencyGraph
from carveout.web.queries.overview import Overview
from carveout.web.queries.plan import PlanView
from carveout.web.queries.risk import RiskView
from carveout.web.queries.scenarios import ScenarioComparison
from carveout.web.queries.services import ServiceDetail, ServiceFilter, ServiceList

router = APIRouter(tags=["pages"])
Scenario = Annotated[str | None, Query(max_length=64, description="Scenario code")]


@router.get("/overview")
def get_overview(ctx: Context, scenario: Scenario = None) -> Overview:
    """The programme at a glance (the Overview page)."""
    return views.overview_data(ctx, requested=scenario)


@router.get("/services")
def get_services(ctx: Context, f: Annotated[ServiceFilter, Query()]) -> ServiceList:
    """Services matching the filters, sorted (the Services page)."""
    return views.services_data(ctx, filters=f)


@router.get("/services/{code:path}")
def get_service(ctx: Context, code: str, scenario: Scenario = None) -> ServiceDetail:
    """One service with its dependencies, agreements, migration, plan and forecast."""
    return views.service_data(ctx, code=code, requested=scenario)


@router.get("/dependencies")
def get_dependencies(ctx: Context) -> DependencyGraph:
    """The dependency graph laid out in layers, with its groups (the Dependencies page)."""
    return views.dependencies_data(ctx)


@router.get("/agreements")
def get_agreements(ctx: Context) -> AgreementTimeline:
    """Agreements, tranches and their deadlines (the Agreements page)."""
    return views.agreements_data(ctx)


@router.get("/plan")
def get_plan(ctx: Context, scenario: Scenario = None) -> PlanView:
    """The scenario's latest plan with capacity use (the Plan page)."""
    return views.plan_data(ctx, requested=scenario)


@router.get("/risk")
def get_risk(ctx: Context, scenario: Scenario = None) -> RiskView:
    """The scenario's latest risk forecast (the Risk page)."""
    return views.risk_data(ctx, requested=scenario)


@router.get("/scenarios")
def get_scenarios(
    ctx: Context,
    compare: Annotated[list[str], Query(max_length=12)] = [],  # noqa: B006
) -> ScenarioComparison:
    """Scenarios side by side (every known one when ``compare`` is not given)."""
    return views.scenarios_data(ctx, compare=compare)


@router.get("/costs")
def get_costs(ctx: Context, scenario: Scenario = None) -> CostsView:
    """The latest cost report: allocations by method, subsidy findings, ledger (the Costs page)."""
    return views.costs_data(ctx, requested=scenario)
