"""A schedule as the separation model sees it: valid or not, what it costs, the hint it
gives every variable, and the plan to fall back on.

When the solver finds nothing within its time, a valid schedule (the warm start
or the large-neighbourhood search's) is still a plan: it is returned as
``feasible`` with its cost and the solver's bound.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from carveout.domain import Objective
from carveout.planning.rcpsp import Instance, Solution, violations
from carveout.planning.rcpsp.heuristics import makespan
from carveout.planning.rcpsp.solution import relative_gap
from carveout.planning.rebridge import with_load
from carveout.planning.separation import Separation
from carveout.planning.terms import SeparationModel


def invalid(separation: Separation, instance: Instance, starts: tuple[int, ...]) -> list[str]:
    """The schedule's violations with the bridges it needs counted in the teams' load."""
    ends = [s + a.duration for s, a in zip(starts, instance.activities, strict=True)]
    extra = [0] * len(instance.activities)
    for b in separation.bridges:
        if ends[b.before] > starts[b.after]:
            extra[b.after] += b.load
    activities = tuple(with_load(a, extra[i]) for i, a in enumerate(instance.activities))
    return violations(replace(instance, activities=activities), starts)


def hint_model(model: SeparationModel, starts: tuple[int, ...]) -> None:
    """Hint every variable of ``model`` with the values the schedule ``starts`` implies."""
    sep, core = model.separation, model.core
    if len(starts) != len(sep.moves):
        return
    ends = [s + m.duration for s, m in zip(starts, sep.moves, strict=True)]
    for var, value in zip(core.starts, starts, strict=True):
        core.add_hint(var, value)
    for var, value in zip(core.ends, ends, strict=True):
        core.add_hint(var, value)
    core.add_hint(core.makespan, max(ends, default=0))
    for bridge, paid in zip(sep.bridges, model.bridged, strict=True):
        core.add_hint(paid, int(ends[bridge.before] > starts[bridge.after]))
    for literal, move, week in model.months:
        core.add_hint(literal, int(ends[move] >= week))
    for late, (move, deadline) in zip(model.lateness, model.late_of, strict=True):
        core.add_hint(late, max(0, ends[move] - deadline))
    for shift, (move, before) in zip(model.moved, model.moved_of, strict=True):
        core.add_hint(shift, abs(ends[move] - before))


def schedule_cost(model: SeparationModel, starts: tuple[int, ...]) -> int:
    """The value of ``model.cost()`` for the schedule, with every literal at its least."""
    ends = [s + m.duration for s, m in zip(starts, model.separation.moves, strict=True)]
    return dates_cost(model, starts, ends)


def dates_cost(model: SeparationModel, starts: Sequence[int], ends: Sequence[int]) -> int:
    """:func:`schedule_cost` for given start and end weeks, which may be another model's (a
    plan made by an earlier version, whose spans differ): hosting and running cost by each
    end, each bridge paid whose provider ends after its consumer starts, lateness, moves."""
    sep = model.separation
    total = sum(ends)
    for move, table in zip(sep.moves, sep.cost_tables, strict=True):
        total += table[max(0, min(len(table) - 1, ends[move.index]))]
    total += sum(sep.in_units(b.cost) for b in sep.bridges if ends[b.before] > starts[b.after])
    penalty = sep.in_units(sep.scenario.lateness_penalty * 7)
    total += penalty * sum(max(0, ends[m] - d) for m, d in model.late_of)
    total += model.stability_weight * sum(abs(ends[m] - b) for m, b in model.moved_of)
    return total


def at_dates_cost(model: SeparationModel, solution: Solution, unit: int) -> Solution:
    """``solution`` (a cost in pounds, ``unit`` pounds to the model's money) with its
    objective the least its dates cost (:func:`schedule_cost`) when that is lower.

    A search stopped by its limit may leave a bridge marked paid that its dates do not
    need; the plan's figures (its bridges, hosting and running cost) are read from the
    dates, so its objective and gap are too.
    """
    if not solution.feasible or solution.objective is None:
        return solution
    value = float(schedule_cost(model, solution.starts) * unit)
    if value >= solution.objective:
        return solution
    gap = relative_gap(value, solution.bound) if solution.bound is not None else None
    return replace(solution, objective=value, gap=gap)


def fallback_solution(
    model: SeparationModel, starts: tuple[int, ...], objective: Objective, failed: Solution
) -> Solution:
    """The warm-start schedule as a ``feasible`` solution, with the solver's bound and gap."""
    span = makespan(model.core.instance, starts)
    value = float(span if objective is Objective.FINISH else schedule_cost(model, starts))
    # Finish-then-cost searches in two stages: the solver's bound may be of either, so none.
    bound = None if objective is Objective.LEXICOGRAPHIC else model.core.best_bound()
    if bound is not None:
        bound = min(bound, value)
    gap = relative_gap(value, bound) if bound is not None else None
    return Solution(
        "feasible", starts, span, value, bound, gap, failed.seconds, failed.heuristic_makespan
    )
