"""A lower bound on the cost of any plan that counts each team's capacity.

Each service's own terms cost at least its floor at its cut-over week (see
:mod:`carveout.planning.service_floor`), and the floor never falls as the
cut-over moves later. A team's work limits how early its services can all cut
over: a migration of load ``l`` tenths of a person over ``d`` weeks takes
``l·d`` of the team's capacity, all of it inside ``[0, end)`` since nothing
starts before the origin.

**Why it is a lower bound.** Take any plan and order a team's migrations by
cut-over. The first ``k`` of them are done by the ``k``-th cut-over ``C_k``,
so their work, at least the sum ``E_k`` of the ``k`` smallest works of the
team, fits in the team's capacity before ``C_k``: ``C_k ≥ τ_k``, the first
week by which the capacity accumulated from the origin reaches ``E_k``. So the
plan puts each of the team's services in a distinct position ``k`` with a
cut-over no earlier than ``τ_k``, and its own terms cost at least its floor at
``τ_k``. The cheapest assignment of services to positions (solved exactly) is
therefore at most what the plan pays for the team's services. Services belong
to one team each and every other term (bridge loads aside, which only take
more capacity; lateness; stability) is non-negative, so the sum over teams,
plus the floors of services that use no capacity, is at most the cost of any
plan. Since ``τ_k ≥ 0``, it is never below the per-service bound.

It ignores precedences, releases and whether the capacity sits where the work
can use it, so it is still not exact. Cost: an assignment of ``n × n`` per
team of ``n`` services.
"""

from __future__ import annotations

from bisect import bisect_left
from itertools import accumulate

from ortools.graph.python import linear_sum_assignment

from carveout.planning.service_floor import ServiceFloor
from carveout.planning.terms import SeparationModel


def team_cost_bound(model: SeparationModel, floors: list[ServiceFloor]) -> int:
    """No plan of the model costs less, counting each team's capacity against its work."""
    sep = model.separation
    total = sum(floors[move.index](0) for move in sep.moves if move.load <= 0)
    for team, indices in sep.team_members().items():
        works = sorted(sep.moves[i].load * sep.moves[i].duration for i in indices)
        reach = reach_weeks(sep.capacities[team], list(accumulate(works)))
        total += cheapest_assignment([floors[i] for i in indices], reach)
    return total


def reach_weeks(capacity: tuple[int, ...], works: list[int]) -> list[int]:
    """For each cumulative work, the first end week by which the capacity from week 0 covers it.

    Past the weekly table the team has its peak (the model allows no end there anyway).
    """
    peak = max(capacity, default=0)
    if peak <= 0:
        return [0 for _ in works]  # no capacity at all: no plan exists, the floors stand
    covered = [0, *accumulate(capacity)]
    weeks: list[int] = []
    for work in works:
        end = bisect_left(covered, work)
        if end == len(covered):
            end = len(capacity) + -(-(work - covered[-1]) // peak)
        weeks.append(end)
    return weeks


def cheapest_assignment(floors: list[ServiceFloor], reach: list[int]) -> int:
    """The least sum of floors, each service at a distinct position's reach week."""
    n = len(floors)
    if n == 1:
        return floors[0](reach[0])
    weeks = sorted(set(reach))
    values = [dict(zip(weeks, map(floor, weeks), strict=True)) for floor in floors]
    assignment = linear_sum_assignment.SimpleLinearSumAssignment()
    for i, value in enumerate(values):
        for k, week in enumerate(reach):
            assignment.add_arc_with_cost(i, k, value[week])
    if assignment.solve() != assignment.OPTIMAL:
        return sum(floor(0) for floor in floors)  # the per-service bound still holds
    return sum(values[i][reach[assignment.right_mate(i)]] for i in range(n))
