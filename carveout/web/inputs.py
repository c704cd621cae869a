"""What a page is made from: its scenario, its data date, and the results stored as of that date.

A page shows the plan and the forecast made *as of its data date* (never one
made as of another date), labelled stale when the portfolio has changed since,
and the portfolio as it stood on that date (:func:`carveout.domain.portfolio_as_of`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from carveout.domain import Portfolio, Scenario, portfolio_as_of
from carveout.errors import CarveoutError, NotFound
from carveout.planning.plan import Plan
from carveout.risk.forecast import Forecast
from carveout.web.cache import Stored
from carveout.web.deps import WebContext
from carveout.web.queries.scope import (
    ResultNote,
    ScenarioChoice,
    assumptions,
    baseline_of,
    choose_scenario,
    forecast_as_of,
    note,
    plan_as_of,
)
from carveout.web.queries.standing import Standing, standing


@dataclass(frozen=True, slots=True)
class Scope:
    """One scenario as of one data date: its records, the portfolio then, and its results."""

    choice: ScenarioChoice
    scenario: Scenario
    portfolio: Portfolio
    seen: Portfolio
    plan: Stored[Plan] | None
    forecast: Stored[Forecast] | None
    baseline: Stored[Plan] | None

    @property
    def as_of(self) -> date:
        return self.choice.as_of

    @property
    def plan_value(self) -> Plan | None:
        return self.plan.value if self.plan else None

    @property
    def forecast_value(self) -> Forecast | None:
        return self.forecast.value if self.forecast else None

    def plan_note(self) -> ResultNote | None:
        return note(self.plan, kind="plan", fingerprint=self.portfolio.fingerprint)

    def forecast_note(self) -> ResultNote | None:
        return note(self.forecast, kind="risk forecast", fingerprint=self.portfolio.fingerprint)

    def baseline_note(self) -> ResultNote | None:
        return note(self.baseline, kind="baseline", fingerprint=self.portfolio.fingerprint)


def seen_on(ctx: WebContext, day: date) -> Portfolio:
    """The portfolio as it stood on ``day``, built once per portfolio version and date."""
    return ctx.portfolio.derived(f"seen:{day.isoformat()}", lambda p: portfolio_as_of(p, day))


def choose(ctx: WebContext, *, requested: str | None, as_of: date | None) -> ScenarioChoice:
    """The scenario asked for (else the default) and the data date asked for (else its own)."""
    return choose_scenario(
        portfolio=ctx.portfolio.get(),
        results=ctx.results,
        requested=requested,
        as_of=as_of,
        today=ctx.today(),
    )


def scope_of(ctx: WebContext, choice: ScenarioChoice) -> Scope:
    """The records and results of ``choice``'s scenario as of its data date."""
    portfolio = ctx.portfolio.get()
    plan = plan_as_of(ctx.results, choice.code, choice.as_of)
    return Scope(
        choice=choice,
        scenario=assumptions(portfolio, choice.code, plan.value if plan else None, choice.as_of),
        portfolio=portfolio,
        seen=seen_on(ctx, choice.as_of),
        plan=plan,
        forecast=forecast_as_of(ctx.results, choice.code, choice.as_of),
        baseline=baseline_of(ctx.results, choice.code),
    )


def scope(
    ctx: WebContext, *, requested: str | None, as_of: date | None, plan_from: date | None = None
) -> Scope:
    """The scope of the requested scenario and date; with ``plan_from`` (no later than the
    data date), its plan is the one saved as of that earlier date, as the CLI's
    ``--plan-as-of``: facts as of the data date, exits as planned then."""
    found = scope_of(ctx, choose(ctx, requested=requested, as_of=as_of))
    if plan_from is None or plan_from == found.as_of:
        return found
    code = found.choice.code
    if plan_from > found.as_of:
        raise CarveoutError(
            f"The plan's date {plan_from:%d %b %Y} is after the data date "
            f"{found.as_of:%d %b %Y}: choose a plan made as of the data date or before it."
        )
    earlier = plan_as_of(ctx.results, code, plan_from)
    if earlier is None:
        raise NotFound(
            f"No plan of {code} is saved as of {plan_from:%d %b %Y}: plan it as of that date "
            f"(carveout plan --scenario {code} --as-of {plan_from.isoformat()})."
        )
    return replace(found, plan=earlier)


def standing_of(ctx: WebContext, scope: Scope) -> Standing:
    """The pack's figures for ``scope``, computed once per portfolio version and inputs."""
    ids = [found.id if found else 0 for found in (scope.plan, scope.forecast, scope.baseline)]
    key = f"standing:{scope.choice.code}:{scope.as_of.isoformat()}:{ids}"
    return ctx.portfolio.derived(
        key,
        lambda portfolio: standing(
            portfolio=portfolio,
            scenario=scope.scenario,
            as_of=scope.as_of,
            plan=scope.plan_value,
            forecast=scope.forecast_value,
            baseline=scope.baseline.value if scope.baseline else None,
        ),
    )
