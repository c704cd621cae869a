"""Schedule-risk simulation speed: precedence-only methods side by side, resource-aware, end to end.

    .venv/bin/python -m benchmarks.risk_sim [--instance j12010_1.sm] [--runs 2000000]

Reads a PSPLIB j120 instance from ../shared/benchmarks/psplib (or $CARVEOUT_SHARED) and
gives each activity a Beta-PERT estimate of (0.8, 1, 1.6) × its duration.

The ratio that counts is against the *fair* NumPy baseline (:func:`fair_numpy`): what a
competent engineer would write without a compiler — every activity's Beta-PERT durations
drawn in one call, then the forward pass in topological order with ``np.maximum`` over
contiguous rows (activities × samples), in chunks of samples that stay in cache, the best
chunk size kept. It samples the same distribution as the compiled pass (checked below).
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
from carveout.risk.distributions import TABLE_SIZE
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


def read_resources(text: str) -> tuple[dict[str, list[float]], list[float]]:
    """Each job's renewable resource requests and the resources' capacities (``.sm``)."""
    lines = text.splitlines()
    i = next(k for k, line in enumerate(lines) if line.startswith("REQUESTS")) + 3
    requests: dict[str, list[float]] = {}
    while not lines[i].startswith("*"):
        parts = lines[i].split()
        requests[parts[0]] = [float(x) for x in parts[3:]]
        i += 1
    i = next(k for k, line in enumerate(lines) if line.startswith("RESOURCEAVAILABILITIES"))
    return requests, [float(x) for x in lines[i + 2].split()]


def j120(instance: str, *, resources: bool = False) -> Network:
    """The instance as a network; with ``resources``, each job on the renewable resource it
    loads most (its request over the capacity), since the simulation gives an activity one
    team: an approximation of the instance's four resources, for timing the SGS."""
    with zipfile.ZipFile(shared() / "psplib" / "j120.sm.zip") as z:
        text = z.read(instance).decode()
    names, edges, d = read_sm(text)
    estimates = [(0.8 * d[n], d[n], 1.6 * d[n]) for n in names]
    if not resources:
        return build_network(names=names, estimates=estimates, edges=edges)
    requests, capacity = read_resources(text)
    team_of, demand = [], []
    for n in names:
        load = [r / c for r, c in zip(requests[n], capacity, strict=True)]
        k = max(range(len(load)), key=load.__getitem__)
        team_of.append(f"R{k + 1}")
        demand.append(requests[n][k])
    teams = {f"R{k + 1}": [(0.0, c)] for k, c in enumerate(capacity)}
    return build_network(
        names=names,
        estimates=estimates,
        edges=edges,
        teams=teams,
        team_of=team_of,
        demand=demand,
    )


def pert_shapes(net: Network) -> tuple[np.ndarray, np.ndarray]:
    """Each activity's Beta-PERT shape parameters (λ = 4), as a column."""
    width = np.where(net.high > net.low, net.high - net.low, 1.0)
    mode = np.clip((net.mode - net.low) / width, 0.0, 1.0)
    return (1 + 4 * mode)[:, None], (1 + 4 * (1 - mode))[:, None]


def fair_draw(net: Network, rng: np.random.Generator, k: int) -> np.ndarray:
    """Every activity's Beta-PERT durations for ``k`` samples in one call, activities × samples
    (each activity's row contiguous), scaled in place."""
    alpha, beta = pert_shapes(net)
    durations = rng.beta(alpha, beta, size=(net.size, k))
    durations *= (net.high - net.low)[:, None]
    durations += net.low[:, None]
    return durations


def fair_draw_table(net: Network, rng: np.random.Generator, k: int) -> np.ndarray:
    """The same durations drawn as the compiled pass draws them: one call for every uniform
    (activities × samples), then each row inverted through its activity's quantile table
    (the table the compiled kernel reads), row by row over contiguous memory."""
    u = rng.random((net.size, k))
    u *= TABLE_SIZE
    cell = u.astype(np.int64)
    np.minimum(cell, TABLE_SIZE - 1, out=cell)
    u -= cell
    span = net.high - net.low
    for j in range(net.size):
        table = net.tables[net.table_index[j]]
        left = table[cell[j]]
        row = u[j]
        row *= table[cell[j] + 1] - left
        row += left
        row *= span[j]
        row += net.low[j]
    return u


def fair_pass(net: Network, finish: np.ndarray, preds: list[list[int]]) -> np.ndarray:
    """Turn ``finish`` (durations, activities × samples) into finishes in place, in
    topological order: each row plus the latest predecessor finish (``np.maximum`` over
    whole rows, no temporary for a single predecessor); the programme finish of each sample."""
    release = net.release
    start = np.empty(finish.shape[1])
    for j, ps in enumerate(preds):
        row = finish[j]
        if len(ps) == 1 and release[j] <= 0:
            row += finish[ps[0]]
            continue
        if not ps:
            if release[j] > 0:
                row += release[j]
            continue
        np.maximum(finish[ps[0]], finish[ps[1]] if len(ps) > 1 else release[j], out=start)
        for p in ps[2:]:
            np.maximum(start, finish[p], out=start)
        if release[j] > 0:
            np.maximum(start, release[j], out=start)
        row += start
    return np.asarray(finish.max(axis=0))


def fair_numpy(
    net: Network, n: int, *, seed: int = 1, chunk: int = 8192, table: bool = False
) -> np.ndarray:
    """Programme finishes of ``n`` samples, the way a competent engineer writes it in NumPy:
    per chunk of samples (kept in cache), :func:`fair_draw` (or, with ``table``,
    :func:`fair_draw_table`) then :func:`fair_pass`."""
    rng = np.random.default_rng(seed)
    draw_chunk = fair_draw_table if table else fair_draw
    preds = [[int(p) for p in net.predecessors(j)] for j in range(net.size)]
    out = np.empty(n)
    for first in range(0, n, chunk):
        k = min(chunk, n - first)
        out[first : first + k] = fair_pass(net, draw_chunk(net, rng, k), preds)
    return out


def rate(fn: object, n: int, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        fn()  # type: ignore[operator]
        best = min(best, time.perf_counter() - t)
    return n / best


FAIR = "fair NumPy baseline (Generator.beta)"
FAIR_TABLE = "fair NumPy, quantile-table draw"
CHUNKS = (2048, 8192, 32768)


def fair_rate(net: Network, n: int, *, table: bool = False) -> tuple[float, int]:
    """The fair baseline's best rate over a few chunk sizes (its best case), and that size."""
    return max((rate(lambda c=c: fair_numpy(net, n, chunk=c, table=table), n), c) for c in CHUNKS)


def fair_split(net: Network, chunk: int) -> tuple[float, float, float]:
    """Where the fair baseline spends its time, per chunk: drawing by ``Generator.beta``,
    drawing by the quantile table, and the pass."""
    rng = np.random.default_rng(1)
    preds = [[int(p) for p in net.predecessors(j)] for j in range(net.size)]
    drawn = [fair_draw(net, rng, chunk) for _ in range(3)]
    beta = rate(lambda: fair_draw(net, rng, chunk), chunk)
    table = rate(lambda: fair_draw_table(net, rng, chunk), chunk)
    passing = rate(lambda: fair_pass(net, drawn.pop(), preds), chunk)
    return beta, table, passing


def precedence_rates(net: Network, runs: int) -> dict[str, float]:
    simulate_finish(net, key=1, n=1000)  # compile (or load from cache) outside the timing
    simulate_finish(net, key=1, n=1000, parallel=False)
    compiled = rate(lambda: simulate_finish(net, key=7, n=runs), runs)
    serial = rate(lambda: simulate_finish(net, key=7, n=runs // 4, parallel=False), runs // 4)
    n_fair = 200_000
    fair, chunk = fair_rate(net, n_fair)
    fair_table, table_chunk = fair_rate(net, n_fair, table=True)
    beta, table, passing = fair_split(net, chunk)
    print(
        f"  fair baselines: best chunks {chunk:,} (beta) and {table_chunk:,} (table) samples; "
        f"alone, drawing by Generator.beta {beta:,.0f} /s, by the table {table:,.0f} /s, "
        f"the pass {passing:,.0f} /s"
    )
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
        "compiled, one thread": serial,
        FAIR: fair,
        FAIR_TABLE: fair_table,
        "table-lookup NumPy pass (former baseline)": vector,
        "Python loop": loop,
    }


def same_distribution(net: Network, n: int = 400_000) -> None:
    """The compiled pass and the fair baselines sample the same finish distribution."""
    compiled = simulate_finish(net, key=3, n=n)
    fair = fair_numpy(net, n, seed=3)
    by_table = fair_numpy(net, n, seed=3, table=True)
    for name, x in (("compiled", compiled), ("fair, beta", fair), ("fair, table", by_table)):
        p50, p80, p90 = np.quantile(x, [0.5, 0.8, 0.9])
        print(
            f"  {name:11} finish mean {x.mean():8.3f}  sd {x.std():6.3f}  "
            f"P50 {p50:8.3f}  P80 {p80:8.3f}  P90 {p90:8.3f}"
        )


def simulate_inputs(net: Network, n: int) -> np.ndarray:
    """Independent durations of ``n`` samples, as a batch without risk events draws them."""
    return draw(net, seed=np.random.SeedSequence(1), n=n, options=SamplingOptions()).durations


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
    print(f"load average {os.getloadavg()[0]:.1f}, nproc {os.cpu_count()}")
    rates = precedence_rates(net, args.runs)
    base = rates[FAIR]
    strict = max(rates[FAIR], rates[FAIR_TABLE])
    print(f"{'method':42} {'projects/s':>14} {'vs fair':>8} {'vs faster fair':>15}")
    for name, r in rates.items():
        print(f"{name:42} {r:14,.0f} {r / base:7.2f}× {r / strict:14.2f}×")
    print("Same distribution (400,000 samples each, days):")
    same_distribution(net)

    resourced = j120(args.instance, resources=True)
    schedule(simulate_inputs(resourced, 1000), resourced)
    n_res = 50_000
    r_j120 = rate(lambda: schedule(simulate_inputs(resourced, n_res), resourced), n_res, repeat=2)
    print(
        f"\nResource-aware (serial SGS), PSPLIB {args.instance}, each job on the resource it "
        f"loads most ({len(resourced.team_names)} resources)"
    )
    print(f"{'sampling + serial SGS':42} {r_j120:14,.0f} projects/s")

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
