"""The separation model: a portfolio scenario as of a data date, as scheduling-core data.

One activity per moving service with work still to do on the data date; time
in weeks from the origin (the later of the scenario start and the data date);
team load in tenths of a person. Work cut over before the data date is a fact
(:class:`Done`); work in progress starts at the origin with its remaining work.
Everything the CP-SAT model needs is prepared by
:func:`carveout.planning.prepare.build_separation`, so the model builder only
adds constraints.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from datetime import date

from carveout.domain import Scenario, Team
from carveout.planning.calendar import Calendar
from carveout.planning.hosting import HostingTerms
from carveout.planning.money import in_units
from carveout.planning.rcpsp import Activity, Instance, Precedence, Resource
from carveout.planning.units import LOAD_SCALE


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
    actual_start: date | None = None


@dataclass(frozen=True, slots=True)
class Done:
    """A service cut over before the data date: a fact, counted in the burn-down."""

    service: str
    team: str
    start: date
    cutover: date
    effort_days: float


@dataclass(frozen=True, slots=True)
class BuiltBridge:
    """A bridge the actual dates show was needed: its dependant moved before its provider."""

    key: str
    cost: float


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
    """Everything needed to build and read the CP-SAT model for one scenario as of a date.

    ``as_of`` is the data date; hosting is counted from ``first_month`` (the
    first month that begins on or after it). ``cost_tables`` are in whole units
    of ``money_unit`` pounds (1 unless the amounts are huge).
    """

    scenario: Scenario
    as_of: date
    first_month: date
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
    soft_deadlines: bool
    money_unit: int = 1
    built_bridges: tuple[BuiltBridge, ...] = ()
    consumers: dict[str, tuple[str, ...]] = field(default_factory=dict)
    contract_ends: dict[str, list[date]] = field(default_factory=dict)
    notes: tuple[str, ...] = field(default=())

    def in_units(self, pounds: float) -> int:
        """``pounds`` in the model's money: whole units of ``money_unit`` pounds, as the cost
        tables are (see :mod:`carveout.planning.money`)."""
        return in_units(pounds, self.money_unit)

    def team_members(self) -> dict[int, list[int]]:
        """The moves each team works on (those that need people), by team index."""
        members: dict[int, list[int]] = {}
        for move in self.moves:
            if move.load > 0:
                members.setdefault(move.team_index, []).append(move.index)
        return members

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
