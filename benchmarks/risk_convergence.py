"""Time per 100,000 runs as runs grow: checking convergence after every batch versus at widening
intervals, in one invocation.

    .venv/bin/python -m benchmarks.risk_convergence [--runs 100000 400000 1600000]

Simulates the demonstration plan (tsa-2023 as of 1 Oct 2021, resource-aware, every run priced)
with batches of 10,000. *Every batch* is the former check: after each batch the P80 finish is
recomputed over every run so far (each run's finish taken again from every batch kept).
*Widening* is :func:`carveout.risk.engine.simulate` today: the P80 finish and P80 cost are
computed only at checkpoints about 1.5 times apart. Neither stops early, so both do every run.
"""

from __future__ import annotations

import argparse
import os
import time
from dataclasses import replace
from datetime import date

import numpy as np

from carveout.risk.engine import BatchResult, _batches, run_batch, simulate
from carveout.risk.from_plan import model_from_plan
from carveout.risk.model import RiskModel

BATCH = 10_000


def every_batch(model: RiskModel, runs: int, seed: int) -> float:
    """The former loop: the P80 over all runs so far after every batch."""
    sizes = _batches(runs, BATCH)
    seeds = np.random.SeedSequence(seed).spawn(len(sizes))
    kept: list[BatchResult] = []
    history = []
    for k, (n, s) in enumerate(zip(sizes, seeds, strict=True)):
        kept.append(run_batch(model, k, s, n))
        programme = np.concatenate([b.finish.max(axis=1) for b in kept])
        history.append(float(np.quantile(programme, 0.8)))
    np.concatenate([b.finish for b in kept])
    return history[-1]


def widening(model: RiskModel, runs: int, seed: int) -> float:
    samples = simulate(model, runs=runs, seed=seed, batch_size=BATCH)
    return samples.convergence.p80_history[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, nargs="+", default=[100_000, 400_000, 1_600_000])
    parser.add_argument("--plan-seconds", type=float, default=20.0)
    parser.add_argument(
        "--precedence", action="store_true", help="ignore teams: a faster run, checks weigh more"
    )
    args = parser.parse_args()
    from carveout.demo.portfolio import demo_portfolio
    from carveout.planning.planner import plan_scenario

    portfolio = demo_portfolio()
    plan = plan_scenario(
        portfolio=portfolio,
        scenario=portfolio.scenario_by_code["tsa-2023"],
        as_of=date(2021, 10, 1),
        time_limit=args.plan_seconds,
    )
    model = model_from_plan(portfolio=portfolio, plan=plan)
    if args.precedence:
        model = replace(model, resource_aware=False)
    run_batch(model, 0, np.random.SeedSequence(0), 1000)  # compile outside the timing
    print(f"load average at the start: {os.getloadavg()[0]:.1f}, nproc {os.cpu_count()}")
    method = "precedence only" if args.precedence else "resource-aware"
    print(
        f"demo tsa-2023 as of 1 Oct 2021, {method}: {model.network.size} activities, "
        f"batches of {BATCH:,}"
    )
    print(f"{'runs':>10} {'every batch s/100k':>20} {'widening s/100k':>17} {'same P80':>9}")
    for runs in args.runs:
        t = time.perf_counter()
        before = every_batch(model, runs, seed=1)
        old = (time.perf_counter() - t) / runs * 100_000
        t = time.perf_counter()
        after = widening(model, runs, seed=1)
        new = (time.perf_counter() - t) / runs * 100_000
        print(f"{runs:>10,} {old:>20.2f} {new:>17.2f} {'yes' if before == after else 'no':>9}")


if __name__ == "__main__":
    main()
