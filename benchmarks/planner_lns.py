"""The planner with and without large-neighbourhood search, side by side on the same portfolios.

Each generated portfolio (as in :mod:`benchmarks.planner_scale`: 4 dependencies
per service, 10 teams, 3 years, cost objective, no scenario deadline) is planned
twice in one run with the same seed and time limit: once with the whole search
left to CP-SAT (``lns=False``, the planner before item 4 of issue 17) and once
with the large-neighbourhood search. Reports cost, bound and gap of each, and
the ratio of the costs, then each lower bound known before the search on its own
(static, team, chain and the time-indexed relaxation, with the weeks per bucket
and the seconds the relaxation took; see :mod:`carveout.planning.cost_bound`)
and the gap of the plan found by the search against the best of them alone.
The relaxation gets the share of the time limit the planner gives it. Run:
``python -m benchmarks.planner_lns [--sizes 250 1000 2000] [--time-limit 60] [--workers 2]
[--seeds 0 1 2] [--lns-from N]``; each seed is both the generated portfolio's and the
planner's. ``--lns-from`` replaces :data:`carveout.planning.planner.LNS_FROM` (the moves
from which the planner searches neighbourhoods) for the run, to compare below it.
"""

from __future__ import annotations

import argparse
import os
import time

from benchmarks.planner_portfolios import generated, millions, print_rows
from carveout.domain import Portfolio, Scenario
from carveout.planning import planner
from carveout.planning.cost_bound import SHARE, cost_bounds
from carveout.planning.planner import plan_scenario
from carveout.planning.prepare import build_separation
from carveout.planning.rcpsp import SolverConfig
from carveout.planning.terms import build_model


def run(size: int, *, time_limit: float, workers: int, seed: int = 0) -> dict[str, str]:
    portfolio, scenario = generated(size, seed)
    row = {"services": str(size), "seed": str(seed)}
    costs: dict[str, float] = {}
    for label, lns in (("cp-sat", False), ("lns", True)):
        began = time.perf_counter()
        plan = plan_scenario(
            portfolio=portfolio,
            scenario=scenario,
            time_limit=time_limit,
            workers=workers,
            seed=seed,
            deterministic=False,
            lns=lns,
        )
        costs[label] = plan.objective_value or 0.0
        row[f"{label} s"] = f"{time.perf_counter() - began:.1f}"
        row[f"{label} cost"] = millions(plan.objective_value)
        row[f"{label} gap"] = f"{plan.gap:.1%}" if plan.gap is not None else "-"
        row["bound"] = millions(plan.bound)
        row["load"] = f"{os.getloadavg()[0]:.1f}"
    found = costs["cp-sat"] and costs["lns"]
    ratio = costs["lns"] / costs["cp-sat"] if found else float("nan")
    row["lns / cp-sat"] = f"{ratio:.3f}"
    row.update(bound_columns(portfolio, scenario, time_limit=time_limit, cost=costs["lns"]))
    return row


def bound_columns(
    portfolio: Portfolio, scenario: Scenario, *, time_limit: float, cost: float
) -> dict[str, str]:
    """Each bound known before the search, in pounds, and the gap of ``cost`` to the best."""
    separation = build_separation(portfolio=portfolio, scenario=scenario)
    model = build_model(separation, SolverConfig(time_limit=time_limit, workers=1))
    bounds = cost_bounds(model, seconds=SHARE * time_limit)
    unit = separation.money_unit
    best = bounds.best * unit
    return {
        "static": millions(bounds.static * unit),
        "team": millions(bounds.team * unit),
        "chain": millions(bounds.chain * unit),
        "relaxation": millions(None if bounds.relaxation is None else bounds.relaxation * unit),
        "bucket": str(bounds.bucket),
        "bounds s": f"{bounds.seconds:.1f}",
        "lns gap to best": f"{(cost - best) / cost:.1%}" if cost else "-",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[250, 1000, 2000])
    parser.add_argument("--time-limit", type=float, default=60.0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seeds", type=int, nargs="+", default=[0])
    parser.add_argument("--lns-from", type=int, default=planner.LNS_FROM)
    args = parser.parse_args()
    planner.LNS_FROM = args.lns_from
    print(f"neighbourhood search from {planner.LNS_FROM} moves")
    print(f"load average at the start: {os.getloadavg()[0]:.1f}", flush=True)
    rows: list[dict[str, str]] = []
    for n in args.sizes:
        for seed in args.seeds:
            rows.append(run(n, time_limit=args.time_limit, workers=args.workers, seed=seed))
            print(f"done: {rows[-1]}", flush=True)
    print_rows(rows)
    for n in args.sizes:
        mine = [r for r in rows if r["services"] == str(n)]
        ratios = [float(r["lns / cp-sat"]) for r in mine if r["lns / cp-sat"] != "nan"]
        unplanned = [r["seed"] for r in mine if r["lns / cp-sat"] == "nan"]
        mean = f"{sum(ratios) / len(ratios):.3f}" if ratios else "-"
        missing = (
            f"; no plan from one or both with seed {', '.join(unplanned)}" if unplanned else ""
        )
        print(f"{n} services: mean lns / cp-sat {mean} over {len(ratios)} seeds{missing}")
    print(f"load average at the end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
