"""What a report is made from: the portfolio, the scenario's latest results, the last report.

Stored results are used as they are; a missing one is computed with modest
settings (:class:`ComputeSettings`) and the report says so. An engine that
cannot produce its result leaves that part of the report empty, with the
reason, so a report can always be written for a loaded portfolio.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

from pydantic import ValidationError

from carveout.costs.report import CostReport, cost_report
from carveout.domain import Portfolio, Scenario
from carveout.errors import CarveoutError, NotFound
from carveout.planning.plan import Plan
from carveout.planning.planner import plan_scenario
from carveout.reports.formatting import uk_date
from carveout.reports.snapshot import Snapshot, baseline_for
from carveout.risk.forecast import Forecast
from carveout.risk.run import run_risk
from carveout.storage import Store

M = TypeVar("M", Plan, Forecast, CostReport)

COSTS_SCENARIO = "portfolio"
"""Cost reports cover the whole portfolio; ``carveout costs`` stores them under this name."""


@dataclass(frozen=True, slots=True)
class ComputeSettings:
    """Engine settings for results the report must compute itself: quick, not exhaustive."""

    time_limit: float = 10.0
    workers: int = 1
    runs: int = 2_000
    samples: int = 5_000
    seed: int = 0


@dataclass(frozen=True, slots=True)
class Source:
    """Where one result came from: ``stored``, ``computed`` or ``missing``, in a sentence."""

    kind: str
    origin: str
    detail: str


@dataclass(frozen=True, slots=True)
class Inputs:
    """Everything a report or the plan workbook is made from."""

    portfolio: Portfolio
    scenario: Scenario
    as_of: date
    plan: Plan | None
    forecast: Forecast | None
    costs: CostReport | None
    previous: Snapshot | None
    sources: tuple[Source, ...]


def choose_scenario(
    *,
    store: Store,
    portfolio: Portfolio,
    name: str | None,
    latest_plan: Callable[[str], Plan | None] | None = None,
) -> Scenario:
    """The named scenario; else the default one, chosen as the dashboard chooses it.

    The default is the scenario whose latest plan fits (is feasible) and is the
    newest; else the one planned most recently; else the first in the
    portfolio (the only one, when there is one). A scenario no plan fits, such
    as a deadline already missed, is worth a look but not as the first thing
    shown. ``latest_plan`` reads a scenario's latest plan (default: from
    ``store``; a payload that no longer reads counts as no plan); the dashboard
    passes its cached reader so both apply this one rule.
    """
    codes = [s.code for s in portfolio.scenarios]
    if name is not None:
        if name not in portfolio.scenario_by_code:
            known = ", ".join(sorted(codes)) or "none"
            raise NotFound(f"No scenario {name!r}. Known scenarios: {known}.")
        return portfolio.scenario_by_code[name]
    if not codes:
        raise NotFound(
            "The portfolio has no scenario to report on: add one to the Scenarios sheet, "
            "or load the demonstration with `carveout demo`."
        )

    def stored(code: str) -> Plan | None:
        payload = store.latest_result(scenario=code, kind="plan")
        try:
            return Plan.model_validate(payload) if payload is not None else None
        except ValidationError:
            return None

    read = latest_plan or stored
    newest_first = [r.scenario for r in store.results(kind="plan")]
    planned = [c for c in dict.fromkeys(newest_first) if c in portfolio.scenario_by_code]
    for code in planned:
        plan = read(code)
        if plan is not None and plan.feasible:
            return portfolio.scenario_by_code[code]
    return portfolio.scenario_by_code[planned[0] if planned else codes[0]]


def _stored(store: Store, *, scenario: str, kind: str) -> tuple[dict[str, Any] | None, str]:
    payload = store.latest_result(scenario=scenario, kind=kind)
    if payload is None:
        return None, ""
    info = next((r for r in store.results(kind=kind) if r.scenario == scenario), None)
    when = f" on {uk_date(info.created.date())} by {info.actor}" if info else ""
    return payload, when


def _load(model: type[M], payload: dict[str, Any]) -> M | None:
    try:
        return model.model_validate(payload)
    except ValidationError:
        # A result saved by an older version that no longer reads: compute afresh instead.
        return None


def _obtain(
    *,
    store: Store,
    scenario: str,
    kind: str,
    model: type[M],
    what: str,
    compute: Callable[[], M] | None,
    how: str,
    sources: list[Source],
) -> M | None:
    payload, when = _stored(store, scenario=scenario, kind=kind)
    result = _load(model, payload) if payload is not None else None
    if result is not None:
        sources.append(Source(kind, "stored", f"The {what} is the one saved{when}."))
        return result
    if compute is None:
        sources.append(Source(kind, "missing", f"There is no {what}: {how}."))
        return None
    try:
        result = compute()
    except CarveoutError as error:
        sources.append(Source(kind, "missing", f"The {what} could not be computed: {error}"))
        return None
    sources.append(
        Source(kind, "computed", f"No {what} was saved, so this report computed one {how}.")
    )
    return result


def gather_inputs(
    *,
    store: Store,
    scenario: str | None,
    as_of: date,
    compute_missing: bool = True,
    settings: ComputeSettings | None = None,
) -> Inputs:
    """The portfolio, the scenario's latest plan, forecast and cost report, and the last report."""
    cfg = settings or ComputeSettings()
    portfolio = store.load()
    if not portfolio.services:
        raise CarveoutError(
            "The portfolio is empty: load one with `carveout import FILE` or `carveout demo`."
        )
    chosen = choose_scenario(store=store, portfolio=portfolio, name=scenario)
    code = chosen.code
    sources: list[Source] = []
    plan = _obtain(
        store=store,
        scenario=code,
        kind="plan",
        model=Plan,
        what="plan",
        compute=(
            lambda: plan_scenario(
                portfolio=portfolio,
                scenario=chosen,
                time_limit=cfg.time_limit,
                workers=cfg.workers,
                seed=cfg.seed,
            )
        )
        if compute_missing
        else None,
        how=f"with a {cfg.time_limit:g}-second search (run `carveout plan --scenario {code}` "
        "for the plan of record)",
        sources=sources,
    )
    usable = plan if plan is not None and plan.feasible else None
    forecast = _obtain(
        store=store,
        scenario=code,
        kind="risk",
        model=Forecast,
        what="risk forecast",
        compute=(
            (lambda: run_risk(portfolio=portfolio, plan=usable, runs=cfg.runs, seed=cfg.seed))
            if compute_missing and usable is not None
            else None
        ),
        how=f"from {cfg.runs:,} simulated runs (run `carveout risk --scenario {code}` for more)"
        if usable is not None
        else "it needs a feasible plan",
        sources=sources,
    )
    costs = _obtain(
        store=store,
        scenario=COSTS_SCENARIO,
        kind="costs",
        model=CostReport,
        what="cost allocation",
        compute=(lambda: cost_report(portfolio=portfolio, samples=cfg.samples, seed=cfg.seed))
        if compute_missing and portfolio.cost_pools
        else None,
        how="with every method (run `carveout costs` to save it)"
        if portfolio.cost_pools
        else "the portfolio has no cost pools",
        sources=sources,
    )
    latest = store.latest_result(scenario=code, kind="report")
    previous = baseline_for(
        Snapshot.model_validate(latest) if latest is not None else None, as_of=as_of
    )
    return Inputs(
        portfolio=portfolio,
        scenario=chosen,
        as_of=as_of,
        plan=plan,
        forecast=forecast,
        costs=costs,
        previous=previous,
        sources=tuple(sources),
    )
