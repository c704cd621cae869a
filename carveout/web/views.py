"""Gather what each page needs from the context and call its query.

Each function here is what one HTML page and its ``/api`` twin both call, so
the two can never disagree.
"""

from __future__ import annotations

from carveout.errors import NotFound
from carveout.web.deps import WebContext
from carveout.web.queries.agreements import AgreementTimeline, agreement_timeline
from carveout.web.queries.costs import CostsView, costs_view, load_costs
from carveout.web.queries.dependencies import DependencyGraph, dependency_graph
from carveout.web.queries.overview import Overview, overview
from carveout.web.queries.plan import PlanView, plan_view
from carveout.web.queries.risk import (
    RiskView,
    headline,
    load_forecast,
    risk_view,
    service_forecast,
)
from carveout.web.queries.scenarios import ScenarioComparison, scenario_column
from carveout.web.queries.scope import ScenarioChoice, choose_scenario, load_plan
from carveout.web.queries.services import (
    ServiceDetail,
    ServiceFilter,
    ServiceList,
    list_services,
    service_detail,
)


def scenario(ctx: WebContext, requested: str | None) -> ScenarioChoice:
    return choose_scenario(portfolio=ctx.portfolio.get(), results=ctx.results, requested=requested)


def overview_data(ctx: WebContext, *, requested: str | None) -> Overview:
    choice = scenario(ctx, requested)
    probabilities, p80 = headline(ctx.results, choice.code)
    return overview(
        portfolio=ctx.portfolio.get(),
        scenario=choice,
        plan=load_plan(ctx.results, choice.code),
        today=ctx.today(),
        tranche_probability=probabilities,
        hosting_cost_p80=p80,
    )


def services_data(ctx: WebContext, *, filters: ServiceFilter) -> ServiceList:
    choice = scenario(ctx, filters.scenario)
    return list_services(
        portfolio=ctx.portfolio.get(), plan=load_plan(ctx.results, choice.code), filters=filters
    )


def service_data(ctx: WebContext, *, code: str, requested: str | None) -> ServiceDetail:
    choice = scenario(ctx, requested)
    return service_detail(
        portfolio=ctx.portfolio.get(),
        code=code,
        plan=load_plan(ctx.results, choice.code),
        forecast=service_forecast(ctx.results, choice.code, code),
    )


def dependencies_data(ctx: WebContext) -> DependencyGraph:
    return ctx.portfolio.derived("graph", lambda p: dependency_graph(portfolio=p))


def agreements_data(ctx: WebContext) -> AgreementTimeline:
    return agreement_timeline(portfolio=ctx.portfolio.get(), today=ctx.today())


def plan_data(ctx: WebContext, *, requested: str | None) -> PlanView:
    choice = scenario(ctx, requested)
    plan = load_plan(ctx.results, choice.code)
    result = ctx.results.latest_id(scenario=choice.code, kind="plan")
    # Capacity use spreads every migration over the months: compute it once per
    # portfolio version and plan, not on every request.
    view = ctx.portfolio.derived(
        f"plan:{choice.code}:{result}",
        lambda p: plan_view(portfolio=p, scenario=choice, plan=plan, running=None),
    )
    return view.model_copy(update={"running": ctx.jobs.running(choice.code)})


def risk_data(ctx: WebContext, *, requested: str | None) -> RiskView:
    choice = scenario(ctx, requested)
    return risk_view(scenario=choice, forecast=load_forecast(ctx.results, choice.code))


def scenarios_data(ctx: WebContext, *, compare: list[str]) -> ScenarioComparison:
    """The scenarios named in ``compare`` (every known one, up to six, when empty)."""
    portfolio = ctx.portfolio.get()
    available = scenario(ctx, None).available
    unknown = [c for c in compare if c not in available]
    if unknown:
        raise NotFound(
            f"Unknown scenario(s): {', '.join(unknown)}; known: {', '.join(available) or 'none'}."
        )
    chosen = list(dict.fromkeys(compare)) or available[:6]
    return ScenarioComparison(
        available=available,
        columns=[
            scenario_column(
                portfolio=portfolio,
                code=code,
                plan=load_plan(ctx.results, code),
                forecast=load_forecast(ctx.results, code),
            )
            for code in chosen
        ],
    )


def costs_data(ctx: WebContext, *, requested: str | None) -> CostsView:
    choice = scenario(ctx, requested)
    source, report = load_costs(ctx.results, choice.code)
    return costs_view(scenario=choice, source=source, report=report)
