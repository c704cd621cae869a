"""Why no plan fits, in a few lines a programme board can read, and when one would.

Deadlines, earliest starts and frozen dates are put under assumption literals;
CP-SAT returns a set of them that cannot all hold. That set is shrunk when it
is small (dropping each literal in turn and re-solving), grouped by team, and
each group is explained with the tightest capacity window: the person-days of
work that must fall inside it against the person-days the team has there. When
capacity is not short, the longest chain of dependencies is shown instead.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from datetime import date, timedelta

from carveout.planning.calendar import WORKING_DAYS_PER_WEEK, Calendar, period_label
from carveout.planning.plan import Conflict
from carveout.planning.rcpsp import SolverConfig
from carveout.planning.separation import Move, Separation
from carveout.planning.terms import Assumption, build_model
from carveout.planning.units import LOAD_SCALE

SHRINK_LIMIT = 12
"""Conflict sets up to this size are shrunk literal by literal (one short solve each)."""
MINIMUM_SECONDS = 1.5
"""Wall time an explaining step needs at least; with less left the step is skipped."""
OUT_OF_TIME = (
    "The time limit ran out before the reason no plan fits (or the earliest deadline that "
    "would) was found: run again with a longer --time-limit."
)


def _person_days(tenth_weeks: float) -> float:
    return tenth_weeks * WORKING_DAYS_PER_WEEK / LOAD_SCALE


def _names(moves: list[Move], limit: int = 3) -> str:
    names = sorted(m.service for m in moves)
    shown = ", ".join(names[:limit])
    return f"{shown} and {len(names) - limit} more" if len(names) > limit else shown


def _conflicting(sep: Separation, config: SolverConfig) -> list[Assumption] | None:
    """A set of assumptions that cannot all hold, None when they all can, [] when unknown."""
    config = replace(config, warm_start=False)  # a heuristic schedule cannot name a conflict
    built = build_model(sep, config, explain=True)
    literals = [a.literal for a in built.assumptions]
    solution = built.core.solve(assumptions=literals)
    if solution.status == "unknown":
        return []  # not proven within the time limit: nothing to name
    if solution.status != "infeasible":
        return None
    by_index = {a.literal.Index(): a for a in built.assumptions}
    found = [by_index[i] for i in built.core.sufficient_assumptions_for_infeasibility()]
    if not found or len(found) > SHRINK_LIMIT:
        return found
    kept = list(found)
    for candidate in list(found):
        if config.wall_seconds(1.0) < 1.0:
            break  # out of time: the set found so far still conflicts, only less minimal
        trial = [a for a in kept if a is not candidate]
        rebuilt = build_model(
            sep, replace(config, time_limit=min(2.0, config.time_limit)), explain=True
        )
        wanted = {(a.kind, a.move) for a in trial}
        lits = [a.literal for a in rebuilt.assumptions if (a.kind, a.move) in wanted]
        if rebuilt.core.solve(assumptions=lits).status == "infeasible":
            kept = trial
    return kept


def _capacity_window(
    sep: Separation, team: int, moves: list[Move], releases: dict[int, int]
) -> tuple[int, int, float, float]:
    """The window ``[first, last)`` where the team's due work most exceeds its capacity."""
    best: tuple[int, int, float, float] | None = None
    caps = sep.capacities[team]
    for first in sorted({releases.get(m.index, 0) for m in moves}):
        for last in sorted({m.deadline for m in moves if m.deadline is not None}):
            if last <= first:
                continue
            inside = [
                m
                for m in moves
                if m.deadline is not None
                and m.deadline <= last
                and releases.get(m.index, 0) >= first
            ]
            needs = _person_days(sum(m.load * m.duration for m in inside))
            has = _person_days(sum(caps[first:last]))
            if best is None or needs - has > best[2] - best[3]:
                best = (first, last, needs, has)
    return best or (0, 0, 0.0, 0.0)


def _longest_chain(
    sep: Separation, releases: dict[int, int], targets: list[Move]
) -> tuple[list[int], int]:
    """The dependency chain into ``targets`` with the latest earliest finish (ignoring capacity)."""
    preds: dict[int, list[int]] = defaultdict(list)
    for p in sep.precedences:
        preds[p.after].append(p.before)
    finish: dict[int, tuple[int, int | None]] = {}

    def visit(i: int) -> int:
        if i not in finish:
            finish[i] = (releases.get(i, 0) + sep.moves[i].duration, None)
            for p in preds[i]:
                candidate = visit(p) + sep.moves[i].duration
                if candidate > finish[i][0]:
                    finish[i] = (candidate, p)
        return finish[i][0]

    for m in targets:
        visit(m.index)
    if not targets:
        return [], 0
    last = max(
        (m.index for m in targets), key=lambda i: (finish[i][0] - (sep.moves[i].deadline or 0), -i)
    )
    chain: list[int] = [last]
    while (step := finish[chain[-1]][1]) is not None:
        chain.append(step)
    return chain[::-1], finish[last][0]


def describe(sep: Separation, found: list[Assumption]) -> list[Conflict]:
    """Readable conflicts for a set of assumptions that cannot all hold."""
    cal = sep.calendar
    conflicts: list[Conflict] = []
    releases = {a.move: sep.moves[a.move].release for a in found if a.kind == "release"}
    releases.update(
        {a.move: sep.moves[a.move].fixed_start or 0 for a in found if a.kind == "frozen"}
    )
    starts = [sep.moves[a.move] for a in found if a.kind == "release"]
    under_way = [sep.moves[a.move] for a in found if a.kind == "frozen"]
    due = [sep.moves[a.move] for a in found if a.kind == "deadline"]
    by_team: dict[int, list[Move]] = defaultdict(list)
    for move in due:
        by_team[move.team_index].append(move)
    for team, moves in sorted(by_team.items()):
        dates = sorted({m.deadline_date for m in moves if m.deadline_date})
        when = ", ".join(f"{d:%d %b %Y}" for d in dates)
        constraint = f"deadline {when} for {_names(moves)}"
        first, last, needs, has = _capacity_window(sep, team, moves, releases)
        name = sep.teams[team].name
        if needs > has:
            period = period_label(cal.day(first), cal.day(last) - timedelta(days=1))
            detail = (
                f"capacity of the {name} team in {period}: "
                f"needs {needs:,.0f} person-days, has {has:,.0f}"
            )
        else:
            chain, finish = _longest_chain(sep, releases, moves)
            if chain and finish > (sep.moves[chain[-1]].deadline or finish):
                path = " → ".join(sep.moves[i].service for i in chain)
                detail = f"the chain {path} cannot cut over before {cal.cutover(finish):%d %b %Y}"
            else:
                detail = (
                    f"the {name} team's work cannot be fitted around its dependencies, "
                    f"blackouts and capacity ({needs:,.0f} person-days due, {has:,.0f} available)"
                )
        conflicts.append(Conflict(constraint=constraint, detail=detail))
    # Earliest starts and work under way come after the deadlines they clash
    # with, one line each however many services they involve.
    if starts:
        conflicts.append(
            Conflict(
                constraint=f"earliest start {_span(cal, starts)} of {_names(starts)}",
                detail="their work cannot begin before then",
            )
        )
    if under_way:
        conflicts.append(
            Conflict(
                constraint=f"{_names(under_way)} under way since {_span(cal, under_way)}",
                detail="work in progress is kept at its actual dates",
            )
        )
    return conflicts


def _span(cal: Calendar, moves: list[Move]) -> str:
    days = sorted({cal.day(m.fixed_start or m.release) for m in moves})
    first, last = days[0], days[-1]
    return f"{first:%d %b %Y}" if first == last else f"{first:%d %b %Y} to {last:%d %b %Y}"


def earliest_feasible_deadline(sep: Separation, config: SolverConfig) -> tuple[date | None, bool]:
    """The earliest scenario deadline any plan meets, and whether it is proven earliest."""
    relaxed = sep.without_scenario_deadline()
    built = build_model(relaxed, replace(config, warm_start=False))
    built.core.minimise(built.core.makespan)
    solution = built.core.solve()
    if not solution.feasible or solution.makespan is None:
        return None, False
    return sep.calendar.cutover(solution.makespan), solution.status == "optimal"


def explain_infeasibility(
    *, separation: Separation, config: SolverConfig, timed_out: bool
) -> tuple[list[Conflict], date | None, list[str]]:
    """``(conflicts, earliest feasible deadline, notes)`` for a scenario with no plan."""
    notes: list[str] = []
    if timed_out:
        notes.append(
            "No plan was found within the time limit, and none was proven impossible: "
            "run again with a longer --time-limit."
        )
        return [], None, notes
    if config.wall_left() < MINIMUM_SECONDS:
        notes.append(OUT_OF_TIME)
        return [], None, notes
    found = _conflicting(separation, config)
    conflicts = describe(separation, found) if found else []
    if found is None:
        notes.append(
            "The work cannot fit the teams' capacity periods even without deadlines, "
            "earliest starts or frozen dates: add capacity or extend the capacity periods."
        )
    elif not conflicts:
        notes.append(
            "The conflicting constraints were not identified within the time limit: "
            "run again with a longer --time-limit."
        )
    if config.wall_left() < MINIMUM_SECONDS:
        notes.append(OUT_OF_TIME)
        return conflicts, None, notes
    earliest, proven = earliest_feasible_deadline(separation, config)
    if earliest is not None and separation.scenario.deadline is not None:
        how = "proven earliest" if proven else "best found; an earlier date may exist"
        notes.append(f"A plan fits with a deadline of {earliest:%d %b %Y} ({how}).")
    return conflicts, earliest, notes
