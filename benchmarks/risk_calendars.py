"""What blackouts, risk windows and branches cost the simulation when a model has none.

    .venv/bin/python -m benchmarks.risk_calendars --before /tmp/risk-before [--rounds 3]

Measures, on the PSPLIB j120 network of ``benchmarks.risk_sim`` (122 activities) given
four teams, the throughput of the precedence-only pass (durations drawn in the kernel,
and over drawn durations), the resource-aware pass, and whole batches through the
engine (precedence-only and resource-aware), for a model with no blackout, window or
branch. The same measurement runs in a subprocess against the code at ``--before``
(a worktree of the commit before these features: ``PYTHONPATH`` points there), the two
alternating for ``--rounds`` rounds; each figure is the best of its rounds.

Every pass runs single-threaded and is timed in CPU time of the process
(``time.process_time``), so that on a shared machine the figures count the work done, not
the time other jobs held the cores; a quiet machine's wall-clock rates are higher by the
number of cores the parallel kernels use.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

MEASURES = (
    ("precedence, in-kernel sampling", 300_000),
    ("precedence, drawn durations", 50_000),
    ("resource-aware, drawn durations", 10_000),
    ("engine batch, precedence-only", 20_000),
    ("engine batch, resource-aware", 10_000),
)
REPEATS = 5


def _measure() -> dict[str, float]:
    """Projects per second of each measure with the ``carveout`` on the path (best of 3)."""
    import numpy as np

    import carveout
    from benchmarks.risk_sim import j120
    from carveout.risk.engine import run_batch
    from carveout.risk.model import RiskModel
    from carveout.risk.network import build_network
    from carveout.risk.precedence import forward_pass, simulate_finish
    from carveout.risk.resources import schedule
    from carveout.risk.sampling import sample_durations

    base = j120("j12010_1.sm")
    rng = np.random.default_rng(0)
    names = list(base.names)
    edges = [(names[p], names[j]) for j in range(base.size) for p in base.predecessors(j)]
    net = build_network(
        names=names,
        estimates=list(zip(base.low, base.mode, base.high, strict=True)),
        edges=edges,
        teams={t: [(0.0, 3.0), (60.0, 4.0)] for t in "ABCD"},
        team_of=["ABCD"[j % 4] for j in range(base.size)],
        demand=rng.integers(1, 3, base.size).tolist(),
    )

    def model(resource_aware: bool) -> RiskModel:
        return RiskModel(
            scenario="bench", start=date(2021, 1, 1), network=net, resource_aware=resource_aware
        )

    def rate(fn: object, n: int) -> float:
        fn()  # type: ignore[operator]  # compile or load the kernels outside the timing
        best = float("inf")
        for _ in range(REPEATS):
            t = time.process_time()
            fn()  # type: ignore[operator]
            best = min(best, time.process_time() - t)
        return n / best

    sizes = dict(MEASURES)
    drawn = sample_durations(net, key=3, n=sizes["precedence, drawn durations"], stride=net.size)
    few = np.ascontiguousarray(drawn[: sizes["resource-aware, drawn durations"]])
    seed = np.random.SeedSequence(1)
    fns = {
        "precedence, in-kernel sampling": lambda: simulate_finish(
            net, key=7, n=sizes["precedence, in-kernel sampling"], parallel=False
        ),
        "precedence, drawn durations": lambda: forward_pass(drawn, net, parallel=False),
        "resource-aware, drawn durations": lambda: schedule(few, net, parallel=False),
        "engine batch, precedence-only": lambda: run_batch(
            model(False), 0, seed, sizes["engine batch, precedence-only"], parallel=False
        ),
        "engine batch, resource-aware": lambda: run_batch(
            model(True), 0, seed, sizes["engine batch, resource-aware"], parallel=False
        ),
    }
    found = {name: rate(fn, sizes[name]) for name, fn in fns.items()}
    found["_from"] = str(Path(carveout.__file__).parent)  # type: ignore[assignment]
    return found


def _run(pythonpath: str) -> dict[str, float]:
    root = Path(__file__).resolve().parents[1]
    env = {
        "CARVEOUT_SHARED": str(root.parent / "shared"),  # the PSPLIB files, from either tree
        **os.environ,
        "PYTHONPATH": os.pathsep.join([pythonpath, str(root)]),
    }
    out = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--measure"],
        env=env,
        cwd=root,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--before", help="a worktree of the code before the features")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(_measure()))
        return
    if not args.before:
        raise SystemExit("name the worktree of the code before the features with --before")
    now = str(Path(__file__).resolve().parents[1])
    best: dict[str, dict[str, float]] = {"before": {}, "after": {}}
    for r in range(args.rounds):
        for label, path in (("before", args.before), ("after", now)):
            got = _run(path)
            print(f"round {r + 1} {label:6} from {got.pop('_from')}", file=sys.stderr)
            for name, value in got.items():
                best[label][name] = max(best[label].get(name, 0.0), value)
    print(
        f"load average {os.getloadavg()[0]:.1f}, nproc {os.cpu_count()}, "
        f"best of {args.rounds} rounds × {REPEATS}, single-threaded, CPU time"
    )
    print(f"{'projects per CPU second':34} {'before':>12} {'after':>12} {'after/before':>13}")
    for name, _ in MEASURES:
        b, a = best["before"][name], best["after"][name]
        print(f"{name:34} {b:12,.0f} {a:12,.0f} {a / b:12.1%}")


if __name__ == "__main__":
    main()
