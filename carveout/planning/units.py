"""Units of work the core schedules as one: services that cut over together, and their spans."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import replace
from typing import TYPE_CHECKING

import networkx as nx

from carveout.errors import CarveoutError
from carveout.planning.calendar import WORKING_DAYS_PER_WEEK
from carveout.planning.rcpsp import Precedence

if TYPE_CHECKING:
    from carveout.planning.separation import Move

LOAD_SCALE = 10
"""Team load and capacity are counted in tenths of a person so they stay integers."""

MAX_SPAN = 520
"""Ten years in weeks: no migration is stretched beyond this to fit its team."""


def connected_groups(edges: Iterable[tuple[int, int]]) -> tuple[tuple[int, ...], ...]:
    """The connected components of the 'together' pairs, each sorted, in order of first member."""
    graph: nx.Graph = nx.Graph()
    graph.add_edges_from(edges)
    return tuple(tuple(sorted(c)) for c in sorted(nx.connected_components(graph), key=min))


def check_no_cycle(
    moves: list[Move], precedences: list[Precedence], groups: tuple[tuple[int, ...], ...]
) -> None:
    """Reject 'before' chains that lead back into a group that must cut over together."""
    unit = {i: f"group {min(g)}" for g in groups for i in g}
    graph: nx.DiGraph = nx.DiGraph()
    for p in precedences:
        graph.add_edge(unit.get(p.before, str(p.before)), unit.get(p.after, str(p.after)), p=p)
    try:
        cycle = nx.find_cycle(graph)
    except nx.NetworkXNoCycle:
        return
    steps = [graph.edges[a, b]["p"] for a, b, *_ in cycle]
    path = ", ".join(f"{moves[p.before].service} before {moves[p.after].service}" for p in steps)
    raise CarveoutError(
        f"No plan can exist: the dependencies {path} form a loop through services that must "
        "cut over together. Change one of these couplings to 'bridgeable' or 'together'."
    )


def person_load(effort: float, weeks: int) -> int:
    """Tenths of a person to do ``effort`` person-days in ``weeks``."""
    return math.ceil(effort / (weeks * WORKING_DAYS_PER_WEEK) * LOAD_SCALE - 1e-9)


MAX_WEEKS = 2_600
"""Fifty years: the longest a migration may take at its team's staffing before planning stops."""


def staffed(*, effort: float, weeks: int, peak: int, service: str, team: str) -> tuple[int, int]:
    """Weeks and load (tenths of a person) to do ``effort`` person-days in at least ``weeks``.

    A load above the team's ``peak`` takes longer instead. Work that would take
    more than :data:`MAX_WEEKS` even then is refused: no calendar plan holds it.
    """
    load = person_load(effort, weeks)
    if load <= peak:
        return weeks, load
    longer = math.ceil(effort * LOAD_SCALE / (peak * WORKING_DAYS_PER_WEEK) - 1e-9)
    if longer > MAX_WEEKS:
        raise CarveoutError(
            f"{service} needs {effort:,.0f} person-days of work, but team {team} never has "
            f"more than {peak / LOAD_SCALE:g} people: it would take {longer / 52:,.0f} years. "
            "Give the team more capacity, or check the migration's effort estimate."
        )
    return longer, person_load(effort, longer)


def _floor(capacities: tuple[int, ...], first: int, last: int) -> int:
    """The fewest people (tenths) in a staffed week of ``[first, last)``, else of all weeks."""
    window = [c for c in capacities[max(0, first) : max(first + 1, last)] if c > 0]
    return min(window, default=min((c for c in capacities if c > 0), default=0))


def align_units(
    moves: list[Move],
    units: tuple[tuple[int, ...], ...],
    capacities: tuple[tuple[int, ...], ...],
    bridge_effort: dict[int, list[float]],
) -> list[Move]:
    """Give each unit (a together group, or one service) a span its teams can staff.

    The span is the unit's longest duration, stretched while the unit's
    combined load, counting the bridges its services may need, exceeds the
    fewest people the team has in any week it has people at all within the
    unit's window (from its release to its deadline, or to the horizon). So a
    migration fits any staffed week it could run in (a dip in capacity delays
    it rather than making the plan impossible; a dip after its deadline does
    not stretch it), a group starts and cuts over together, which the
    scheduling core models natively, and paying every bridge never makes a
    plan impossible. Each bridge's load is rounded up on its own, as the model
    carries it (one optional load per bridge), so the sum checked here is the
    sum the model may have to hold: rounding the bridges' total effort once
    would undercount it by up to a tenth of a person per bridge. A unit no team
    can hold keeps its span and fails visibly.
    """
    horizon = max((len(c) for c in capacities), default=0)
    aligned = list(moves)
    for unit in units:
        first = max(moves[i].release for i in unit)
        ends = [d for i in unit if (d := moves[i].deadline) is not None]
        last = min(ends, default=horizon)
        floor = [_floor(caps, first, last) for caps in capacities]
        span = start_span = max(moves[i].duration for i in unit)
        while True:
            per_team: dict[int, int] = {}
            for i in unit:
                t = moves[i].team_index
                need = person_load(moves[i].effort_days, span) + sum(
                    person_load(effort, span) for effort in bridge_effort.get(i, ())
                )
                per_team[t] = per_team.get(t, 0) + need
            if all(total <= floor[t] for t, total in per_team.items()):
                break
            span += 1
            if span > min(horizon, MAX_SPAN):
                span = start_span
                break
        for i in unit:
            m = moves[i]
            if m.duration != span:
                aligned[i] = replace(m, duration=span, load=person_load(m.effort_days, span))
    return aligned
