"""A simple, deterministic plan for a portfolio, so page tests need no solver run.

Each team works through its migrations in dependency order on as many parallel
lanes as it has people at the scenario's start; a migration lasts its most
likely duration in working days. It is a valid :class:`Plan`, not an optimal one.
"""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime, timedelta

import networkx as nx

from carveout.domain import Coupling, Portfolio, Scenario
from carveout.planning.plan import HostedCount, HostingTranche, Plan, PlannedMigration
from carveout.risk.forecast import (
    ConvergenceInfo,
    CostDistribution,
    Dates,
    Driver,
    Forecast,
    ServiceForecast,
    TrancheForecast,
)

TODAY = date(2021, 6, 1)
"""Mid-programme in the demo portfolio, so burn-downs have a past and a future."""


def _month(day: date) -> date:
    return date(day.year, day.month, 1)


def _next_month(day: date) -> date:
    return date(day.year + (day.month == 12), day.month % 12 + 1, 1)


def sample_plan(portfolio: Portfolio, scenario: Scenario, as_of: date | None = None) -> Plan:
    """The plan of ``scenario`` as of ``as_of`` (default: its pinned data date, else its start),
    made from ``portfolio`` (its fingerprint)."""
    lanes: dict[str, list[date]] = {}
    planned: list[PlannedMigration] = []
    graph: nx.DiGraph = nx.DiGraph()
    graph.add_nodes_from(sorted(m.service for m in portfolio.migrations))
    graph.add_edges_from(
        (d.depends_on, d.service)
        for d in portfolio.dependencies
        if d.coupling is Coupling.BEFORE and d.service in graph and d.depends_on in graph
    )
    done: dict[str, date] = {}
    for code in nx.lexicographical_topological_sort(graph):
        m = portfolio.migration_by_service[code]
        team = portfolio.team_by_code[m.team]
        free = lanes.setdefault(
            m.team, [scenario.start] * max(1, round(team.people_on(scenario.start)))
        )
        lane = min(range(len(free)), key=lambda i: free[i])
        ready = [done[p] + timedelta(days=1) for p in graph.predecessors(code)]
        start = max([free[lane], m.earliest_start or scenario.start, *ready])
        if m.actual_start is not None:
            start = m.actual_start
        days = max(1, round(m.duration.most_likely))
        cutover = m.actual_end or start + timedelta(days=days * 7 // 5)
        free[lane] = cutover + timedelta(days=1)
        done[code] = cutover
        planned.append(
            PlannedMigration(
                service=m.service,
                team=m.team,
                start=start,
                cutover=cutover,
                wave=len(planned) // 10 + 1,
                effort_days=m.effort.most_likely,
                duration_days=days,
                frozen=m.frozen,
            )
        )
    finish = max((p.cutover for p in planned), default=scenario.start)
    burn: list[HostedCount] = []
    month = _month(scenario.start)
    cut = {p.service: p.cutover for p in planned}
    while month <= _next_month(finish):
        counts: Counter[tuple[str, str]] = Counter()
        for s in portfolio.services:
            if s.code in cut and cut[s.code] >= month:
                for c in s.consumers:
                    if c != s.host:
                        counts[(s.host, c)] += 1
        burn.extend(
            HostedCount(month=month, host=h, consumer=c, services=n)
            for (h, c), n in sorted(counts.items())
        )
        month = _next_month(month)
    by_host: dict[str, list[str]] = {}
    for s in portfolio.services:
        if s.code in cut:
            by_host.setdefault(s.host, []).append(s.code)
    tranches = [
        HostingTranche(
            host=h,
            until=max(cut[c] for c in codes),
            services=tuple(sorted(codes)),
            monthly_charge=1000.0 * len(codes),
            cost=12_000.0 * len(codes),
        )
        for h, codes in sorted(by_host.items())
    ]
    return Plan(
        scenario=scenario.code,
        objective=scenario.objective.value,
        status="feasible",
        created=datetime(2024, 1, 1, tzinfo=UTC),
        start=scenario.start,
        as_of=as_of or scenario.as_of or scenario.start,
        fingerprint=portfolio.fingerprint,
        deadline=scenario.deadline,
        finish=finish,
        objective_value=1.0,
        bound=0.5,
        gap=0.5,
        hosting_cost=123_456.0,
        migrations=tuple(planned),
        burn_down=tuple(burn),
        tranches=tuple(tranches),
    )


def sample_forecast(plan: Plan, portfolio: Portfolio) -> Forecast:
    """A forecast that spreads the plan's finish by ±20% (fixed figures, no simulation)."""
    assert plan.finish is not None
    span = (plan.finish - plan.start).days

    def at(share: float) -> date:
        return plan.start + timedelta(days=round(span * share))

    dates = Dates(p50=at(1.0), p80=at(1.1), p90=at(1.2))
    tranches = [
        TrancheForecast(
            code=t.code,
            host="HOST",
            end=t.end,
            services=len(t.services),
            p_leave_by_end=0.25 * (i % 4),
        )
        for i, t in enumerate(portfolio.tranches)
        if t.services
    ]
    return Forecast(
        scenario=plan.scenario,
        runs=1000,
        seed=0,
        confidence=0.8,
        method="precedence",
        start=plan.start,
        as_of=plan.as_of,
        fingerprint=plan.fingerprint,
        deadline=plan.deadline,
        finish=dates,
        p_meet_deadline=0.4,
        s_curve=tuple((at(0.8 + 0.4 * k / 10), k / 10) for k in range(1, 10)),
        services=tuple(
            ServiceForecast(
                service=m.service,
                planned=m.cutover,
                dates=dates,
                p_by_deadline=0.5,
                p_by_tranche_end=0.6,
                criticality=0.1,
            )
            for m in plan.migrations
        ),
        tranches=tuple(tranches),
        hosting_cost=CostDistribution(
            mean=2e6,
            p50=1.9e6,
            p80=2.4e6,
            p90=2.8e6,
            step_up_mean=1e5,
            risk_cost_mean=5e4,
            bins=(1e6, 2e6, 3e6, 4e6),
            counts=(300, 500, 200),
        ),
        drivers=(
            Driver(
                name="RMS", kind="estimate", rank_correlation=0.6, low=span * 0.9, high=span * 1.2
            ),
            Driver(name="R-01", kind="risk", rank_correlation=0.3, low=span, high=span * 1.05),
        ),
        recommended=(),
        recommended_cost=0.0,
        convergence=ConvergenceInfo(
            tolerance=0.0, batches=1, runs=1000, converged=True, p80_history=(1.0,)
        ),
    )
