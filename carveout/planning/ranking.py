"""How each objective ranks schedules, so that plans found different ways can be compared."""

from __future__ import annotations

from carveout.domain import Objective
from carveout.planning.incumbent import schedule_cost
from carveout.planning.rcpsp import Solution
from carveout.planning.rcpsp.heuristics import makespan
from carveout.planning.terms import SeparationModel

Rank = tuple[float, ...]
"""How an objective orders schedules (less is better): cost, finish, or finish then cost."""


def schedule_rank(model: SeparationModel, starts: tuple[int, ...], objective: Objective) -> Rank:
    """What ``objective`` makes of the schedule ``starts``, money in the model's units."""
    if objective is Objective.COST:
        return (float(schedule_cost(model, starts)),)
    span = float(makespan(model.core.instance, starts))
    if objective is Objective.FINISH:
        return (span,)
    return (span, float(schedule_cost(model, starts)))


def solution_rank(solution: Solution, objective: Objective, unit: int) -> Rank | None:
    """The same ranking for a solution the search found (its money is in pounds)."""
    if solution.objective is None or solution.makespan is None:
        return None
    if objective is Objective.FINISH:
        return (float(solution.objective),)
    cost = solution.objective / unit
    return (cost,) if objective is Objective.COST else (float(solution.makespan), cost)


def ranks_after(found: Rank, known: Rank) -> bool:
    """Whether the search's ``found`` ranks after ``known``, beyond rounding."""
    for mine, theirs in zip(found, known, strict=True):
        if abs(mine - theirs) > 1e-6:
            return mine > theirs
    return False


def cheapest(
    model: SeparationModel, schedules: list[tuple[str, tuple[int, ...]]], objective: Objective
) -> tuple[tuple[int, ...], Rank, str] | None:
    """The schedule among ``schedules`` that the objective ranks first, with its value."""
    valued = [(starts, schedule_rank(model, starts, objective), name) for name, starts in schedules]
    return min(valued, key=lambda v: v[1], default=None)
