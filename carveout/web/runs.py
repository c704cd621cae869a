"""Starting a new plan from the dashboard: check the request, then solve on a thread."""

from __future__ import annotations

from datetime import date
from typing import Any
from urllib.parse import quote

from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from carveout.domain import Objective, Scenario
from carveout.errors import NotFound
from carveout.planning.plan import Plan
from carveout.web.deps import WebContext
from carveout.web.jobs import JobStatus, Report
from carveout.web.queries.scope import load_plan


class PlanRequest(BaseModel):
    """``POST /api/plans``: plan ``scenario`` again, optionally with another deadline/objective."""

    model_config = ConfigDict(extra="forbid")

    scenario: str = Field(min_length=1, max_length=64)
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


def start_plan(ctx: WebContext, *, request: PlanRequest, actor: str) -> JobStatus:
    """Start planning on a background thread and return the job to poll."""
    scenario = _assumptions(ctx, request)
    portfolio = ctx.portfolio.get()
    previous = load_plan(ctx.results, scenario.code)

    def work(report: Report) -> str:
        from carveout.planning.planner import plan_scenario

        planner = ctx.planner or plan_scenario

        def on_progress(progress: Any) -> None:
            report(f"best £{progress.objective:,.0f}, gap {progress.gap * 100:.1f}%")

        plan: Plan = planner(
            portfolio=portfolio,
            scenario=scenario,
            time_limit=ctx.plan_seconds,
            previous=previous,
            on_progress=on_progress,
        )
        ctx.store.save_result(
            scenario=scenario.code, kind="plan", payload=plan.model_dump(mode="json"), actor=actor
        )
        finish = f", finishing {plan.finish:%d %b %Y}" if plan.finish else ""
        return f"Plan {plan.status}{finish}"

    return ctx.jobs.start(
        kind="plan",
        scenario=scenario.code,
        budget_seconds=ctx.plan_seconds * 1.5 + 2,
        work=work,
        result_url=f"/plan?scenario={quote(scenario.code)}",
    )
