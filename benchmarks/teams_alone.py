"""A lower bound from each team scheduled alone, exactly: what capacity costs team by team.

Each team's services are scheduled on their own by CP-SAT: every service from its
model start domain (releases, blackouts and 'before' chains already in it), the
team's capacity week by week, and each service at its floor
(:mod:`carveout.planning.service_floor`: its hosting and the least its bridges need
with its providers at their earliest ends) as the objective. CP-SAT's best bound for
each team is a lower bound on what any plan pays for that team's services, so the
sum (with the floors of services that use no one) is a lower bound on any plan, as in
:mod:`carveout.planning.team_bound`, which relaxes the same problem further.
"""

from __future__ import annotations

import math

from ortools.sat.python import cp_model

from carveout.planning.service_floor import ServiceFloor, service_floors
from carveout.planning.terms import SeparationModel


def teams_alone_bound(model: SeparationModel, seconds_per_team: float) -> tuple[int, int]:
    """The bound in the model's money, and how many teams were proven (not just bounded)."""
    sep = model.separation
    floors = service_floors(model)
    total = sum(floors[move.index](0) for move in sep.moves if move.load <= 0)
    proven = 0
    for team, indices in sep.team_members().items():
        value, optimal = _team(model, team, indices, floors, seconds_per_team)
        total += value
        proven += optimal
    return total, proven


def _team(
    model: SeparationModel,
    team: int,
    indices: list[int],
    floors: list[ServiceFloor],
    seconds: float,
) -> tuple[int, bool]:
    sep = model.separation
    m = cp_model.CpModel()
    intervals, demands, costs = [], [], []
    for j in indices:
        move = sep.moves[j]
        domain = list(model.core.starts[j].proto.domain)
        start = m.new_int_var_from_domain(cp_model.Domain.from_flat_intervals(domain), f"s{j}")
        first, last = domain[0] + move.duration, domain[-1] + move.duration
        end = m.new_int_var(first, last, f"e{j}")
        intervals.append(m.new_interval_var(start, move.duration, end, f"i{j}"))
        demands.append(move.load)
        values = [floors[j](week) for week in range(first, last + 1)]
        cost = m.new_int_var(min(values), max(values), f"c{j}")
        m.add_element(end - first, values, cost)
        costs.append(cost)
    caps = sep.capacities[team]
    peak = max(caps)
    for week, level in enumerate(caps):
        if level < peak:
            intervals.append(m.new_fixed_size_interval_var(week, 1, f"cap{week}"))
            demands.append(peak - level)
    m.add_cumulative(intervals, demands, peak)
    m.minimize(sum(costs))
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = seconds
    solver.parameters.num_workers = 2
    status = solver.solve(m)
    if status == cp_model.INFEASIBLE:
        return sum(floors[j](0) for j in indices), False
    return math.ceil(solver.best_objective_bound - 1e-6), status == cp_model.OPTIMAL
