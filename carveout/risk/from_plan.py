"""Build a :class:`RiskModel` from a portfolio and the plan made for one of its scenarios.

The model is built from the planner's own view of the work
(:func:`carveout.planning.prepare.build_separation` as of the plan's data
date), so plan and simulation agree on what is done, what is under way and
which couplings hold. Conventions:

- the clock counts calendar days from the plan's origin (the later of its
  start and its data date); nothing left to do starts before it;
- each migration starts no earlier than its planned start: teams follow the
  plan and start late only when predecessors or people are late;
- durations are the three-point estimates of the work left, in working days
  stretched by 7/5 (and by any stretch the plan gave a migration to fit its
  team); work in progress keeps only its remaining share;
- teams have the plan's weekly capacity, net of work under way, and each
  migration occupies the people the plan gave it, bridges it pays included;
- ``before`` couplings, and bridgeable ones the plan did not bridge, order
  the work; services coupled ``together`` share the later of their dates;
- hosting is priced by the planner's hosting terms (:class:`HostingTables`).
"""

from __future__ import annotations

import math
from datetime import date

import numpy as np

from carveout.domain import Portfolio, portfolio_as_of, remaining_work
from carveout.domain.ranges import MAX_DAYS
from carveout.errors import CarveoutError
from carveout.planning.calendar import WORKING_DAYS_PER_WEEK, add_months
from carveout.planning.hosting import HostingTerms
from carveout.planning.plan import Plan
from carveout.planning.prepare import build_separation
from carveout.planning.separation import Separation
from carveout.planning.units import LOAD_SCALE
from carveout.risk.correlation import group_correlation
from carveout.risk.distributions import Shape
from carveout.risk.from_portfolio import plan_blackouts, plan_extensions, risk_events
from carveout.risk.model import HostingTables, RiskModel, TrancheTerms
from carveout.risk.network import build_network
from carveout.risk.sampling import SamplingOptions

CALENDAR_PER_WORKING_DAY = 7 / 5
DAYS_PER_WEEK = 7
TABLE_YEARS = 10
"""How far past the plan's horizon the hosting tables reach before growing by the last rate."""


def model_from_plan(
    *,
    portfolio: Portfolio,
    plan: Plan,
    shape: Shape = Shape.PERT,
    team_correlation: float = 0.0,
    latin_hypercube: bool = False,
    resource_aware: bool = True,
) -> RiskModel:
    """The simulation input for ``plan``: the work left on its data date, teams, risks, terms."""
    if not plan.feasible:
        raise CarveoutError(
            f"the plan for scenario {plan.scenario!r} has no schedule ({plan.status}); "
            "fix the plan first (carveout plan) and run the risk analysis again"
        )
    scenario = portfolio.scenario_by_code.get(plan.scenario)
    if scenario is None:
        raise CarveoutError(f"the portfolio has no scenario {plan.scenario!r} any more")
    scenario = scenario.model_copy(update={"deadline": plan.deadline, "start": plan.start})
    sep = build_separation(portfolio=portfolio, scenario=scenario, as_of=plan.as_of)
    if not sep.moves:
        raise CarveoutError(
            f"every service of scenario {plan.scenario!r} had cut over by "
            f"{plan.as_of:%d %b %Y}: there is nothing left to simulate"
        )
    planned = {m.service: m for m in plan.migrations}
    missing = [m.service for m in sep.moves if m.service not in planned]
    if missing:
        raise CarveoutError(
            f"the plan for {plan.scenario!r} does not schedule {', '.join(missing[:5])}: the "
            "portfolio has changed since it was made; plan again (carveout plan)"
        )
    origin = sep.calendar.origin
    names = [m.service for m in sep.moves]
    bridged = set(plan.bridged)
    paid = [b for b in sep.bridges if b.key in bridged]
    edges = [(sep.moves[p.before].service, sep.moves[p.after].service) for p in sep.precedences]
    edges += [
        (sep.moves[b.before].service, sep.moves[b.after].service)
        for b in sep.bridges
        if b.key not in bridged
    ]
    groups = [tuple(sep.moves[i].service for i in g) for g in sep.together]
    group_of = {n: g for g in groups for n in g}
    # A successor of any member of a cut-over group waits for the whole group.
    edges += [(m, b) for a, b in list(edges) if a in group_of for m in group_of[a]]
    edges = [(a, b) for a, b in edges if group_of.get(a) is None or b not in group_of[a]]
    load = [m.load + sum(b.load for b in paid if b.after == m.index) for m in sep.moves]
    estimates = _estimates(portfolio, sep)
    release = [
        0.0 if m.fixed_start is not None else float((planned[m.service].start - origin).days)
        for m in sep.moves
    ]
    network = build_network(
        names=names,
        estimates=estimates,
        edges=edges,
        shape=shape,
        release=release,
        priority=release,
        teams={t.code: _steps(caps) for t, caps in zip(sep.teams, sep.capacities, strict=True)},
        team_of=[m.team for m in sep.moves],
        demand=[x / LOAD_SCALE for x in load],
    )
    pos = {n: j for j, n in enumerate(network.names)}
    moves = [sep.moves[names.index(n)] for n in network.names]
    return RiskModel(
        scenario=plan.scenario,
        start=origin,
        as_of=plan.as_of,
        network=network,
        sampling=SamplingOptions(
            latin_hypercube=latin_hypercube,
            correlation=(
                group_correlation([int(t) for t in network.team], team_correlation)
                if team_correlation > 0
                else None
            ),
            events=risk_events(portfolio, pos, origin),
        ),
        resource_aware=resource_aware,
        deadline=_offset(plan.deadline, origin) if plan.deadline else None,
        deadlines=np.array(
            [_offset(m.deadline_date, origin) if m.deadline_date else np.nan for m in moves]
        ),
        planned=np.array([_offset(planned[m.service].cutover, origin) + 1 for m in moves]),
        tranches=_tranches(portfolio, sep, pos),
        hosts=tuple(sep.terms[m.service].host for m in moves),
        hosting=hosting_tables(sep, [m.service for m in moves]),
        groups=tuple(tuple(sorted(pos[n] for n in g)) for g in groups),
        plan_durations=np.array([float(m.duration * DAYS_PER_WEEK) for m in moves]),
        notes=sep.notes,
        fixed_cost=plan.bridge_cost,
        budget=plan.hosting_cost + plan.running_cost + plan.bridge_cost,
        budget_basis=_budget_basis(plan),
        blackouts=plan_blackouts(portfolio, sep, network.names, groups),
        extensions=plan_extensions(portfolio, sep, pos),
    )


def _budget_basis(plan: Plan) -> str:
    """Where the budget comes from: the plan's cost to go (no budget is recorded elsewhere)."""
    return (
        f"the plan's cost to go as of {plan.as_of.day} {plan.as_of:%b %Y}: "
        f"hosting £{plan.hosting_cost:,.0f} "
        f"+ running £{plan.running_cost:,.0f} + bridges £{plan.bridge_cost:,.0f} "
        "(neither the scenario nor its agreements record a budget)"
    )


def _offset(day: date, origin: date) -> float:
    return float((day - origin).days)


def _steps(caps: tuple[int, ...]) -> list[tuple[float, float]]:
    """A team's weekly capacity as people from each day it changes; past the plan, its peak.

    Weeks with the same capacity make one step: the simulation's cost grows with the steps.
    """
    levels = [*caps, max(caps, default=0)]
    return [
        (float(DAYS_PER_WEEK * w), level / LOAD_SCALE)
        for w, level in enumerate(levels)
        if w == 0 or level != levels[w - 1]
    ]


def _estimates(portfolio: Portfolio, sep: Separation) -> list[tuple[float, float, float]]:
    """Three-point durations (calendar days) of the work left on each move.

    The plan's stretch of the most likely duration (a thin team, or a group that
    cuts over together) stretches the whole estimate. No point is longer than the
    longest duration allowed or the plan's own span, whichever is longer: a
    sliver of work with a wide estimate, stretched to a long group's span, would
    otherwise be given millennia.
    """
    out: list[tuple[float, float, float]] = []
    view = portfolio_as_of(portfolio, sep.as_of)
    for move in sep.moves:
        migration = view.migration_by_service[move.service]
        share = remaining_work(migration, sep.as_of).fraction if move.frozen else 1.0
        d = migration.duration
        weeks = max(1, math.ceil(d.most_likely * share / WORKING_DAYS_PER_WEEK))
        stretch = move.duration / weeks
        k = CALENDAR_PER_WORKING_DAY * share * stretch
        longest = CALENDAR_PER_WORKING_DAY * max(MAX_DAYS, move.duration * WORKING_DAYS_PER_WEEK)
        points = (d.optimistic * k, d.most_likely * k, d.pessimistic * k)
        out.append((min(points[0], longest), min(points[1], longest), min(points[2], longest)))
    return out


def _tranches(
    portfolio: Portfolio, sep: Separation, pos: dict[str, int]
) -> tuple[TrancheTerms, ...]:
    """Each tranche with the services it is the last tranche of (those due out by its end)."""
    origin = sep.calendar.origin
    found = []
    for tranche in sorted(portfolio.tranches, key=lambda t: (t.end, t.code)):
        agreement = portfolio.agreement_by_code.get(tranche.agreement)
        if agreement is None:
            continue
        due = tuple(
            pos[s] for s in tranche.services if s in pos and sep.terms[s].tranche == tranche.code
        )
        if due:
            found.append(
                TrancheTerms(
                    code=tranche.code,
                    host=agreement.provider,
                    end=_offset(tranche.end, origin),
                    activities=due,
                )
            )
    return tuple(found)


def hosting_tables(sep: Separation, services: list[str]) -> HostingTables:
    """The planner's charges to go for each of ``services`` by the month it cuts over."""
    first = sep.first_month
    origin = sep.calendar.origin
    months = (sep.horizon * DAYS_PER_WEEK) // 28 + 12 * TABLE_YEARS
    last = add_months(first, months)
    rows = [sep.terms[s].cumulative(first=first, last=last) for s in services]
    width = min(len(r) for r in rows) if rows else 1

    def table(kind: str) -> np.ndarray:
        return np.array([[getattr(c, kind) for c in r[:width]] for r in rows]).reshape(-1, width)

    def rate(kind: str) -> np.ndarray:
        return np.array([getattr(sep.terms[s].charge(last), kind) for s in services])

    hosting = table("hosting")
    return HostingTables(
        first_month=first,
        origin_shift=(origin.year * 12 + origin.month) - (first.year * 12 + first.month),
        hosting=hosting,
        step_up=table("step_up"),
        running=table("running"),
        last_hosting=rate("hosting"),
        last_step_up=rate("step_up"),
        last_running=rate("running"),
        monthly=np.array([_monthly(sep.terms[s], first) for s in services]),
        has_tranche=np.array([sep.terms[s].tranche is not None for s in services]),
        tranche_start=np.array([_tranche_start(sep.terms[s], first) for s in services]),
    )


def _monthly(terms: HostingTerms, first: date) -> float:
    """A service's monthly charge for ranking contracts: its hosting, else its running cost."""
    rates = [r.charge.hosting for r in terms.rates if r.tranche is not None]
    if rates:
        return max(rates[0], terms.charge(first).hosting)
    return terms.charge(first).running


def _tranche_start(terms: HostingTerms, first: date) -> int:
    """Months from ``first`` to the first month a tranche charges the service (0 if sooner)."""
    starts = [r.first for r in terms.rates if r.tranche is not None]
    if not starts:
        return 0
    begin = min(starts)
    return max(0, (begin.year * 12 + begin.month) - (first.year * 12 + first.month))
