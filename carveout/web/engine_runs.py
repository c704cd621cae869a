"""Starting a risk forecast, a cost allocation or the governance pack from the dashboard.

Each goes through the same queue as a plan run (:mod:`carveout.web.jobs`), is deduplicated the
same way (the same kind, scenario, data date and settings asked for while one is queued or
running is that run) and stores its result exactly as its command does, so the command line
and the dashboard show the same figures:

- a forecast as ``carveout risk`` stores it (kind ``risk``, with its data date and the
  portfolio's fingerprint), from the scenario's plan made as of the data date; its progress
  is the simulated runs done out of those asked for;
- a cost allocation as ``carveout costs`` stores it (scenario ``portfolio``, kind ``costs``,
  every method, with the fingerprint); its progress is the pool being allocated;
- the pack as ``carveout report`` writes it (HTML, PDF and the plan workbook, into the
  dashboard's output folder, with the ``report`` snapshot); its progress is the stage reached.

Only principals who may run the engines start one (:func:`carveout.access.policy.runs_engines`
for a scenario; the route's :data:`~carveout.web.views.Writer` for the cost allocation, which
belongs to no scenario); a scenario the principal may not see is not found.
"""

from __future__ import annotations

import hashlib
import re
from datetime import date
from pathlib import Path
from urllib.parse import urlencode

from pydantic import BaseModel, ConfigDict, Field

from carveout.access import Principal
from carveout.access.policy import runs_engines
from carveout.domain import Scenario
from carveout.errors import CarveoutError, Forbidden, NotFound
from carveout.formatting import uk_date
from carveout.reports.inputs import COSTS_SCENARIO
from carveout.web.deps import WebContext
from carveout.web.jobs import JobStatus, Report
from carveout.web.queries.scope import plan_as_of

PACK_FORMATS = ("pdf", "html", "xlsx")
"""What a pack run writes: the PDF, its HTML twin and the plan workbook."""
PACK_FOLDER = "packs"
"""Where, under the dashboard's output folder, packs are written (one folder per scenario)."""


class RiskRequest(BaseModel):
    """``POST /api/risk-runs``: simulate the scenario's plan made as of a data date."""

    model_config = ConfigDict(extra="forbid")

    scenario: str = Field(min_length=1, max_length=64)
    as_of: date | None = Field(
        None, description="Data date (YYYY-MM-DD); default: the scenario's pinned date, else today"
    )
    runs: int = Field(10_000, ge=100, le=1_000_000, description="Simulated projects")
    seed: int = Field(0, ge=0, le=2**31 - 1, description="Same seed, same forecast")
    confidence: float = Field(0.8, gt=0, lt=1, description="Confidence of recommended tranches")
    driver_runs: int = Field(
        5_000,
        ge=0,
        le=50_000,
        description="Runs for the drivers and mitigations in days and pounds, at most the runs "
        "(0: skip them)",
    )


class CostsRequest(BaseModel):
    """``POST /api/cost-runs``: allocate every cost pool by every method, as ``carveout costs``."""

    model_config = ConfigDict(extra="forbid")

    year: int | None = Field(None, ge=1900, le=2200, description="Year (latest by default)")


class PackRequest(BaseModel):
    """``POST /api/packs``: write the governance pack of a scenario as of a data date."""

    model_config = ConfigDict(extra="forbid")

    scenario: str = Field(min_length=1, max_length=64)
    as_of: date | None = Field(
        None, description="Data date (YYYY-MM-DD); default: the scenario's pinned date, else today"
    )


def _scenario(ctx: WebContext, code: str, principal: Principal, what: str) -> Scenario:
    """The scenario ``code`` as ``principal`` sees it, if it may run ``what`` on it."""
    portfolio = ctx.portfolio.get()
    scenario = portfolio.scenario_by_code.get(code)
    if scenario is None:
        known = ", ".join(portfolio.scenario_by_code) or "none yet"
        raise NotFound(f"There is no scenario {code!r}; known scenarios: {known}.")
    if not runs_engines(principal, scenario):
        raise Forbidden(f"A {principal.role.value} cannot run {what}.")
    return scenario


def _page(path: str, scenario: str, as_of: date) -> str:
    return f"{path}?{urlencode({'scenario': scenario, 'as_of': as_of.isoformat()})}"


def start_risk(ctx: WebContext, *, request: RiskRequest, principal: Principal) -> JobStatus:
    """Queue the simulation of the scenario's plan as of the data date; the job to poll."""
    scenario = _scenario(ctx, request.scenario, principal, "the risk simulation")
    as_of = scenario.data_date(request.as_of, ctx.today())
    found = plan_as_of(ctx.results, scenario.code, as_of)
    if found is None:
        raise CarveoutError(
            f"Scenario {scenario.code!r} has no plan as of {uk_date(as_of)} to simulate: run "
            "a plan as of that date first."
        )
    portfolio, plan = ctx.portfolio.get(), found.value

    def work(report: Report) -> str:
        from carveout.risk.run import run_risk

        def progress(done: int, total: int) -> None:
            report(f"{done:,} of {total:,} runs", done / max(total, 1))

        forecast = run_risk(
            portfolio=portfolio,
            plan=plan,
            runs=request.runs,
            seed=request.seed,
            confidence=request.confidence,
            stop_early=True,
            progress=progress,
            impact_runs=min(request.driver_runs, request.runs),
        )
        ctx.store.save_result(
            scenario=scenario.code,
            kind="risk",
            payload=forecast.model_dump(mode="json"),
            actor=principal.name,
            as_of=forecast.as_of,
            fingerprint=forecast.fingerprint,
        )
        return f"Forecast as of {uk_date(forecast.as_of)} from {forecast.runs:,} runs"

    return ctx.jobs.start(
        kind="risk",
        scenario=scenario.code,
        as_of=as_of,
        budget_seconds=5 + request.runs / 2_000,
        work=work,
        result_url=_page("/risk", scenario.code, as_of),
        variant=(request.runs, request.seed, request.confidence, found.id),
        actor=principal.name,
        organisation=principal.organisation,
    )


def start_costs(ctx: WebContext, *, request: CostsRequest, principal: Principal) -> JobStatus:
    """Queue the cost allocation of the whole portfolio; the job to poll."""
    portfolio = ctx.portfolio.get()
    if not portfolio.services:
        raise CarveoutError("The portfolio has nothing to cost: import a catalogue first.")

    def work(report: Report) -> str:
        from carveout.costs.report import cost_report

        def stage(text: str, done: int, stages: int) -> None:
            report(text, done / stages)

        costed = cost_report(portfolio=portfolio, year=request.year, on_stage=stage)
        ctx.store.save_result(
            scenario=COSTS_SCENARIO,
            kind="costs",
            payload=costed.model_dump(mode="json"),
            actor=principal.name,
            fingerprint=portfolio.fingerprint,
        )
        return f"Allocated {len(costed.pools)} cost pool(s) by every method"

    return ctx.jobs.start(
        kind="costs",
        scenario=COSTS_SCENARIO,
        budget_seconds=30,
        work=work,
        result_url="/costs",
        variant=request.year,
        actor=principal.name,
        organisation=principal.organisation,
    )


def pack_folder(ctx: WebContext, scenario: str) -> Path:
    """Where the dashboard writes the packs of ``scenario``: a folder of its own, named so
    that no code (which may hold ``/`` or ``.``) leads out of the packs' folder."""
    digest = hashlib.sha256(scenario.encode()).hexdigest()[:8]
    return ctx.output_dir / PACK_FOLDER / f"{re.sub(r'[^A-Za-z0-9_-]', '-', scenario)}-{digest}"


def start_pack(ctx: WebContext, *, request: PackRequest, principal: Principal) -> JobStatus:
    """Queue writing the pack of the scenario as of the data date; the job to poll."""
    from carveout.reports.build import stages, write_report

    scenario = _scenario(ctx, request.scenario, principal, "the governance pack")
    as_of = scenario.data_date(request.as_of, ctx.today())
    steps = stages(PACK_FORMATS)

    def work(report: Report) -> str:
        def stage(text: str) -> None:
            done = steps.index(text) if text in steps else 0
            report(f"{text} ({done + 1} of {len(steps)})", done / len(steps))

        files = write_report(
            store=ctx.store,
            scenario=scenario.code,
            as_of=as_of,
            out=pack_folder(ctx, scenario.code),
            actor=principal.name,
            formats=PACK_FORMATS,
            on_stage=stage,
        )
        return f"Pack as of {uk_date(files.pack.as_of)}: {files.pack.status.rating.upper()}"

    return ctx.jobs.start(
        kind="pack",
        scenario=scenario.code,
        as_of=as_of,
        budget_seconds=60,
        work=work,
        result_url=_page("/pack", scenario.code, as_of),
        actor=principal.name,
        organisation=principal.organisation,
    )
