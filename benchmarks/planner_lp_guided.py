"""Does the relaxation's own solution make a better starting plan, and how much higher is its
integer optimum than its linear one?

For each generated portfolio (see :mod:`benchmarks.planner_portfolios`) this prints

- the relaxation (:func:`carveout.planning.relaxation_bound.relaxation_programme`, weekly,
  whole horizon) solved as a linear programme, and again with every column integral (each
  end in one week, each bridge paid or not) by HiGHS's mixed-integer solver within
  ``--mip-seconds``: its proven lower end is a lower bound on every plan too;
- two starting plans, each improved by the large-neighbourhood search
  (:func:`carveout.planning.lns.improve`) for ``--lns-seconds`` on the wall clock: the
  planner's own warm start (:func:`carveout.planning.warm.warm_schedule`), and the serial
  schedule whose priorities are the linear solution's α-points (the first week a service
  has ended with weight α; α = 0.3, 0.5, 0.7, paying weights 0 and 0.5; the cheapest
  valid one, else the warm start's repair of the overrunning ones).

    .venv/bin/python -m benchmarks.planner_lp_guided --sizes 80 250 --seeds 0 1
"""

from __future__ import annotations

import argparse
import itertools
import os
import time

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, linprog, milp

from benchmarks.planner_bound_anatomy import starts_reaching
from benchmarks.planner_portfolios import generated, millions, print_rows
from carveout.planning.incumbent import invalid, schedule_cost
from carveout.planning.lns import improve
from carveout.planning.prepare import build_separation
from carveout.planning.rcpsp import SolverConfig
from carveout.planning.rcpsp.heuristics import makespan
from carveout.planning.relaxation_bound import relaxation_programme
from carveout.planning.relaxation_rows import Ends
from carveout.planning.terms import SeparationModel, build_model
from carveout.planning.warm import _bridging_sgs, _repair, warm_schedule

ALPHAS = (0.3, 0.5, 0.7)
WEIGHTS = (0.0, 0.5)


def guided_start(model: SeparationModel, x: np.ndarray, ends: Ends) -> tuple[int, ...] | None:
    """The cheapest valid serial schedule from the α-points, else a repair of the overruns."""
    sep = model.separation
    instance = sep.instance()
    valid: list[tuple[int, tuple[int, ...]]] = []
    overrun: list[tuple[int, ...]] = []
    for alpha, weight in itertools.product(ALPHAS, WEIGHTS):
        try:
            priorities = [float(w) for w in starts_reaching(model, ends, x, alpha)]
            starts = _bridging_sgs(sep, instance, priorities, weight)
        except ValueError:
            continue
        if invalid(sep, instance, starts):
            overrun.append(starts)
        else:
            valid.append((schedule_cost(model, starts), starts))
    if valid:
        return min(valid)[1]
    overrun.sort(key=lambda s: makespan(instance, s))
    config = SolverConfig(time_limit=60, workers=2)
    return _repair(sep, instance, overrun, config, time.perf_counter() + 30)


def run(size: int, seed: int, *, mip_seconds: float, lns_seconds: float) -> dict[str, str]:
    portfolio, scenario = generated(size, seed)
    separation = build_separation(portfolio=portfolio, scenario=scenario)
    model = build_model(separation, SolverConfig(time_limit=10, workers=1))
    unit = separation.money_unit
    row = {"services": str(size), "seed": str(seed)}
    programme = relaxation_programme(model)
    cost, matrix = programme.cost.astype(float), programme.matrix.astype(float)
    began = time.perf_counter()
    lp = linprog(cost, A_ub=matrix, b_ub=programme.rhs, bounds=(0, 1), method="highs")
    row["lp"] = millions((lp.fun + programme.constant) * unit)
    row["lp s"] = f"{time.perf_counter() - began:.1f}"
    began = time.perf_counter()
    mip = milp(
        cost,
        constraints=LinearConstraint(matrix, -np.inf, programme.rhs),
        integrality=np.ones(len(cost)),
        bounds=Bounds(0, 1),
        options={"time_limit": mip_seconds, "mip_rel_gap": 1e-4},
    )
    dual = mip.mip_dual_bound
    row["integer"] = millions(None if dual is None else (dual + programme.constant) * unit)
    row["integer status"] = "optimal" if mip.status == 0 else "time limit"
    row["integer s"] = f"{time.perf_counter() - began:.1f}"
    starts = {
        "own": warm_schedule(separation, SolverConfig(time_limit=60, workers=2, seed=seed)),
        "lp-guided": guided_start(model, lp.x, programme.ends),
    }
    for name, start in starts.items():
        row[f"{name} start"] = millions(
            None if start is None else schedule_cost(model, start) * unit
        )
        if start is None:
            row[f"{name} after"] = "-"
            continue
        improved = improve(model, start, budget=lns_seconds, seed=seed, workers=2)
        row[f"{name} after"] = millions(improved.cost * unit)
    row["load"] = f"{os.getloadavg()[0]:.1f}"
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[80, 250])
    parser.add_argument("--seeds", type=int, nargs="+", default=[0])
    parser.add_argument("--mip-seconds", type=float, default=300.0)
    parser.add_argument("--lns-seconds", type=float, default=40.0)
    args = parser.parse_args()
    print(f"load average at the start: {os.getloadavg()[0]:.1f}", flush=True)
    rows = []
    for size, seed in itertools.product(args.sizes, args.seeds):
        rows.append(run(size, seed, mip_seconds=args.mip_seconds, lns_seconds=args.lns_seconds))
        print_rows(rows[-1:])
    print_rows(rows)
    print(f"load average at the end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
