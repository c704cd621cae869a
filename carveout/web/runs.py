"""Starting a new plan from the dashboard: check the request, then solve on a thread.

A run plans as of a data date, exactly as ``carveout plan`` does: the
scenario's previous plan steadies it, the plans of the other scenarios stored
as of the same date are starting points (``known``), and the plan is saved with
its data date and the fingerprint of the portfolio it was made from.

The context a run is started with is the one its principal sees: a scenario it
may not see is not found, and another party's private plans are never among the
``known`` plans (a plan of a private scenario is itself private, by its code).
Only principals who may run the engines (:func:`carveout.access.policy.runs_engines`)
start one.
"""

from __future__ import annotations

from datetime import date
from typing import Any
from urllib.parse import urlencode

from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from carveout.access import Principal
from carveout.access.policy import runs_engines
from carveout.domain import Objective, Scenario
from carveout.errors import Forbidden, NotFound
from carveout.planning.plan import Plan
from carveout.web.deps import WebContext
from carveout.web.jobs import JobStatus, Report
from carveout.web.queries.scope import load_plan, plan_as_of


class PlanRequest(BaseModel):
    """``POST /api/plans``: plan ``scenario`` again as of a data date, optionally with another
    deadline or objective."""

    model_config = ConfigDict(extra="forbid")

    scenario: str = Field(min_length=1, max_length=64)
    as_of: date | None = Field(
        None,
        description="Data date to plan as of (YYYY-MM-DD); default: the scenario's pinned "
        "date, else today",
    )
    deadline: date | None = None
    objective: Objective | None = None


def _assumptions(ctx: WebContext, request: PlanRequest) -> Scenario:
    portfolio = ctx.portfolio.get()
    scenario = portfolio.scenario_by_code.get(request.scenario)
    if scenario is None:
        known = ", ".join(portfolio.scenario_by_code) or "none yet"
        raise NotFound(
            f"There is no scenario {request.scenario!r} to plan; known scenarios: {known}. "
            "Add it on the Edit page or in the workbook."
        )
    changes: dict[str, Any] = {}
    if request.deadline is not None:
        changes["deadline"] = request.deadline
    if request.objective is not None:
        changes["objective"] = request.objective
    # Validate again so a deadline before the scenario's start is a 422, not a solver error.
    try:
        return Scenario.model_validate({**scenario.model_dump(), **changes})
    except ValidationError as error:
        raise RequestValidationError(
            [
                {
                    "loc": ("body", *(e["loc"] or ("deadline",))),
                    "msg": str(e["msg"]).removeprefix("Value error, "),
                    "type": e["type"],
                    "input": str(request.deadline),
                }
                for e in error.errors(include_url=False)
            ]
        ) from error


def known_plans(ctx: WebContext, *, scenario: str, as_of: date) -> list[Plan]:
    """The latest plan of every other scenario stored as of ``as_of``."""
    others = [c for c in ctx.results.scenarios_with("plan") if c != scenario]
    return [found.value for c in sorted(others) if (found := plan_as_of(ctx.results, c, as_of))]


def start_plan(ctx: WebContext, *, request: PlanRequest, principal: Principal) -> JobStatus:
    """Queue planning as of the data date (run on a background thread when a slot is free)
    and return the job to poll: the one already queued or running when the same scenario,
    data date, deadline and objective were asked for already."""
    scenario = _assumptions(ctx, request)
    if not runs_engines(principal, scenario):
        raise Forbidden(f"A {principal.role.value} cannot run the planner.")
    portfolio = ctx.portfolio.get()
    as_of = scenario.data_date(request.as_of, ctx.today())
    previous = load_plan(ctx.results, scenario.code)
    known = known_plans(ctx, scenario=scenario.code, as_of=as_of)

    def work(report: Report) -> str:
        from carveout.planning.planner import plan_scenario

        planner = ctx.planner or plan_scenario

        def on_progress(progress: Any) -> None:
            report(f"best £{progress.objective:,.0f}, gap {progress.gap * 100:.1f}%")

        plan: Plan = planner(
            portfolio=portfolio,
            scenario=scenario,
            as_of=as_of,
            time_limit=ctx.plan_seconds,
            previous=previous,
            known=known,
            on_progress=on_progress,
        )
        ctx.store.save_result(
            scenario=scenario.code,
            kind="plan",
            payload=plan.model_dump(mode="json"),
            actor=principal.name,
            as_of=plan.as_of,
            fingerprint=plan.fingerprint,
        )
        finish = f", finishing {plan.finish:%d %b %Y}" if plan.finish else ""
        return f"Plan {plan.status} as of {plan.as_of:%d %b %Y}{finish}"

    query = urlencode({"scenario": scenario.code, "as_of": as_of.isoformat()})
    return ctx.jobs.start(
        kind="plan",
        scenario=scenario.code,
        as_of=as_of,
        budget_seconds=ctx.plan_seconds * 1.5 + 2,
        work=work,
        result_url=f"/plan?{query}",
        # The same plan asked for again while queued or running is the same run.
        variant=(request.deadline, request.objective),
        actor=principal.name,
        organisation=principal.organisation,
    )
