"""The planner now against the planner of an earlier revision, side by side in one run.

Each generated portfolio (as in :mod:`benchmarks.planner_lns`: 4 dependencies per service,
10 teams, 3 years, cost objective, no scenario deadline) is planned for the same wall-clock
limit by the earlier revision's planner, run from a ``git worktree`` of that revision in a
subprocess (its own code, this environment's libraries), and by the planner now. The
earlier revision generates the portfolio with its own generator and hands it over; this
run checks that today's generator makes the same one, and plans that very portfolio.

Both plans' cut-over dates are then priced by today's model (:func:`dates_cost`: the
hosting and running cost to go by the one definition, the bridges paid, the tie-break),
so the ratio compares dates, not two versions of the cost; each plan's own figure is shown
beside it, and whether the earlier dates are still a valid schedule under today's model.

Run: ``.venv/bin/python -m benchmarks.planner_then_now --revision 5daff5e --sizes 250 1000
2000 --seeds 0 1 2 --time-limit 60 --workers 2``. The default revision is the last before
the planner's bound and large-neighbourhood search (30 Nov 2026, 12:55).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

from benchmarks.planner_portfolios import generated, millions, print_rows
from carveout.domain import Portfolio
from carveout.planning.incumbent import dates_cost, invalid
from carveout.planning.planner import plan_scenario
from carveout.planning.prepare import build_separation
from carveout.planning.rcpsp import SolverConfig
from carveout.planning.terms import SeparationModel, build_model

REVISION = "5daff5e"
"""The planner the issue's "today" refers to: data date in, bound and LNS not yet."""

THEN = """
import json, sys, time
from carveout.demo.generate import generate_portfolio
from carveout.planning.planner import plan_scenario
size, seed, limit, workers = (int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]),
                              int(sys.argv[4]))
portfolio = generate_portfolio(services=size, dependencies=4 * size, teams=10, years=3, seed=seed)
scenario = portfolio.scenarios[0].model_copy(update={"deadline": None})
began = time.perf_counter()
plan = plan_scenario(portfolio=portfolio, scenario=scenario, time_limit=limit, workers=workers,
                     seed=seed, deterministic=False)
print(json.dumps({
    "seconds": time.perf_counter() - began, "objective": plan.objective_value,
    "dates": {m.service: (m.start.isoformat(), m.cutover.isoformat()) for m in plan.migrations},
    "portfolio": portfolio.model_dump_json()}))
"""


def then(tree: Path, size: int, seed: int, limit: float, workers: int) -> dict[str, Any]:
    """The earlier revision's plan of the generated portfolio, and that portfolio."""
    env = {**os.environ, "PYTHONPATH": str(tree)}
    args = [str(a) for a in (size, seed, limit, workers)]
    done = subprocess.run(
        [sys.executable, "-c", THEN, *args], env=env, cwd=tree, capture_output=True, text=True
    )
    if done.returncode != 0:
        raise RuntimeError(f"the earlier planner failed:\n{done.stderr[-2000:]}")
    answer: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return answer


def priced(model: SeparationModel, dates: dict[str, tuple[str, str]]) -> tuple[float | None, bool]:
    """What today's model charges for these (start, cut-over) dates, in pounds, and whether
    they are a valid schedule of it (None: no plan). A plan made with other spans is priced
    by its own dates (:func:`dates_cost`): its hosting by its cut-overs, its bridges by
    whether each provider cut over after its consumer started."""
    if not dates:
        return None, False
    separation = model.separation
    calendar = separation.calendar
    starts, ends = [], []
    for move in separation.moves:
        start, cutover = dates[move.service]
        starts.append(calendar.week_of(date.fromisoformat(start)))
        ends.append(calendar.last_end_by(date.fromisoformat(cutover)))
    valid = all(e - s == m.duration for s, e, m in zip(starts, ends, separation.moves, strict=True))
    valid = valid and not invalid(separation, separation.instance(), tuple(starts))
    return dates_cost(model, starts, ends) * separation.money_unit, valid


def run(tree: Path, size: int, seed: int, limit: float, workers: int) -> dict[str, str]:
    earlier = then(tree, size, seed, limit, workers)
    portfolio = Portfolio.model_validate_json(earlier["portfolio"])
    same = portfolio == generated(size, seed)[0]
    scenario = portfolio.scenarios[0].model_copy(update={"deadline": None})
    began = time.perf_counter()
    plan = plan_scenario(
        portfolio=portfolio,
        scenario=scenario,
        time_limit=limit,
        workers=workers,
        seed=seed,
        deterministic=False,
    )
    seconds = time.perf_counter() - began
    separation = build_separation(portfolio=portfolio, scenario=scenario)
    model = build_model(separation, SolverConfig(time_limit=limit, workers=1))
    then_cost, then_valid = priced(model, {s: (a, b) for s, (a, b) in earlier["dates"].items()})
    mine = {m.service: (m.start.isoformat(), m.cutover.isoformat()) for m in plan.migrations}
    now_cost, now_valid = priced(model, mine)
    ratio = now_cost / then_cost if now_cost and then_cost else float("nan")
    return {
        "services": str(size),
        "seed": str(seed),
        "same portfolio": "yes" if same else "no",
        "then s": f"{earlier['seconds']:.1f}",
        "then own": millions(earlier["objective"]),
        "then priced now": millions(then_cost),
        "then valid now": "yes" if then_valid else "no",
        "now s": f"{seconds:.1f}",
        "now own": millions(plan.objective_value),
        "now priced": millions(now_cost),
        "now valid": "yes" if now_valid else "no",
        "now / then": f"{ratio:.3f}",
        "now gap": f"{plan.gap:.1%}" if plan.gap is not None else "-",
        "load": f"{os.getloadavg()[0]:.1f}",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--revision", default=REVISION)
    parser.add_argument("--sizes", type=int, nargs="+", default=[250, 1000, 2000])
    parser.add_argument("--seeds", type=int, nargs="+", default=[0])
    parser.add_argument("--time-limit", type=float, default=60.0)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    print(f"load average at the start: {os.getloadavg()[0]:.1f}", flush=True)
    rows: list[dict[str, str]] = []
    with tempfile.TemporaryDirectory() as scratch:
        tree = Path(scratch) / "then"
        subprocess.run(["git", "worktree", "add", "--detach", str(tree), args.revision], check=True)
        try:
            for size in args.sizes:
                for seed in args.seeds:
                    rows.append(run(tree, size, seed, args.time_limit, args.workers))
                    print(f"done: {rows[-1]}", flush=True)
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(tree)], check=False)
    print_rows(rows)
    for size in args.sizes:
        ratios = [float(r["now / then"]) for r in rows if r["services"] == str(size)]
        found = [x for x in ratios if x == x]
        mean = f"{sum(found) / len(found):.3f}" if found else "-"
        print(f"{size} services: mean now / then {mean} over {len(found)} of {len(ratios)} seeds")
    print(f"load average at the end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
