"""Build a :class:`RiskModel` from a portfolio and the plan made for one of its scenarios.

Conventions: the simulation clock counts calendar days from the plan's start;
estimates in working days are stretched by 7/5 (the planner's five-day weeks);
a team keeps its last staffing after its last capacity period; services that must
cut over ``together`` share the later of their dates; a ``bridgeable`` dependency
constrains only if the plan did not bridge it and moved the services in order.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

import numpy as np

from carveout.domain import Coupling, MigrationStatus, Portfolio, RaidKind, RaidStatus
from carveout.errors import CarveoutError
from carveout.planning.plan import Plan
from carveout.risk.correlation import group_correlation
from carveout.risk.distributions import Shape
from carveout.risk.events import RiskEvent
from carveout.risk.model import RiskModel, TrancheTerms
from carveout.risk.network import build_network
from carveout.risk.sampling import SamplingOptions

CALENDAR_PER_WORKING_DAY = 7 / 5


def _offset(day: date, start: date) -> float:
    return float((day - start).days)


def _groups(pairs: list[tuple[str, str]], names: list[str]) -> list[list[str]]:
    parent = {n: n for n in names}

    def root(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in pairs:
        parent[root(a)] = root(b)
    members: dict[str, list[str]] = defaultdict(list)
    for n in names:
        members[root(n)].append(n)
    return [g for g in members.values() if len(g) > 1]


def model_from_plan(
    *,
    portfolio: Portfolio,
    plan: Plan,
    shape: Shape = Shape.PERT,
    team_correlation: float = 0.0,
    latin_hypercube: bool = False,
    resource_aware: bool = True,
) -> RiskModel:
    """The simulation input for ``plan``: its migrations, teams, risks and tranches."""
    if not plan.feasible or not plan.migrations:
        raise CarveoutError(
            f"the plan for scenario {plan.scenario!r} has no schedule ({plan.status}); "
            "fix the plan first (carveout plan) and run the risk analysis again"
        )
    start = plan.start
    scenario = portfolio.scenario_by_code.get(plan.scenario)
    factor = scenario.capacity_factor if scenario else 1.0
    planned = {m.service: m for m in plan.migrations}
    names = [m.service for m in plan.migrations if m.service in portfolio.migration_by_service]
    if not names:
        raise CarveoutError("none of the plan's services has a migration in the portfolio")
    k = CALENDAR_PER_WORKING_DAY
    estimates: list[tuple[float, float, float]] = []
    release: list[float] = []
    demand: list[float] = []
    for name in names:
        mig = portfolio.migration_by_service[name]
        d = mig.duration
        people = mig.effort.most_likely / d.most_likely if d.most_likely > 0 else 1.0
        demand.append(max(people, 0.0))
        if mig.status is MigrationStatus.CUT_OVER and mig.actual_end is not None:
            estimates.append((0.0, 0.0, 0.0))
            release.append(_offset(mig.actual_end, start))
            continue
        estimates.append((d.optimistic * k, d.most_likely * k, d.pessimistic * k))
        if mig.status is MigrationStatus.IN_PROGRESS and mig.actual_start is not None:
            release.append(_offset(mig.actual_start, start))
        else:
            release.append(max(0.0, _offset(mig.earliest_start or start, start)))
    known = set(names)
    bridged = set(plan.bridged)
    edges: list[tuple[str, str]] = []
    together: list[tuple[str, str]] = []
    for dep in portfolio.dependencies:
        a, b = dep.depends_on, dep.service
        if a not in known or b not in known:
            continue
        if dep.coupling is Coupling.BEFORE:
            edges.append((a, b))
        elif dep.coupling is Coupling.TOGETHER:
            together.append((a, b))
        elif dep.key not in bridged and planned[a].cutover < planned[b].start:
            edges.append((a, b))
    groups = _groups(together, names)
    # A successor of any member of a cut-over group waits for the whole group.
    group_of = {n: g for g in groups for n in g}
    edges += [(m, b) for a, b in list(edges) if a in group_of for m in group_of[a]]
    edges = [(a, b) for a, b in edges if group_of.get(a) is None or b not in group_of[a]]
    teams: dict[str, list[tuple[float, float]]] = {}
    for team in portfolio.teams:
        steps: list[tuple[float, float]] = []
        for cap in sorted(team.capacity, key=lambda c: c.start):
            steps.append((max(0.0, _offset(cap.start, start)), cap.people * factor))
            steps.append((_offset(cap.end, start) + 1, 0.0))
        steps = steps[:-1] if steps else [(0.0, 0.0)]
        teams[team.code] = sorted(dict(steps).items())
    team_of = [portfolio.migration_by_service[n].team for n in names]
    priority = [
        _offset(planned[n].start, start) * 1e6 + _offset(planned[n].cutover, start) for n in names
    ]
    network = build_network(
        names=names,
        estimates=estimates,
        edges=edges,
        shape=shape,
        release=release,
        priority=priority,
        teams=teams,
        team_of=team_of,
        demand=demand,
    )
    pos = {n: j for j, n in enumerate(network.names)}
    return RiskModel(
        scenario=plan.scenario,
        start=start,
        network=network,
        sampling=SamplingOptions(
            latin_hypercube=latin_hypercube,
            correlation=(
                group_correlation([int(t) for t in network.team], team_correlation)
                if team_correlation > 0
                else None
            ),
            events=_events(portfolio, pos, network.demand),
        ),
        resource_aware=resource_aware,
        deadline=_offset(plan.deadline, start) if plan.deadline else None,
        deadlines=np.array(
            [
                _offset(due, start)
                if (due := portfolio.migration_by_service[n].deadline)
                else np.nan
                for n in network.names
            ]
        ),
        planned=np.array([_offset(planned[n].cutover, start) for n in network.names]),
        tranches=_tranches(portfolio, plan, pos),
        hosts=tuple(portfolio.service_by_code[n].host for n in network.names),
        monthly_charges=_charges(portfolio, plan, network.names),
        groups=tuple(tuple(sorted(pos[n] for n in g)) for g in groups),
    )


def _events(portfolio: Portfolio, pos: dict[str, int], demand: np.ndarray) -> tuple[RiskEvent, ...]:
    k = CALENDAR_PER_WORKING_DAY
    events: list[RiskEvent] = []
    for r in portfolio.raid:
        if r.kind is not RaidKind.RISK or r.status is not RaidStatus.OPEN or r.probability <= 0:
            continue
        hit = [pos[s] for s in r.services if s in pos]
        if not hit and r.cost_impact <= 0:
            continue
        delay = tuple(
            k * (r.delay_days + (r.extra_effort / demand[j] if demand[j] > 0 else 0.0)) for j in hit
        )
        events.append(RiskEvent(r.code, r.probability, delay, tuple(hit), r.cost_impact))
    return tuple(events)


def _tranches(portfolio: Portfolio, plan: Plan, pos: dict[str, int]) -> tuple[TrancheTerms, ...]:
    start = plan.start
    options: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for e in sorted(portfolio.extension_options, key=lambda e: e.code):
        options[e.tranche].append((e.length_months, e.step_up))
    terms = [
        TrancheTerms(
            code=t.code,
            host=portfolio.agreement_by_code[t.agreement].provider,
            start=_offset(t.start, start),
            end=_offset(t.end, start),
            monthly_charge=t.monthly_charge,
            activities=tuple(pos[s] for s in t.services if s in pos),
            extensions=tuple(options[t.code]),
        )
        for t in portfolio.tranches
        if t.agreement in portfolio.agreement_by_code
    ]
    terms = [t for t in terms if t.activities]
    if terms:
        return tuple(terms)
    return tuple(
        TrancheTerms(
            code=f"{h.host}-{h.until.isoformat()}",
            host=h.host,
            start=0.0,
            end=_offset(h.until, start),
            monthly_charge=h.monthly_charge,
            activities=tuple(pos[s] for s in h.services if s in pos),
        )
        for h in plan.tranches
        if any(s in pos for s in h.services)
    )


def _charges(portfolio: Portfolio, plan: Plan, names: tuple[str, ...]) -> np.ndarray:
    """Monthly hosting charge of each service: its share of its tranche, else its own cost."""
    share: dict[str, float] = {}
    for t in portfolio.tranches:
        for s in t.services:
            share[s] = share.get(s, 0.0) + t.monthly_charge / len(t.services)
    for h in plan.tranches:
        for s in h.services:
            share.setdefault(s, h.monthly_charge / len(h.services))
    return np.array([share.get(n, portfolio.service_by_code[n].annual_cost() / 12) for n in names])
