"""Gather what each page needs from the context and call its query.

Each function here is what one HTML page and its ``/api`` twin both call, so
the two can never disagree. Every one takes the scenario asked for and the data
date asked for (``as_of``; None: the scenario's pinned date, else today).

Every route takes its context through :data:`SeenContext`: the context as the
request's principal may see it (its portfolio without other parties' private
scenarios, its results without theirs), so no page or API route can show what
the policy hides. Routes that change anything take the principal through
:data:`Writer`, which refuses viewers and auditors before any work is done; the
store rules each change itself.
"""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import date
from typing import Annotated

from fastapi import Depends, Request

from carveout.access import Principal
from carveout.access.policy import sees_result
from carveout.access.principal import Scope
from carveout.errors import Forbidden, NotFound
from carveout.web.deps import Context, PrincipalDep, WebContext
from carveout.web.inputs import choose, scope, scope_of, standing_of
from carveout.web.queries.agreements import AgreementTimeline, agreement_timeline
from carveout.web.queries.calendar import CalendarView, calendar_view, due_soon
from carveout.web.queries.costs import CostsView, costs_view, load_costs
from carveout.web.queries.dependencies import DependencyGraph, dependency_graph, seen_as_of
from carveout.web.queries.overview import Overview, overview
from carveout.web.queries.plan import PlanView, capacity_use, plan_view
from carveout.web.queries.proposals import ProposalRow, Status, proposal_rows, wanted
from carveout.web.queries.risk import RiskView, risk_view, service_forecast
from carveout.web.queries.scenarios import ScenarioComparison, scenario_column
from carveout.web.queries.scope import note
from carveout.web.queries.services import (
    ServiceDetail,
    ServiceFilter,
    ServiceList,
    list_services,
    service_detail,
)

COMPARED = 6
"""How many scenarios the Scenarios page compares when none are named."""


def seen_context(ctx: Context, principal: PrincipalDep) -> WebContext:
    """The context as ``principal`` may see it: the one filter every route reads through."""
    whole = ctx.portfolio.whole()
    return replace(
        ctx,
        portfolio=ctx.portfolio.seen_by(principal),
        results=ctx.results.seen_by(lambda code: sees_result(principal, code, whole)),
    )


def writer(principal: PrincipalDep) -> Principal:
    """The principal of a request that changes something; 403 for one who changes nothing."""
    if principal.scope is Scope.READ:
        raise Forbidden("This API token is read-only: it cannot change anything.")
    if not principal.writes:
        raise Forbidden(f"A {principal.role.value} changes nothing in the portfolio.")
    return principal


def request_id(request: Request) -> str:
    """The request's id, as the audit trail records it (made here when no middleware set one)."""
    found = getattr(request.state, "request_id", None)
    if not isinstance(found, str):
        found = uuid.uuid4().hex
        request.state.request_id = found
    return found


SeenContext = Annotated[WebContext, Depends(seen_context)]
Writer = Annotated[Principal, Depends(writer)]
RequestId = Annotated[str, Depends(request_id)]


def overview_data(ctx: WebContext, *, requested: str | None, as_of: date | None) -> Overview:
    s = scope(ctx, requested=requested, as_of=as_of)
    found = overview(
        seen=s.seen,
        scenario=s.choice,
        standing=standing_of(ctx, s),
        plan=s.plan_value,
        forecast=s.forecast_value,
        notes=(s.plan_note(), s.forecast_note(), s.baseline_note()),
    )
    dates = due_soon(seen=s.seen, scenario=s.choice, plan=s.plan_value)
    return found.model_copy(update={"dates_due": dates})


def services_data(ctx: WebContext, *, filters: ServiceFilter) -> ServiceList:
    s = scope(ctx, requested=filters.scenario, as_of=filters.as_of)
    return list_services(
        portfolio=s.seen,
        scenario=s.choice,
        plan=s.plan_value,
        filters=filters,
        plan_note=s.plan_note(),
    )


def service_data(
    ctx: WebContext, *, code: str, requested: str | None, as_of: date | None
) -> ServiceDetail:
    s = scope(ctx, requested=requested, as_of=as_of)
    return service_detail(
        portfolio=s.seen,
        scenario=s.choice,
        code=code,
        plan=s.plan_value,
        forecast=service_forecast(s.forecast_value, code),
        notes=(s.plan_note(), s.forecast_note()),
    )


def dependencies_data(
    ctx: WebContext, *, requested: str | None, as_of: date | None
) -> DependencyGraph:
    s = scope(ctx, requested=requested, as_of=as_of)
    graph = ctx.portfolio.derived("graph", lambda p: dependency_graph(portfolio=p))
    return seen_as_of(graph, portfolio=s.seen, scenario=s.choice)


def agreements_data(
    ctx: WebContext, *, requested: str | None, as_of: date | None
) -> AgreementTimeline:
    choice = choose(ctx, requested=requested, as_of=as_of)
    return agreement_timeline(portfolio=ctx.portfolio.get(), scenario=choice)


def calendar_data(
    ctx: WebContext, *, requested: str | None, as_of: date | None, within: int | None
) -> CalendarView:
    s = scope(ctx, requested=requested, as_of=as_of)
    return calendar_view(
        seen=s.seen,
        scenario=s.choice,
        plan=s.plan_value,
        plan_note=s.plan_note(),
        within=within,
    )


def plan_data(ctx: WebContext, *, requested: str | None, as_of: date | None) -> PlanView:
    s = scope(ctx, requested=requested, as_of=as_of)
    plan = s.plan_value
    factor = s.scenario.capacity_factor
    # Capacity use spreads every migration over the months: work it out once per
    # portfolio version and plan, not on every request.
    capacity = (
        ctx.portfolio.derived(
            f"capacity:{s.plan.id}:{factor}", lambda p: capacity_use(p, plan, factor)
        )
        if s.plan is not None and plan is not None
        else []
    )
    return plan_view(
        portfolio=s.portfolio,
        scenario=s.choice,
        plan=plan,
        standing=standing_of(ctx, s),
        capacity=capacity,
        plan_note=s.plan_note(),
        stored_dates=ctx.results.dates(scenario=s.choice.code, kind="plan"),
        running=ctx.jobs.running(s.choice.code, as_of=s.as_of, kind="plan"),
    )


def risk_data(ctx: WebContext, *, requested: str | None, as_of: date | None) -> RiskView:
    s = scope(ctx, requested=requested, as_of=as_of)
    status = standing_of(ctx, s).status
    return risk_view(
        scenario=s.choice,
        forecast=s.forecast_value,
        forecast_note=s.forecast_note(),
        stored_dates=ctx.results.dates(scenario=s.choice.code, kind="risk"),
        p_meet_deadline=status.p_meet_deadline,
        deadline_passed=status.deadline_passed,
    )


def scenarios_data(
    ctx: WebContext, *, compare: list[str], as_of: date | None
) -> ScenarioComparison:
    """The scenarios named in ``compare`` (every known one, up to six, when empty), each as of
    ``as_of``, else as of its own data date."""
    available = choose(ctx, requested=None, as_of=as_of).available
    unknown = [c for c in compare if c not in available]
    if unknown:
        raise NotFound(
            f"Unknown scenario(s): {', '.join(unknown)}; known: {', '.join(available) or 'none'}."
        )
    columns = []
    for code in list(dict.fromkeys(compare)) or available[:COMPARED]:
        s = scope_of(ctx, choose(ctx, requested=code, as_of=as_of))
        columns.append(
            scenario_column(
                portfolio=s.portfolio,
                code=code,
                as_of=s.as_of,
                plan=s.plan_value,
                forecast=s.forecast_value,
                standing=standing_of(ctx, s),
                plan_note=s.plan_note(),
                forecast_note=s.forecast_note(),
            )
        )
    return ScenarioComparison(as_of=as_of, available=available, columns=columns)


def costs_data(ctx: WebContext, *, requested: str | None, as_of: date | None) -> CostsView:
    choice = choose(ctx, requested=requested, as_of=as_of)
    source, found = load_costs(ctx.results, choice.code)
    fingerprint = ctx.portfolio.get().fingerprint
    return costs_view(
        scenario=choice,
        source=source,
        report=found.value if found else None,
        costs_note=note(found, kind="cost allocation", fingerprint=fingerprint),
    )


def proposals_data(ctx: WebContext, *, principal: Principal, status: Status) -> list[ProposalRow]:
    """Proposals (``open``, ``decided`` or ``all``), newest first, with what ``principal`` may
    do about each."""
    return proposal_rows(principal, ctx.store.proposals(status=wanted(status)))
