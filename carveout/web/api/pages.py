"""The JSON twins of the pages: each returns what its page shows."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from carveout.web import views
from carveout.web.api import charges, readiness, separation, service_levels
from carveout.web.deps import AsOf, ScenarioCode
from carveout.web.pages.calendar import Within
from carveout.web.pages.risk import JointBudget, JointBy
from carveout.web.queries.agreements import AgreementTimeline
from carveout.web.queries.calendar import CalendarView
from carveout.web.queries.costs import CostsView
from carveout.web.queries.dependencies import DependencyGraph
from carveout.web.queries.overview import Overview
from carveout.web.queries.plan import PlanView
from carveout.web.queries.risk import RiskView, choose_joint
from carveout.web.queries.scenarios import ScenarioComparison
from carveout.web.queries.services import ServiceDetail, ServiceFilter, ServiceList
from carveout.web.views import SeenContext

router = APIRouter(tags=["pages"])
router.include_router(charges.router)  # /charges, the Charges page's twin
router.include_router(readiness.router)  # /readiness, the Readiness page's twin
router.include_router(service_levels.router)  # /service-levels, the Service levels page's twin
router.include_router(separation.router)  # /separation, the Costs page's separation section


@router.get("/overview")
def get_overview(ctx: SeenContext, scenario: ScenarioCode = None, as_of: AsOf = None) -> Overview:
    """The programme at a glance on the data date: status, money, burn-down (the Overview
    page)."""
    return views.overview_data(ctx, requested=scenario, as_of=as_of)


@router.get("/services")
def get_services(ctx: SeenContext, f: Annotated[ServiceFilter, Query()]) -> ServiceList:
    """Services matching the filters, sorted (the Services page)."""
    return views.services_data(ctx, filters=f)


@router.get("/services/{code:path}")
def get_service(
    ctx: SeenContext, code: str, scenario: ScenarioCode = None, as_of: AsOf = None
) -> ServiceDetail:
    """One service with its dependencies, agreements, migration, plan and forecast."""
    return views.service_data(ctx, code=code, requested=scenario, as_of=as_of)


@router.get("/dependencies")
def get_dependencies(
    ctx: SeenContext, scenario: ScenarioCode = None, as_of: AsOf = None
) -> DependencyGraph:
    """The dependency graph laid out in layers, with its groups and each service's status as of
    the data date (the Dependencies page)."""
    return views.dependencies_data(ctx, requested=scenario, as_of=as_of)


@router.get("/agreements")
def get_agreements(
    ctx: SeenContext, scenario: ScenarioCode = None, as_of: AsOf = None
) -> AgreementTimeline:
    """Agreements, tranches and their deadlines, days counted from the data date (the Agreements
    page)."""
    return views.agreements_data(ctx, requested=scenario, as_of=as_of)


@router.get("/calendar")
def get_calendar(
    ctx: SeenContext, scenario: ScenarioCode = None, as_of: AsOf = None, within: Within = None
) -> CalendarView:
    """Every date on which someone must act, with the days left from the data date, overdue
    first (the Calendar page; ``/calendar.ics`` has the same dates as an iCalendar file)."""
    return views.calendar_data(ctx, requested=scenario, as_of=as_of, within=within)


@router.get("/plan")
def get_plan(ctx: SeenContext, scenario: ScenarioCode = None, as_of: AsOf = None) -> PlanView:
    """The scenario's plan made as of the data date, with capacity use, money and status (the
    Plan page)."""
    return views.plan_data(ctx, requested=scenario, as_of=as_of)


@router.get("/risk")
def get_risk(
    ctx: SeenContext,
    scenario: ScenarioCode = None,
    as_of: AsOf = None,
    by: JointBy = None,
    budget: JointBudget = None,
) -> RiskView:
    """The scenario's risk forecast made as of the data date (the Risk page); ``by`` and
    ``budget`` ask what each joint confidence level needs by that date and within that budget."""
    data = views.risk_data(ctx, requested=scenario, as_of=as_of)
    return choose_joint(data, by=by, budget=budget)


@router.get("/scenarios")
def get_scenarios(
    ctx: SeenContext,
    compare: Annotated[list[str], Query(max_length=12)] = [],  # noqa: B006
    as_of: AsOf = None,
) -> ScenarioComparison:
    """Scenarios side by side (every known one when ``compare`` is not given), each as of the
    data date given, else as of its own."""
    return views.scenarios_data(ctx, compare=compare, as_of=as_of)


@router.get("/costs")
def get_costs(ctx: SeenContext, scenario: ScenarioCode = None, as_of: AsOf = None) -> CostsView:
    """The latest cost report: allocations by method, subsidy findings, ledger (the Costs page)."""
    return views.costs_data(ctx, requested=scenario, as_of=as_of)
