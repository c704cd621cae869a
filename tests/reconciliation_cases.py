"""The portfolios the reconciliation tests plan, forecast, report and summarise, made once.

The demonstration (tsa-2023 as of 1 October 2021) and generated portfolios as of a year after
their start, one of them with progress recorded (work cut over, work under way, bridges
built and couplings the facts break).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from carveout.demo.generate import generate_portfolio
from carveout.demo.portfolio import demo_portfolio
from carveout.domain import Coupling, MigrationStatus, Portfolio, Scenario
from carveout.planning.plan import Plan
from carveout.planning.planner import plan_scenario
from carveout.portfolio.summary import Summary, summarise
from carveout.reports.contents import Pack
from carveout.reports.pack import build_pack
from carveout.risk.forecast import Forecast
from carveout.risk.run import run_risk

CASES = ("demo", "seed-3", "seed-8", "seed-9-progress")
"""The demonstration, and generated portfolios by seed (seed 8 has work under way)."""

DEMO_AS_OF = date(2021, 10, 1)


def with_progress(portfolio: Portfolio, as_of: date) -> Portfolio:
    """``portfolio`` with every sixth migration cut over and others under way (from eight weeks
    before ``as_of``, 40% complete), and the last two dependants of bridgeable links cut over
    while their providers are still hosted."""
    start = portfolio.scenarios[0].start
    ordered = sorted(portfolio.migrations, key=lambda m: m.service)
    free = {m.service for m in ordered if m.status == "not_started" and m.earliest_start is None}
    links = sorted(
        d.service
        for d in portfolio.dependencies
        if d.coupling is Coupling.BRIDGEABLE and {d.service, d.depends_on} <= free
    )
    done = {m.service for i, m in enumerate(ordered) if i % 6 == 0} | set(links[-2:])
    migrations = []
    for i, m in enumerate(ordered):
        if m.service in free and m.service in done:
            first = start + timedelta(days=7 * (i % 20))
            weeks = max(1, round(m.duration.most_likely / 5))
            m = m.model_copy(
                update={"status": MigrationStatus.CUT_OVER, "actual_start": first,
                        "actual_end": first + timedelta(days=7 * weeks)}
            )  # fmt: skip
        elif m.service in free and i % 6 == 3:
            m = m.model_copy(
                update={"status": MigrationStatus.IN_PROGRESS, "percent_complete": 40.0,
                        "actual_start": as_of - timedelta(days=56)}
            )  # fmt: skip
        migrations.append(m)
    return portfolio.replace(migrations=tuple(migrations))


@dataclass(frozen=True)
class Case:
    """A portfolio planned, forecast, reported and summarised as of one data date."""

    portfolio: Portfolio
    scenario: Scenario
    plan: Plan
    forecast: Forecast
    pack: Pack
    summary: Summary

    @property
    def as_of(self) -> date:
        return self.plan.as_of


@functools.cache
def planned_case(name: str) -> Case:
    """The case ``name`` (one of :data:`CASES`), planned and reported once per session."""
    if name == "demo":
        portfolio = demo_portfolio()
        scenario, as_of, limit = portfolio.scenario_by_code["tsa-2023"], DEMO_AS_OF, 8.0
    else:
        seed = int(name.split("-")[1])
        portfolio = generate_portfolio(services=40, dependencies=60, teams=4, seed=seed)
        scenario, limit = portfolio.scenarios[0], 2.0
        as_of = scenario.start.replace(year=scenario.start.year + 1)
        if name.endswith("progress"):
            portfolio = with_progress(portfolio, as_of)
    plan = plan_scenario(portfolio=portfolio, scenario=scenario, as_of=as_of, time_limit=limit)
    assert plan.feasible, plan.conflicts
    forecast = run_risk(portfolio=portfolio, plan=plan, runs=100, seed=1)
    pack = build_pack(
        portfolio=portfolio, scenario=scenario, plan=plan, forecast=forecast, costs=None,
        as_of=as_of, previous=None, generated=datetime(2025, 1, 1, tzinfo=UTC),
    )  # fmt: skip
    summary = summarise(portfolio=portfolio, as_of=as_of)
    return Case(portfolio, scenario, plan, forecast, pack, summary)
