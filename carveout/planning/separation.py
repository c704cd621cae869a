"""The separation model: a portfolio scenario turned into scheduling-core data plus costs.

One activity per moving service that has migration work recorded; time in
weeks from the scenario start; team load in tenths of a person. Everything the
CP-SAT model needs is prepared here, so the model builder only adds constraints.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from datetime import date

from carveout.domain import Coupling, MigrationStatus, Portfolio, Scenario, Team
from carveout.errors import CarveoutError
from carveout.planning.calendar import WORKING_DAYS_PER_WEEK, Calendar
from carveout.planning.hosting import HostingTerms, contract_ends, hosting_terms
from carveout.planning.rcpsp import Activity, Instance, Precedence, Resource
from carveout.planning.units import (
    LOAD_SCALE,
    align_units,
    check_no_cycle,
    connected_groups,
    person_load,
)


@dataclass(frozen=True, slots=True)
class Move:
    """One service's migration as the model sees it (activity ``index``)."""

    index: int
    service: str
    team: str
    team_index: int
    effort_days: float
    duration: int
    load: int
    release: int
    deadline: int | None
    deadline_date: date | None
    deadline_reason: str
    fixed_start: int | None
    forbidden_ends: tuple[tuple[int, int], ...]
    frozen: bool


@dataclass(frozen=True, slots=True)
class Done:
    """A service already cut over: no work left, but it counts in the burn-down."""

    service: str
    team: str
    start: date
    cutover: date
    effort_days: float


@dataclass(frozen=True, slots=True)
class Bridge:
    """A bridgeable dependency: either ``before`` cuts over first, or the bridge is paid."""

    key: str
    before: int
    after: int
    cost: int
    load: int


@dataclass(frozen=True, slots=True)
class Separation:
    """Everything needed to build and read the CP-SAT model for one scenario."""

    scenario: Scenario
    calendar: Calendar
    horizon: int
    teams: tuple[Team, ...]
    capacities: tuple[tuple[int, ...], ...]
    moves: tuple[Move, ...]
    precedences: tuple[Precedence, ...]
    together: tuple[tuple[int, ...], ...]
    bridges: tuple[Bridge, ...]
    done: tuple[Done, ...]
    terms: dict[str, HostingTerms]
    cost_tables: tuple[tuple[int, ...], ...]
    fixed_cost: int
    soft_deadlines: bool
    consumers: dict[str, tuple[str, ...]] = field(default_factory=dict)
    contract_ends: dict[str, list[date]] = field(default_factory=dict)
    notes: tuple[str, ...] = field(default=())

    def instance(self, *, deadlines: bool = True, releases: bool = True) -> Instance:
        """The scheduling-core instance; deadlines and releases may be left to the caller."""
        activities = tuple(
            Activity(
                name=m.service,
                duration=m.duration,
                demands=tuple(m.load if t == m.team_index else 0 for t in range(len(self.teams))),
                release=m.release if releases and m.fixed_start is None else 0,
                deadline=m.deadline if deadlines and not self.soft_deadlines else None,
                fixed_start=m.fixed_start if releases else None,
                forbidden_ends=m.forbidden_ends,
            )
            for m in self.moves
        )
        resources = tuple(
            _resource(team.code, caps)
            for team, caps in zip(self.teams, self.capacities, strict=True)
        )
        return Instance(
            activities=activities,
            resources=resources,
            precedences=self.precedences,
            together=self.together,
            horizon=self.horizon,
            name=self.scenario.code,
        )

    def without_scenario_deadline(self) -> Separation:
        """The same separation with only the migrations' own deadlines."""
        moves = tuple(
            replace(m, deadline=None, deadline_date=None, deadline_reason="")
            if m.deadline_reason == "scenario"
            else m
            for m in self.moves
        )
        return replace(
            self, moves=moves, scenario=self.scenario.model_copy(update={"deadline": None})
        )


def _resource(name: str, caps: tuple[int, ...]) -> Resource:
    """A team's weekly capacity as a base level with overriding runs.

    The base is the peak: it only shows past the horizon, where the model
    allows nothing, so it changes no plan; it lets the priority-rule warm
    start finish a whole schedule (possibly past the horizon, for the solver
    to repair) where work that fits nowhere would otherwise leave no hint.
    """
    base = max(caps, default=0)
    profile: list[tuple[int, int, int]] = []
    for week, cap in enumerate(caps):
        if profile and profile[-1][1] == week and profile[-1][2] == cap:
            profile[-1] = (profile[-1][0], week + 1, cap)
        else:
            profile.append((week, week + 1, cap))
    return Resource(name=name, capacity=base, profile=tuple(p for p in profile if p[2] != base))


def weekly_capacity(team: Team, calendar: Calendar, horizon: int, factor: float) -> tuple[int, ...]:
    """Tenths of a person available in each week (the people on the week's first day)."""
    return tuple(
        math.floor(team.people_on(calendar.day(w)) * factor * LOAD_SCALE + 1e-9)
        for w in range(horizon)
    )


def _horizon(portfolio: Portfolio, calendar: Calendar) -> int:
    """The week after the last day any team has capacity (nothing can run later)."""
    last = [c.end for t in portfolio.teams for c in t.capacity]
    return max(1, calendar.week_of(max(last)) + 1) if last else 1


def build_separation(*, portfolio: Portfolio, scenario: Scenario) -> Separation:
    """Turn ``scenario`` of ``portfolio`` into model data.

    Raises :class:`CarveoutError` when a team never has anyone to do its work.
    """
    calendar = Calendar(scenario.start)
    horizon = _horizon(portfolio, calendar)
    teams = tuple(sorted(portfolio.teams, key=lambda t: t.code))
    team_index = {t.code: i for i, t in enumerate(teams)}
    notes: list[str] = []
    moves: list[Move] = []
    done: list[Done] = []
    caps = [weekly_capacity(t, calendar, horizon, scenario.capacity_factor) for t in teams]
    scenario_deadline = calendar.last_end_by(scenario.deadline) if scenario.deadline else None

    for service in sorted(portfolio.services, key=lambda s: s.code):
        if not service.moves:
            continue
        migration = portfolio.migration_by_service.get(service.code)
        if migration is None:
            notes.append(
                f"{service.code} moves but has no migration recorded, so it is not planned"
            )
            continue
        if migration.status is MigrationStatus.CANCELLED:
            notes.append(f"{service.code}: its migration is cancelled, so it is not planned")
            continue
        effort = migration.effort.most_likely
        if migration.status is MigrationStatus.CUT_OVER:
            assert migration.actual_start and migration.actual_end  # the record guarantees it
            done.append(
                Done(
                    service.code,
                    migration.team,
                    migration.actual_start,
                    migration.actual_end,
                    effort,
                )
            )
            continue
        t = team_index[migration.team]
        peak = max(caps[t], default=0)
        if peak <= 0:
            raise CarveoutError(
                f"Team {migration.team} has no capacity between {scenario.start:%d %b %Y} and the "
                f"end of the last capacity period, so {service.code} cannot be planned. "
                "Add capacity periods to the team (or a capacity factor above 0)."
            )
        weeks = max(1, math.ceil(migration.duration.most_likely / WORKING_DAYS_PER_WEEK))
        load = math.ceil(effort / (weeks * WORKING_DAYS_PER_WEEK) * LOAD_SCALE - 1e-9)
        if load > peak:  # more people than the team ever has: the work takes longer instead
            weeks = math.ceil(effort * LOAD_SCALE / (peak * WORKING_DAYS_PER_WEEK) - 1e-9)
            load = math.ceil(effort / (weeks * WORKING_DAYS_PER_WEEK) * LOAD_SCALE - 1e-9)
        fixed = None
        frozen = migration.status is MigrationStatus.IN_PROGRESS
        if frozen:
            assert migration.actual_start
            fixed = calendar.week_of(migration.actual_start)
            if fixed < 0:  # started before the scenario: only the rest of the work remains
                weeks, fixed = max(1, weeks + fixed), 0
        release = 0
        if migration.earliest_start:
            release = max(0, calendar.first_start_on_or_after(migration.earliest_start))
        deadline, deadline_date, reason = scenario_deadline, scenario.deadline, "scenario"
        if migration.deadline and (
            scenario.deadline is None or migration.deadline < scenario.deadline
        ):
            deadline = calendar.last_end_by(migration.deadline)
            deadline_date, reason = migration.deadline, "migration"
        if deadline is None:
            reason = ""
        forbidden = tuple(
            calendar.ends_touching(b.start, b.end)
            for b in sorted(portfolio.blackouts, key=lambda b: b.code)
            if b.applies_to(team=migration.team, service=service.code) and b.end >= scenario.start
        )
        moves.append(
            Move(
                index=len(moves),
                service=service.code,
                team=migration.team,
                team_index=t,
                effort_days=effort,
                duration=weeks,
                load=load,
                release=release,
                deadline=deadline,
                deadline_date=deadline_date,
                deadline_reason=reason,
                fixed_start=fixed,
                forbidden_ends=forbidden,
                frozen=frozen,
            )
        )

    horizon = max([horizon, *((m.fixed_start or 0) + m.duration for m in moves)])
    if len(caps[0] if caps else ()) < horizon:
        caps = [weekly_capacity(t, calendar, horizon, scenario.capacity_factor) for t in teams]
    by_service = {m.service: m for m in moves}
    precedences: list[Precedence] = []
    together_edges: list[tuple[int, int]] = []
    bridge_deps: list[tuple[str, int, int, int, float]] = []
    for dep in sorted(portfolio.dependencies, key=lambda d: d.key):
        later, earlier = by_service.get(dep.service), by_service.get(dep.depends_on)
        if later is None or earlier is None:
            continue  # the other side does not move or is already cut over
        if dep.coupling is Coupling.TOGETHER and (later.frozen or earlier.frozen):
            notes.append(
                f"{dep.service} and {dep.depends_on} should cut over together but one is already "
                "under way: each is planned on its own"
            )
        elif dep.coupling is Coupling.TOGETHER:
            together_edges.append((later.index, earlier.index))
        elif dep.coupling is Coupling.BEFORE and later.frozen:
            # The dependent is already under way: the plan cannot make it wait any more.
            notes.append(
                f"{dep.service} is under way although {dep.depends_on}, which must go before it, "
                "has not cut over: that dependency is not applied"
            )
        elif dep.coupling is Coupling.BEFORE:
            precedences.append(Precedence(before=earlier.index, after=later.index))
        else:
            bridge_deps.append(
                (dep.key, earlier.index, later.index, round(dep.bridge_cost), dep.bridge_effort)
            )

    groups = connected_groups(together_edges)
    group_of = {i: g for g in groups for i in g}
    # Services that cut over together need no bridge between them.
    bridge_deps = [b for b in bridge_deps if group_of.get(b[1], (b[1],)) != group_of.get(b[2])]
    check_no_cycle(moves, precedences, groups)
    bridge_effort: dict[int, float] = {}
    for _, _, after, _, effort in bridge_deps:
        bridge_effort[after] = bridge_effort.get(after, 0.0) + effort
    units = (*groups, *((m.index,) for m in moves if m.index not in group_of and not m.frozen))
    moves = align_units(moves, units, tuple(caps), bridge_effort)
    moves, caps = _reserve_work_under_way(moves, caps, notes)
    # Work already under way carries its bridges in its own staffing: no extra load.
    bridges = [
        Bridge(
            key,
            before,
            after,
            cost,
            0 if moves[after].frozen else person_load(effort, moves[after].duration),
        )
        for key, before, after, cost, effort in bridge_deps
    ]
    terms = hosting_terms(portfolio)
    tables = tuple(_cost_table(terms[m.service], calendar, horizon) for m in moves)
    fixed_cost = 0
    for d in done:
        if d.cutover >= scenario.start:
            base, step = terms[d.service].cost(start=scenario.start, cutover=d.cutover)
            fixed_cost += round(base + step)
    return Separation(
        scenario=scenario,
        calendar=calendar,
        horizon=horizon,
        teams=teams,
        capacities=tuple(caps),
        moves=tuple(moves),
        precedences=tuple(precedences),
        together=groups,
        bridges=tuple(bridges),
        done=tuple(done),
        terms=terms,
        cost_tables=tables,
        fixed_cost=fixed_cost,
        soft_deadlines=scenario.lateness_penalty > 0,
        consumers={s.code: s.consumers for s in portfolio.services if s.moves},
        contract_ends={p.code: contract_ends(portfolio, p.code) for p in portfolio.parties},
        notes=tuple(notes),
    )


def _reserve_work_under_way(
    moves: list[Move], caps: list[tuple[int, ...]], notes: list[str]
) -> tuple[list[Move], list[tuple[int, ...]]]:
    """Take work under way off its team's capacity instead of scheduling it against it.

    Work in progress happens whatever the plan says, so it cannot make a plan
    impossible: its load is subtracted from the weeks it runs (never below
    zero, with a note when the team is overbooked) and the activity carries no
    load of its own.
    """
    weekly = [list(c) for c in caps]
    overbooked: set[str] = set()
    out = list(moves)
    for m in moves:
        if not m.frozen or m.fixed_start is None:
            continue
        for week in range(
            m.fixed_start, min(m.fixed_start + m.duration, len(weekly[m.team_index]))
        ):
            left = weekly[m.team_index][week] - m.load
            if left < 0:
                overbooked.add(m.team)
            weekly[m.team_index][week] = max(0, left)
        out[m.index] = replace(m, load=0)
    notes.extend(
        f"Team {team} has more work under way than people at the start of the plan"
        for team in sorted(overbooked)
    )
    return out, [tuple(c) for c in weekly]


def _cost_table(terms: HostingTerms, calendar: Calendar, horizon: int) -> tuple[int, ...]:
    """Whole pounds of hosting for a cut-over at the end of each week ``0 .. horizon``."""
    cumulative = terms.cumulative(start=calendar.origin, last=calendar.cutover(horizon))
    origin = calendar.origin.year * 12 + calendar.origin.month
    table: list[int] = []
    for end in range(horizon + 1):
        day = calendar.cutover(end)
        index = day.year * 12 + day.month - origin
        table.append(round(cumulative[index]) if index >= 0 else 0)
    return tuple(table)
