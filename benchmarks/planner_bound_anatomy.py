"""Where the planner's gap lies: the plan, the relaxation, and the best plan without people.

For each generated portfolio (see :mod:`benchmarks.planner_portfolios`) this prints

- the chain bound, each team scheduled alone exactly (:mod:`benchmarks.teams_alone`),
  and the relaxation bound over the whole horizon, week by week
  (:mod:`carveout.planning.relaxation_bound`);
- the **uncapacitated optimum**: the least cost of any plan if every team had
  all the people it wanted. The relaxation without its capacity rows, with each
  bridge paid or not (HiGHS's mixed-integer solver, ``scipy.optimize.milp``; the
  end weeks may stay fractional, but the rows of waits and ends have integral
  vertices once the bridges are fixed). "its dates" says whether the solution,
  read as start weeks, is a valid plan of the portfolio with a hundred times the
  people, and what it costs there: when it is valid and costs the optimum, the
  figure is that plan's exact cost;
- a plan after ``--time-limit`` seconds (the planner as it is), and its gap to the
  relaxation and to the uncapacitated optimum.

What lies between the uncapacitated optimum and the plan is what the teams'
capacity costs (plus what the plan misses); what lies between the relaxation and
the uncapacitated optimum is all the relaxation sees of capacity.

    .venv/bin/python -m benchmarks.planner_bound_anatomy --sizes 250 1000 --seeds 0 1
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import time

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp

from benchmarks.planner_portfolios import generated, millions, print_rows
from benchmarks.teams_alone import teams_alone_bound
from carveout.planning.chain_bound import chain_cost_bound
from carveout.planning.incumbent import invalid, schedule_cost
from carveout.planning.planner import plan_scenario
from carveout.planning.prepare import build_separation
from carveout.planning.rcpsp import SolverConfig
from carveout.planning.relaxation_bound import relaxation_bound, relaxation_programme
from carveout.planning.relaxation_rows import Ends
from carveout.planning.separation import Separation
from carveout.planning.service_floor import service_floors
from carveout.planning.terms import SeparationModel, build_model

TEAM_SECONDS = 3.0
"""CP-SAT's time for each team scheduled alone (:mod:`benchmarks.teams_alone`)."""
PLENTY = 100
"""The people each team is given for the uncapacitated plan, as a multiple of its own."""


def uncapacitated(model: SeparationModel, seconds: float) -> tuple[float | None, dict[str, str]]:
    """The least cost in pounds with every team unbounded (its proven lower end), and the
    columns saying how it was found and whether its dates make a plan."""
    programme = relaxation_programme(model, capacity=False)
    integral = np.zeros(len(programme.cost))
    integral[programme.bridge_columns] = 1
    began = time.perf_counter()
    result = milp(
        programme.cost.astype(float),
        constraints=LinearConstraint(programme.matrix.astype(float), -np.inf, programme.rhs),
        integrality=integral,
        bounds=Bounds(0, 1),
        options={"time_limit": seconds, "mip_rel_gap": 1e-6},
    )
    elapsed = time.perf_counter() - began
    unit = model.separation.money_unit
    if result.x is None:
        return None, {"uncap": "-", "uncap status": "none", "uncap s": f"{elapsed:.1f}"}
    dual = (result.mip_dual_bound + programme.constant) * unit
    starts = starts_reaching(model, programme.ends, result.x)
    wide = _with_plenty(model.separation)
    wide_model = build_model(wide, SolverConfig(time_limit=1, workers=1))
    valid = not invalid(wide, wide.instance(), starts)
    return dual, {
        "uncap": millions(dual),
        "uncap status": "optimal" if result.status == 0 else "time limit",
        "uncap s": f"{elapsed:.1f}",
        "its dates": f"{'valid' if valid else 'invalid'} "
        f"{millions(schedule_cost(wide_model, starts) * unit)}",
    }


def starts_reaching(
    model: SeparationModel, ends: Ends, x: np.ndarray, alpha: float = 0.5
) -> tuple[int, ...]:
    """Each service's start week, from the first end week its column reaches ``alpha``."""
    out = []
    for move in model.separation.moves:
        j = move.index
        first, last, base = ends.first[j], ends.last[j], ends.base[j]
        reached = np.flatnonzero(x[base : base + last - first] >= alpha)
        end = first + (int(reached[0]) if len(reached) else last - first)
        out.append(end - move.duration)
    return tuple(out)


def _with_plenty(separation: Separation) -> Separation:
    capacities = tuple(tuple(c * PLENTY for c in caps) for caps in separation.capacities)
    return dataclasses.replace(separation, capacities=capacities)


def run(size: int, seed: int, *, time_limit: float, mip_seconds: float) -> dict[str, str]:
    portfolio, scenario = generated(size, seed)
    separation = build_separation(portfolio=portfolio, scenario=scenario)
    model = build_model(separation, SolverConfig(time_limit=time_limit, workers=1))
    unit = separation.money_unit
    row = {"services": str(size), "seed": str(seed)}
    began = time.perf_counter()
    weekly = relaxation_bound(model, bucket=1)
    row["chain"] = millions(chain_cost_bound(model, service_floors(model)) * unit)
    alone, proven = teams_alone_bound(model, TEAM_SECONDS)
    row["teams alone"] = f"{millions(alone * unit)} ({proven} proven)"
    row["relaxation"] = millions(None if weekly is None else weekly * unit)
    row["relax s"] = f"{time.perf_counter() - began:.1f}"
    uncap, columns = uncapacitated(model, mip_seconds)
    row.update(columns)
    plan = plan_scenario(
        portfolio=portfolio,
        scenario=scenario,
        time_limit=time_limit,
        workers=2,
        seed=seed,
        deterministic=False,
    )
    cost = plan.objective_value
    row["plan"] = millions(cost)
    if cost and weekly is not None:
        row["gap to relaxation"] = f"{(cost - weekly * unit) / cost:.1%}"
    if cost and uncap is not None:
        row["gap to uncap"] = f"{(cost - uncap) / cost:.1%}"
    row["load"] = f"{os.getloadavg()[0]:.1f}"
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[250])
    parser.add_argument("--seeds", type=int, nargs="+", default=[0])
    parser.add_argument("--time-limit", type=float, default=60.0)
    parser.add_argument("--mip-seconds", type=float, default=300.0)
    args = parser.parse_args()
    print(f"load average at the start: {os.getloadavg()[0]:.1f}")
    rows = [
        run(size, seed, time_limit=args.time_limit, mip_seconds=args.mip_seconds)
        for size in args.sizes
        for seed in args.seeds
    ]
    columns = {key for row in rows for key in row}
    ordered = [key for key in rows[0] if key in columns] + sorted(columns - set(rows[0]))
    print_rows([{key: row.get(key, "-") for key in ordered} for row in rows])
    print(f"load average at the end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
