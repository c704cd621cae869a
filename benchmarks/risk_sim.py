"""Schedule-risk simulation speed: precedence-only methods side by side, resource-aware, end to end.

    .venv/bin/python -m benchmarks.risk_sim [--instance j12010_1.sm] [--runs 2000000]

Reads a PSPLIB j120 instance from ../shared/benchmarks/psplib (or $CARVEOUT_SHARED) and
gives each activity a Beta-PERT estimate of (0.8, 1, 1.6) × its duration.
"""

from __future__ import annotations

import argparse
import os
import random
import time
import zipfile
from pathlib import Path

import numpy as np

from carveout.domain import Portfolio
from carveout.planning.plan import Plan
from carveout.risk.from_plan import model_from_plan
from carveout.risk.network import Network, build_network
from carveout.risk.precedence import forward_pass_numpy, forward_pass_python, simulate_finish
from carveout.risk.resources import schedule
from carveout.risk.run import run_risk
from carveout.risk.sampling import SamplingOptions, draw, durations_from_uniforms


def shared() -> Path:
    default = Path(__file__).resolve().parents[1].parent / "shared"
    return Path(os.environ.get("CARVEOUT_SHARED", default)) / "benchmarks"


def read_sm(text: str) -> tuple[list[str], list[tuple[str, str]], dict[str, float]]:
    """Jobs, precedence edges and durations of a PSPLIB single-mode ``.sm`` file."""
    lines = text.splitlines()
    i = next(k for k, line in enumerate(lines) if line.startswith("PRECEDENCE")) + 2
    names: list[str] = []
    edges: list[tuple[str, str]] = []
    while not lines[i].startswith("*"):
        parts = lines[i].split()
        names.append(parts[0])
        edges += [(parts[0], s) for s in parts[3:]]
        i += 1
    i = next(k for k, line in enumerate(lines) if line.startswith("REQUESTS")) + 3
    durations: dict[str, float] = {}
    while not lines[i].startswith("*"):
        parts = lines[i].split()
        durations[parts[0]] = float(parts[2])
        i += 1
    return names, edges, durations


def j120(instance: str) -> Network:
    with zipfile.ZipFile(shared() / "psplib" / "j120.sm.zip") as z:
        names, edges, d = read_sm(z.read(instance).decode())
    estimates = [(0.8 * d[n], d[n], 1.6 * d[n]) for n in names]
    return build_network(names=names, estimates=estimates, edges=edges)


def rate(fn: object, n: int, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        fn()  # type: ignore[operator]
        best = min(best, time.perf_counter() - t)
    return n / best


def precedence_rates(net: Network, runs: int) -> dict[str, float]:
    simulate_finish(net, key=1, n=1000)  # compile (or load from cache) outside the timing
    compiled = rate(lambda: simulate_finish(net, key=7, n=runs), runs)
    n_np = 100_000

    def numpy_pass() -> None:
        u = np.random.default_rng(1).random((n_np, net.size))
        forward_pass_numpy(durations_from_uniforms(net, u), net)

    vector = rate(numpy_pass, n_np)
    n_py = 2000
    preds = [list(net.predecessors(j)) for j in range(net.size)]
    low, mode, high = net.low.tolist(), net.mode.tolist(), net.high.tolist()
    release = net.release.tolist()

    def python_loop() -> None:
        rnd = random.Random(1)
        rows = []
        for _ in range(n_py):
            row = []
            for a, m, b in zip(low, mode, high, strict=True):
                if b <= a:
                    row.append(a)
                    continue
                alpha, beta = 1 + 4 * (m - a) / (b - a), 1 + 4 * (b - m) / (b - a)
                row.append(a + (b - a) * rnd.betavariate(alpha, beta))
            rows.append(row)
        forward_pass_python(rows, release, preds)

    loop = rate(python_loop, n_py, repeat=1)
    return {
        "compiled (numba, in-kernel sampling)": compiled,
        "NumPy vector pass": vector,
        "Python loop": loop,
    }


def demo_model_inputs(scenario_code: str, time_limit: float) -> tuple[Portfolio, Plan]:
    """The demo portfolio and the planner's plan for one of its scenarios."""
    from carveout.demo.portfolio import demo_portfolio
    from carveout.planning.planner import plan_scenario

    portfolio = demo_portfolio()
    scenario = portfolio.scenario_by_code[scenario_code]
    plan = plan_scenario(portfolio=portfolio, scenario=scenario, time_limit=time_limit)
    if not plan.feasible:
        raise SystemExit(f"scenario {scenario_code} has no feasible plan to simulate")
    return portfolio, plan


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--instance", default="j12010_1.sm")
    parser.add_argument("--runs", type=int, default=2_000_000)
    parser.add_argument("--scenario", default="tsa-2023", help="demo scenario to plan and simulate")
    parser.add_argument("--plan-seconds", type=float, default=20.0)
    args = parser.parse_args()
    net = j120(args.instance)
    print(
        f"Precedence-only, PSPLIB {args.instance}: {net.size} activities, "
        f"{net.pred_idx.size} precedence arcs"
    )
    rates = precedence_rates(net, args.runs)
    base = rates["NumPy vector pass"]
    print(f"{'method':40} {'projects/s':>14} {'vs NumPy':>9}")
    for name, r in rates.items():
        print(f"{name:40} {r:14,.0f} {r / base:8.2f}×")

    portfolio, plan = demo_model_inputs(args.scenario, args.plan_seconds)
    model = model_from_plan(portfolio=portfolio, plan=plan)
    net = model.network
    n = 100_000
    options = SamplingOptions(events=model.sampling.events)
    inputs = draw(net, seed=np.random.SeedSequence(0), n=1000, options=options)
    schedule(inputs.durations, net)

    def resource_run() -> None:
        d = draw(net, seed=np.random.SeedSequence(1), n=n, options=options)
        schedule(d.durations, net)

    r = rate(resource_run, n, repeat=2)
    print(
        f"\nResource-aware (serial SGS), demo plan of {args.scenario} from the planner: "
        f"{net.size} activities, "
        f"{len(net.team_names)} teams, {len(model.sampling.events)} risk events"
    )
    print(f"{'sampling + serial SGS':40} {r:14,.0f} projects/s")
    t = time.perf_counter()
    forecast = run_risk(portfolio=portfolio, plan=plan, runs=100_000, seed=1)
    elapsed = time.perf_counter() - t
    print(f"\nEnd to end: 100,000 runs of the demo scenario with all forecasts: {elapsed:.1f} s")
    print(
        f"  P50/P80/P90 finish {forecast.finish.p50} / {forecast.finish.p80} / "
        f"{forecast.finish.p90}; {len(forecast.recommended)} recommended tranches"
    )


if __name__ == "__main__":
    main()
