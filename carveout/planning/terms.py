"""The separation's own constraints and costs, added on top of the scheduling core's model.

The core models activities, precedences, same-start groups, team capacity,
releases, deadlines and forbidden ends. This module adds what only a
separation has: bridgeable dependencies (precedence or a paid bridge whose
effort loads the dependent service's team), soft deadlines, hosting cost per
cut-over week, the stability penalty when replanning, and, for explanations,
deadlines and releases under assumption literals.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from carveout.planning.rcpsp import ScheduleModel, SolverConfig
from carveout.planning.separation import Separation


@dataclass(slots=True)
class Assumption:
    """One assumption literal and what it stands for (``deadline`` or ``release``)."""

    literal: cp_model.IntVar
    kind: str
    move: int


@dataclass(slots=True)
class SeparationModel:
    """A core model with the separation's cost terms, ready to minimise."""

    separation: Separation
    core: ScheduleModel
    hosting: list[cp_model.LinearExpr] = field(default_factory=list)
    bridged: list[cp_model.IntVar] = field(default_factory=list)
    lateness: list[cp_model.IntVar] = field(default_factory=list)
    moved: list[cp_model.IntVar] = field(default_factory=list)
    # What each auxiliary variable stands for, so a schedule can hint every one of them.
    months: list[tuple[cp_model.IntVar, int, int]] = field(default_factory=list)
    late_of: list[tuple[int, int]] = field(default_factory=list)
    moved_of: list[tuple[int, int]] = field(default_factory=list)
    assumptions: list[Assumption] = field(default_factory=list)
    stability_weight: int = 0

    def cost(self) -> cp_model.LinearExpr:
        """Hosting + bridges + lateness + stability penalty, in the model's money.

        That is whole pounds, or whole units of ``money_unit`` pounds when the
        amounts are huge. A unit per service per week until cut-over breaks ties between
        equally priced dates towards the earlier one.
        """
        sep = self.separation
        penalty = sep.in_units(sep.scenario.lateness_penalty * 7)
        bridges = [sep.in_units(b.cost) for b in sep.bridges]
        return (
            sum(self.hosting, cp_model.LinearExpr.constant(0))
            + sum(self.core.ends, cp_model.LinearExpr.constant(0))
            + cp_model.LinearExpr.weighted_sum(self.bridged, bridges)
            + penalty * sum(self.lateness, cp_model.LinearExpr.constant(0))
            + self.stability_weight * sum(self.moved, cp_model.LinearExpr.constant(0))
        )


def build_model(
    separation: Separation,
    config: SolverConfig,
    *,
    previous_ends: dict[str, int] | None = None,
    stability_weight: int = 0,
    explain: bool = False,
) -> SeparationModel:
    """The CP-SAT model of ``separation``.

    With ``explain`` the deadlines and releases are left out of the core and
    added here under assumption literals, so an infeasible solve can name them.
    """
    instance = separation.instance(deadlines=not explain, releases=not explain)
    core = ScheduleModel(instance, config)
    built = SeparationModel(separation, core, stability_weight=stability_weight)
    _add_bridges(built)
    _add_hosting(built)
    if separation.soft_deadlines and not explain:
        _add_lateness(built)
    if explain:
        _add_assumptions(built)
    if previous_ends:
        _add_stability(built, previous_ends)
    return built


def _add_bridges(built: SeparationModel) -> None:
    sep, core, m = built.separation, built.core, built.core.model
    extra: dict[int, list[tuple[cp_model.IntervalVar, int]]] = {}
    for b in sep.bridges:
        paid = m.new_bool_var(f"bridge_{b.key}")
        m.add(core.ends[b.before] <= core.starts[b.after]).only_enforce_if(paid.Not())
        built.bridged.append(paid)
        after = sep.moves[b.after]
        if b.load > 0:
            interval = m.new_optional_interval_var(
                core.starts[b.after], after.duration, core.ends[b.after], paid, f"bload_{b.key}"
            )
            extra.setdefault(after.team_index, []).append((interval, b.load))
    for team, loads in extra.items():
        _team_cumulative(built, team, loads)


def _team_cumulative(
    built: SeparationModel, team: int, extra: list[tuple[cp_model.IntervalVar, int]]
) -> None:
    """The team's capacity again, now counting the optional bridge loads too."""
    sep, core = built.separation, built.core
    caps = sep.capacities[team]
    peak = max(caps)
    intervals = [core.intervals[m.index] for m in sep.moves if m.team_index == team and m.load]
    demands = [m.load for m in sep.moves if m.team_index == team and m.load]
    week = 0
    while week < len(caps):
        level, run = caps[week], week
        while run < len(caps) and caps[run] == level:
            run += 1
        if level < peak:
            intervals.append(
                core.model.new_fixed_size_interval_var(week, run - week, f"cap_{team}")
            )
            demands.append(peak - level)
        week = run
    for interval, load in extra:
        intervals.append(interval)
        demands.append(load)
    core.model.add_cumulative(intervals, demands, peak)


def _add_hosting(built: SeparationModel) -> None:
    """Hosting cost as a sum of monthly steps, each paid when the cut-over comes after it.

    The weekly cost table is a non-decreasing step function of the end week,
    so ``cost = table[first] + sum(step * [end >= week])`` over the weeks where
    it rises. Each step literal is only forced on by a late end; minimising
    keeps it off otherwise. This is far lighter than an element constraint
    over every week and gives the LP relaxation the cost slope.
    """
    sep, core, m = built.separation, built.core, built.core.model
    for move, table in zip(sep.moves, sep.cost_tables, strict=True):
        end = core.ends[move.index]
        first, last = _bounds(end)
        # An empty window (a deadline before the earliest end) leaves the model
        # infeasible anyway; the clamp only keeps the table lookup in range.
        first = min(max(0, first), len(table) - 1)
        last = max(first, min(len(table) - 1, last))
        terms: list[cp_model.LinearExpr] = [cp_model.LinearExpr.constant(table[first])]
        for week in range(first + 1, last + 1):
            step = table[week] - table[week - 1]
            if step <= 0:
                continue
            paid = m.new_bool_var(f"month_{move.service}_{week}")
            m.add(end <= week - 1).only_enforce_if(paid.Not())
            built.months.append((paid, move.index, week))
            terms.append(step * paid)
        cost = cp_model.LinearExpr.sum(terms)
        # The lower convex hull of the table under-estimates it linearly: a cut
        # that gives the LP relaxation (and so the proven bound) the cost slope.
        for (p, fp), (q, fq) in itertools.pairwise(_lower_hull(table, first, last)):
            m.add((q - p) * cost >= (fq - fp) * (end - p) + (q - p) * fp)
        built.hosting.append(cost)


def _lower_hull(table: tuple[int, ...], first: int, last: int) -> list[tuple[int, int]]:
    """The lower convex hull of the points ``(week, table[week])`` for first ≤ week ≤ last."""
    hull: list[tuple[int, int]] = []
    for point in ((w, table[w]) for w in range(first, last + 1)):
        while len(hull) >= 2:
            (x1, y1), (x2, y2) = hull[-2], hull[-1]
            # Drop the middle point when it lies on or above the chord to the new point.
            if (y2 - y1) * (point[0] - x1) >= (point[1] - y1) * (x2 - x1):
                hull.pop()
            else:
                break
        hull.append(point)
    return hull


def _bounds(variable: cp_model.IntVar) -> tuple[int, int]:
    domain = list(variable.proto.domain)  # the proto field does not index from the end
    return int(domain[0]), int(domain[-1])


def _add_lateness(built: SeparationModel) -> None:
    sep, core, m = built.separation, built.core, built.core.model
    for move in sep.moves:
        if move.deadline is None:
            continue
        late = m.new_int_var(0, sep.horizon, f"late_{move.service}")
        m.add(late >= core.ends[move.index] - move.deadline)
        built.lateness.append(late)
        built.late_of.append((move.index, move.deadline))


def _add_assumptions(built: SeparationModel) -> None:
    sep, core, m = built.separation, built.core, built.core.model
    for move in sep.moves:
        if move.deadline is not None:
            lit = m.new_bool_var(f"deadline_{move.service}")
            m.add(core.ends[move.index] <= move.deadline).only_enforce_if(lit)
            built.assumptions.append(Assumption(lit, "deadline", move.index))
        if move.fixed_start is not None:
            lit = m.new_bool_var(f"frozen_{move.service}")
            m.add(core.starts[move.index] == move.fixed_start).only_enforce_if(lit)
            built.assumptions.append(Assumption(lit, "frozen", move.index))
        elif move.release > 0:
            lit = m.new_bool_var(f"release_{move.service}")
            m.add(core.starts[move.index] >= move.release).only_enforce_if(lit)
            built.assumptions.append(Assumption(lit, "release", move.index))


def _add_stability(built: SeparationModel, previous_ends: dict[str, int]) -> None:
    sep, core, m = built.separation, built.core, built.core.model
    for move in sep.moves:
        before = previous_ends.get(move.service)
        if before is None or move.fixed_start is not None:
            continue
        shift = m.new_int_var(0, sep.horizon + abs(before), f"moved_{move.service}")
        m.add_abs_equality(shift, core.ends[move.index] - before)
        built.moved.append(shift)
        built.moved_of.append((move.index, before))
