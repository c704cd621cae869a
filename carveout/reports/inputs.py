"""What a report is made from: the portfolio, the scenario's results as of the data date, the
baseline and the last report.

A stored plan or forecast is used only when it was made as of the report's
data date from the portfolio as it is now (same fingerprint); otherwise one is
computed with modest settings (:class:`ComputeSettings`) and the report says
why. An engine that cannot produce its result leaves that part of the report
empty, with the reason, so a report can always be written for a loaded
portfolio.
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
from carveout.planning.sweep_result import SWEEP, Sweep, read_sweep
from carveout.reports.formatting import uk_date
from carveout.reports.snapshot import Snapshot, baseline_for
from carveout.risk.forecast import Forecast
from carveout.risk.run import run_risk
from carveout.storage import Store

M = TypeVar("M", Plan, Forecast, CostReport)

COSTS_SCENARIO = "portfolio"
"""Cost reports cover the whole portfolio; ``carveout costs`` stores them under this name."""

BASELINE = "baseline"
"""The result kind of a scenario's baseline: a copy of the plan the board approved."""


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
    baseline: Plan | None = None
    sweep: Sweep | None = None


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


def _load(model: type[M], payload: dict[str, Any] | None) -> M | None:
    if payload is None:
        return None
    try:
        return model.model_validate(payload)
    except ValidationError:
        # A result saved by an older version that no longer reads: compute afresh instead.
        return None


def _why_not(result: Plan | Forecast | None, *, what: str, as_of: date, fingerprint: str) -> str:
    """Why a stored result cannot be used for a report as of ``as_of`` ('' when it can)."""
    if result is None:
        return f"no {what} as of {uk_date(as_of)} was saved"
    if result.as_of != as_of:
        return f"the saved {what} is as of {uk_date(result.as_of)}, not {uk_date(as_of)}"
    if result.fingerprint != fingerprint:
        return f"the saved {what} was made before the portfolio last changed"
    return ""


def _obtain(
    *,
    found: M | None,
    why: str,
    kind: str,
    what: str,
    compute: Callable[[], M] | None,
    how: str,
    sources: list[Source],
) -> M | None:
    if found is not None and not why:
        sources.append(Source(kind, "stored", f"The {what} is the one saved for this date."))
        return found
    if compute is None:
        sources.append(Source(kind, "missing", f"There is no {what}: {how}."))
        return None
    try:
        result = compute()
    except CarveoutError as error:
        sources.append(Source(kind, "missing", f"The {what} could not be computed: {error}"))
        return None
    sources.append(Source(kind, "computed", f"{why.capitalize()}, so this report made one {how}."))
    return result


def _latest(store: Store, scenario: str, kind: str, as_of: date) -> dict[str, Any] | None:
    """The newest ``kind`` result as of ``as_of``, else the newest of any date."""
    return store.latest_result(scenario=scenario, kind=kind, as_of=as_of) or store.latest_result(
        scenario=scenario, kind=kind
    )


def gather_inputs(
    *,
    store: Store,
    scenario: str | None,
    as_of: date | None,
    compute_missing: bool = True,
    settings: ComputeSettings | None = None,
    today: date | None = None,
) -> Inputs:
    """The portfolio and, as of the data date, the scenario's plan and forecast; the cost
    report, the baseline and the last report.

    The data date is ``as_of``, else the scenario's pinned one, else ``today``.
    """
    cfg = settings or ComputeSettings()
    portfolio = store.load()
    if not portfolio.services:
        raise CarveoutError(
            "The portfolio is empty: load one with `carveout import FILE` or `carveout demo`."
        )
    chosen = choose_scenario(store=store, portfolio=portfolio, name=scenario)
    as_of = chosen.data_date(as_of, today or date.today())
    code, fingerprint = chosen.code, portfolio.fingerprint
    sources: list[Source] = []
    stored_plan = _load(Plan, _latest(store, code, "plan", as_of))
    why = _why_not(stored_plan, what="plan", as_of=as_of, fingerprint=fingerprint)
    plan = _obtain(
        found=stored_plan,
        why=why,
        kind="plan",
        what="plan",
        compute=(
            lambda: plan_scenario(
                portfolio=portfolio,
                scenario=chosen,
                as_of=as_of,
                time_limit=cfg.time_limit,
                workers=cfg.workers,
                seed=cfg.seed,
            )
        )
        if compute_missing
        else None,
        how=f"as of {uk_date(as_of)} with a {cfg.time_limit:g}-second search (run `carveout "
        f"plan --scenario {code} --as-of {as_of.isoformat()}` for the plan of record)",
        sources=sources,
    )
    usable = plan if plan is not None and plan.feasible else None
    stored_forecast = _load(Forecast, _latest(store, code, "risk", as_of))
    why = _why_not(stored_forecast, what="risk forecast", as_of=as_of, fingerprint=fingerprint)
    if not why and plan is not stored_plan:
        why = "the saved risk forecast was made from another plan"
    forecast = _obtain(
        found=stored_forecast,
        why=why,
        kind="risk",
        what="risk forecast",
        compute=(
            (lambda: run_risk(portfolio=portfolio, plan=usable, runs=cfg.runs, seed=cfg.seed))
            if compute_missing and usable is not None
            else None
        ),
        how=f"from {cfg.runs:,} simulated runs (run `carveout risk --scenario {code} --as-of "
        f"{as_of.isoformat()}` for more)"
        if usable is not None
        else "it needs a feasible plan",
        sources=sources,
    )
    costs = _costs(store, portfolio, cfg, compute_missing, sources)
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
        baseline=_load(Plan, store.latest_result(scenario=code, kind=BASELINE)),
        sweep=read_sweep(store.latest_result(scenario=code, kind=SWEEP, as_of=as_of)),
    )


def _costs(
    store: Store,
    portfolio: Portfolio,
    cfg: ComputeSettings,
    compute_missing: bool,
    sources: list[Source],
) -> CostReport | None:
    stored = _load(CostReport, store.latest_result(scenario=COSTS_SCENARIO, kind="costs"))
    info = next(iter(store.results(kind="costs")), None)
    why = "no cost allocation was saved"
    if stored is not None:
        changed = info is not None and info.fingerprint not in (None, portfolio.fingerprint)
        why = (
            "the saved cost allocation was made before the portfolio last changed"
            if changed
            else ""
        )
    return _obtain(
        found=stored,
        why=why,
        kind="costs",
        what="cost allocation",
        compute=(lambda: cost_report(portfolio=portfolio, samples=cfg.samples, seed=cfg.seed))
        if compute_missing and portfolio.cost_pools
        else None,
        how="with every method (run `carveout costs` to save it)"
        if portfolio.cost_pools
        else "the portfolio has no cost pools",
        sources=sources,
    )
