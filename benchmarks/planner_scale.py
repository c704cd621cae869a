"""How the separation planner scales with the portfolio: 250 to 2,000 services.

Generated portfolios (4 dependencies per service, 10 teams, 3 years), used
as generated ('before' chains at most 8 services deep, teams sized to their
work), are planned with the cost objective and no scenario deadline: time to
the first feasible plan, final gap and model size. Run:
``python -m benchmarks.planner_scale [--sizes 250 500] [--time-limit 60] [--workers 2]``.
"""

from __future__ import annotations

import argparse
import time

from benchmarks.planner_portfolios import generated, millions, print_rows
from carveout.domain import Coupling
from carveout.planning.planner import plan_scenario
from carveout.planning.prepare import build_separation
from carveout.planning.rcpsp import Progress, SolverConfig
from carveout.planning.terms import build_model


def _model_size(portfolio: object, scenario: object) -> tuple[int, int, int]:
    sep = build_separation(portfolio=portfolio, scenario=scenario)  # type: ignore[arg-type]
    built = build_model(sep, SolverConfig(time_limit=1, warm_start=False))
    proto = built.core.model.proto
    return len(sep.moves), len(proto.variables), len(proto.constraints)


def run(size: int, *, time_limit: float, workers: int) -> dict[str, str]:
    portfolio, scenario = generated(size)
    before = sum(1 for d in portfolio.dependencies if d.coupling is Coupling.BEFORE)
    moves, variables, constraints = _model_size(portfolio, scenario)
    began = time.perf_counter()
    first: list[float] = []

    def seen(p: Progress) -> None:
        if not first:
            first.append(time.perf_counter() - began)

    plan = plan_scenario(
        portfolio=portfolio,
        scenario=scenario,
        time_limit=time_limit,
        workers=workers,
        on_progress=seen,
        deterministic=False,
    )
    wall = time.perf_counter() - began
    return {
        "services": str(size),
        "moves": str(moves),
        "before": str(before),
        "vars": f"{variables:,}",
        "constraints": f"{constraints:,}",
        "status": plan.status,
        "first plan s": f"{first[0]:.1f}" if first else "-",
        "total s": f"{wall:.1f}",
        "cost": millions(plan.objective_value),
        "bound": millions(plan.bound),
        "gap": f"{plan.gap:.1%}" if plan.gap is not None else "-",
        "finish": str(plan.finish or "-"),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[250, 500, 1000, 2000])
    parser.add_argument("--time-limit", type=float, default=60.0)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    rows: list[dict[str, str]] = []
    for n in args.sizes:
        rows.append(run(n, time_limit=args.time_limit, workers=args.workers))
        print(f"done: {rows[-1]}", flush=True)
    print_rows(rows)
    base = float(rows[0]["total s"])
    print("time ratio vs smallest:", ", ".join(f"{float(r['total s']) / base:.2f}" for r in rows))


if __name__ == "__main__":
    main()
