"""Preparing a scenario for the model: facts, remaining work, couplings and costs as of a date."""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import date

from carveout.domain import (
    Migration,
    MigrationStatus,
    Portfolio,
    Scenario,
    Service,
    portfolio_as_of,
    remaining_work,
)
from carveout.domain.dates import first_month_to_go
from carveout.errors import CarveoutError
from carveout.planning.calendar import WORKING_DAYS_PER_WEEK, Calendar
from carveout.planning.contract_dates import contract_ends
from carveout.planning.couplings import apply_couplings
from carveout.planning.gates import hold_for_gates
from carveout.planning.hosting import cost_table, hosting_terms
from carveout.planning.money import in_units, money_unit
from carveout.planning.separation import Bridge, Done, Move, Separation, weekly_capacity
from carveout.planning.units import (
    align_units,
    check_no_cycle,
    connected_groups,
    person_load,
    staffed,
)


def data_date(scenario: Scenario, as_of: date | None) -> date:
    """The data date a plan of ``scenario`` is made as of: given, pinned, else its start."""
    return as_of or scenario.as_of or scenario.start


def _horizon(portfolio: Portfolio, calendar: Calendar) -> int:
    """The week after the last day any team has capacity (nothing can run later)."""
    last = [c.end for t in portfolio.teams for c in t.capacity]
    return max(1, calendar.week_of(max(last)) + 1) if last else 1


def build_separation(
    *, portfolio: Portfolio, scenario: Scenario, as_of: date | None = None
) -> Separation:
    """Turn ``scenario`` of ``portfolio``, as of the data date ``as_of``, into model data.

    ``as_of`` defaults to the scenario's pinned data date, else its start.
    Raises :class:`CarveoutError` when a team never has anyone to do its work.
    """
    day = data_date(scenario, as_of)
    view = portfolio_as_of(portfolio, day)
    calendar = Calendar(max(scenario.start, day))
    horizon = _horizon(view, calendar)
    teams = tuple(sorted(view.teams, key=lambda t: t.code))
    team_index = {t.code: i for i, t in enumerate(teams)}
    caps = [weekly_capacity(t, calendar, horizon, scenario.capacity_factor) for t in teams]
    notes: list[str] = []
    moves: list[Move] = []
    done: list[Done] = []
    for service in sorted(view.services, key=lambda s: s.code):
        if not service.moves:
            continue
        migration = view.migration_by_service.get(service.code)
        if migration is None:
            notes.append(
                f"{service.code} moves but has no migration recorded, so it is not planned"
            )
        elif migration.status is MigrationStatus.CANCELLED:
            notes.append(f"{service.code}: its migration is cancelled, so it is not planned")
        elif migration.status is MigrationStatus.CUT_OVER:
            assert migration.actual_start and migration.actual_end  # the record guarantees it
            done.append(
                Done(
                    service.code,
                    migration.team,
                    migration.actual_start,
                    migration.actual_end,
                    migration.effort.most_likely,
                )
            )
        else:
            t = team_index[migration.team]
            moves.append(
                _move(
                    index=len(moves),
                    service=service,
                    migration=migration,
                    team=t,
                    peak=max(caps[t], default=0),
                    calendar=calendar,
                    scenario=scenario,
                    view=view,
                    day=day,
                    notes=notes,
                )
            )

    if scenario.deadline is not None and scenario.deadline < day and moves:
        notes.insert(
            0,
            f"The scenario's deadline of {scenario.deadline:%d %b %Y} passed before the data "
            f"date {day:%d %b %Y} with {len(moves)} service(s) still to cut over: they are "
            "planned as soon as they can be",
        )
    horizon = max([horizon, *((m.fixed_start or 0) + m.duration for m in moves)])
    if len(caps[0] if caps else ()) < horizon:
        caps = [weekly_capacity(t, calendar, horizon, scenario.capacity_factor) for t in teams]
    couplings = apply_couplings(
        view.dependencies, {m.service: m for m in moves}, {d.service: d for d in done}
    )
    notes.extend(couplings.notes)
    groups = connected_groups(couplings.together)
    group_of = {i: g for g in groups for i in g}
    # Services that cut over together need no bridge between them.
    bridge_deps = [
        b for b in couplings.bridges if group_of.get(b[1], (b[1],)) != group_of.get(b[2])
    ]
    check_no_cycle(moves, couplings.precedences, groups)
    bridge_effort: dict[int, list[float]] = {}
    for _, _, after, _, effort in bridge_deps:
        bridge_effort.setdefault(after, []).append(effort)
    units = (*groups, *((m.index,) for m in moves if m.index not in group_of and not m.frozen))
    moves = align_units(moves, units, tuple(caps), bridge_effort)
    moves, caps = _reserve_work_under_way(moves, caps, notes)
    moves = hold_for_gates(moves, view.exit_criteria, calendar, notes, as_of=day)
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
    terms = hosting_terms(view, as_of=day)
    first_month = first_month_to_go(day)
    tables = [cost_table(terms[m.service], calendar, horizon, first_month) for m in moves]
    unit = money_unit(
        tables=tables,
        bridges=[b.cost for b in bridges],
        weekly_penalty=scenario.lateness_penalty * 7,
        horizon=horizon,
    )
    return Separation(
        scenario=scenario,
        as_of=day,
        first_month=first_month,
        calendar=calendar,
        horizon=horizon,
        teams=teams,
        capacities=tuple(caps),
        moves=tuple(moves),
        precedences=tuple(couplings.precedences),
        together=groups,
        bridges=tuple(bridges),
        done=tuple(done),
        terms=terms,
        cost_tables=tuple(tuple(in_units(v, unit) for v in t) for t in tables),
        money_unit=unit,
        soft_deadlines=scenario.lateness_penalty > 0,
        built_bridges=tuple(couplings.built),
        consumers={s.code: s.consumers for s in view.services if s.moves},
        contract_ends={p.code: contract_ends(view, p.code) for p in view.parties},
        notes=tuple(notes),
    )


def _move(
    *,
    index: int,
    service: Service,
    migration: Migration,
    team: int,
    peak: int,
    calendar: Calendar,
    scenario: Scenario,
    view: Portfolio,
    day: date,
    notes: list[str],
) -> Move:
    """The activity for the work left on ``service`` on the data date ``day``."""
    if peak <= 0:
        raise CarveoutError(
            f"Team {migration.team} has no capacity between {calendar.origin:%d %b %Y} and the "
            f"end of its last capacity period, so {service.code} cannot be planned. "
            "Add capacity periods to the team (or a capacity factor above 0)."
        )
    frozen = migration.status is MigrationStatus.IN_PROGRESS
    share = 1.0
    if frozen:
        left = remaining_work(migration, day)
        share = left.fraction
        if left.note:
            notes.append(left.note)
    effort = migration.effort.most_likely * share
    weeks = max(1, math.ceil(migration.duration.most_likely * share / WORKING_DAYS_PER_WEEK))
    weeks, load = staffed(
        effort=effort, weeks=weeks, peak=peak, service=service.code, team=migration.team
    )
    release = 0
    if migration.earliest_start and not frozen:
        release = max(0, calendar.first_start_on_or_after(migration.earliest_start))
    deadline_date, reason = _deadline(scenario, migration, service, day, notes)
    deadline = calendar.last_end_by(deadline_date) if deadline_date else None
    forbidden = tuple(
        calendar.ends_touching(b.start, b.end)
        for b in sorted(view.blackouts, key=lambda b: b.code)
        if b.applies_to(team=migration.team, service=service.code) and b.end >= calendar.origin
    )
    return Move(
        index=index,
        service=service.code,
        team=migration.team,
        team_index=team,
        effort_days=effort,
        duration=weeks,
        load=load,
        release=release,
        deadline=deadline,
        deadline_date=deadline_date,
        deadline_reason=reason,
        fixed_start=0 if frozen else None,
        forbidden_ends=forbidden,
        frozen=frozen,
        actual_start=migration.actual_start if frozen else None,
    )


def _deadline(
    scenario: Scenario, migration: Migration, service: Service, day: date, notes: list[str]
) -> tuple[date | None, str]:
    """The deadline a move must meet and where it comes from (``scenario`` or ``migration``).

    A deadline that passed before the data date with the work not done cannot
    be met by any plan: it is noted, and the work is planned as soon as it can
    be instead, its lateness counted against that deadline.
    """
    found: list[tuple[date, str]] = []
    if scenario.deadline is not None:
        found.append((scenario.deadline, "scenario"))
    if migration.deadline is not None:
        found.append((migration.deadline, "migration"))
    if migration.deadline is not None and migration.deadline < day:
        notes.append(
            f"{service.code} has not cut over and its deadline of {migration.deadline:%d %b %Y} "
            f"passed before the data date {day:%d %b %Y}: it is planned as soon as it can be"
        )
    upcoming = [(due, source) for due, source in found if due >= day]
    if not upcoming:
        return None, ""
    return min(upcoming)


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
