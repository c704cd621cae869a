"""Many signed-in users reading the dashboard at once, against ``carveout serve`` with one
worker process and with more, in the same run.

Builds the demonstration database (``carveout demo --time-limit 5 --runs 500``, which
writes its users and their passwords beside it) unless ``--database`` names one, then for
each ``--workers`` count starts ``carveout serve --workers N`` on it and runs Locust headless
against it (:mod:`benchmarks.load_users`): ``--users`` people sign in through the form and
read pages and API lists, pausing ``--think`` seconds between requests. Measuring starts once
every user has started and the warm-up has passed, and lasts ``--duration`` seconds. It
prints requests/s, p50/p95/p99, errors and the load average for each count, the ratios
against the first, and the slowest pages.

    .venv/bin/python -m benchmarks.load [--duration 300] [--users 50] [--workers 1 2]
        [--think 1 5] [--database demo.db]

Locust is the ``bench`` extra: ``.venv/bin/pip install -e '.[bench]'``.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

BIN = Path(sys.executable).parent
USERS_FILE = Path(__file__).with_name("load_users.py")
P95_BUDGET_MS = 300.0
DEMO_OPTIONS = ("--time-limit", "5", "--runs", "500")
"""A quicker demonstration: shorter plan searches and fewer simulated projects."""


@dataclass(frozen=True)
class Run:
    """What one server setting gave: every measured request and the load averages seen."""

    workers: int
    seconds: float
    samples: list[tuple[str, float, bool]]
    load: list[float]

    @property
    def times(self) -> list[float]:
        return sorted(ms for _, ms, _ in self.samples)

    @property
    def rate(self) -> float:
        return len(self.samples) / self.seconds

    @property
    def errors(self) -> int:
        return sum(1 for *_, ok in self.samples if not ok)

    def percentile(self, share: float, times: list[float] | None = None) -> float:
        ordered = self.times if times is None else sorted(times)
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0


def build_demo(folder: Path) -> Path:
    database = folder / "demo.db"
    started = time.perf_counter()
    subprocess.run(
        [str(BIN / "carveout"), "demo", "--database", str(database), *DEMO_OPTIONS],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    print(f"demonstration database built in {time.perf_counter() - started:.0f} s")
    return database


def wait_until_up(url: str, server: subprocess.Popen[bytes], *, seconds: float = 300) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"carveout serve stopped (exit {server.returncode})")
        try:
            with urllib.request.urlopen(f"{url}/health", timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError(f"carveout serve did not answer at {url} within {seconds:.0f} s")


def sample_load(into: list[float], stop: threading.Event) -> None:
    """The one-minute load average every ten seconds until ``stop``."""
    while not stop.wait(10):
        into.append(os.getloadavg()[0])


def run_once(database: Path, workers: int, args: argparse.Namespace, folder: Path) -> Run:
    url = f"http://127.0.0.1:{args.port}"
    command = [str(BIN / "carveout"), "serve", "--database", str(database)]
    server = subprocess.Popen(
        [*command, "--port", str(args.port), "--workers", str(workers)],
        stdout=subprocess.DEVNULL,
        start_new_session=True,  # its worker processes are stopped with it
    )
    samples = folder / f"samples-{workers}.json"
    load = [os.getloadavg()[0]]
    stop = threading.Event()
    sampler = threading.Thread(target=sample_load, args=(load, stop), daemon=True)
    try:
        wait_until_up(url, server)
        sampler.start()
        environment = {
            **os.environ,
            "CARVEOUT_LOAD_USERS": f"{database}.users.txt",
            "CARVEOUT_LOAD_SAMPLES": str(samples),
            "CARVEOUT_LOAD_THINK": f"{args.think[0]},{args.think[1]}",
            "CARVEOUT_LOAD_WARMUP": str(args.warmup),
            "CARVEOUT_LOAD_DURATION": str(args.duration),
        }
        # Locust stops itself once measured; this bound only stops a run whose sign-ins stall.
        run_time = int(args.warmup + args.duration) + 600
        subprocess.run(
            [
                *(str(BIN / "locust"), "-f", str(USERS_FILE), "--headless", "--host", url),
                *("--users", str(args.users), "--spawn-rate", str(args.spawn_rate)),
                *("--run-time", f"{run_time}s", "--only-summary", "--loglevel", "ERROR"),
                *("--stop-timeout", "10"),
            ],
            env=environment,
            stdout=subprocess.DEVNULL,
            check=False,  # Locust exits 1 when any request failed: counted below instead
        )
    finally:
        stop.set()
        os.killpg(server.pid, signal.SIGINT)
        server.wait(timeout=60)
    window = json.loads(samples.read_text())
    if window["from"] is None:
        raise RuntimeError(f"not every user signed in against {workers} worker(s)")
    seconds = (window["to"] or window["from"]) - window["from"]
    measured = [(name, ms, ok) for name, ms, ok in window["samples"]]
    return Run(workers=workers, seconds=max(seconds, 1e-9), samples=measured, load=load)


def report(runs: list[Run], args: argparse.Namespace) -> None:
    think = "no pause" if args.think[1] == 0 else f"{args.think[0]:g}-{args.think[1]:g} s pause"
    print(
        f"\n{args.users} users, {think} between requests, measured for about "
        f"{args.duration:.0f} s after a {args.warmup:.0f} s warm-up; {os.cpu_count()} cores"
    )
    print(
        f"{'workers':>7} {'requests':>9} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7} "
        f"{'p99 ms':>7} {'errors':>7} {'load avg (min-max)':>19}"
    )
    for run in runs:
        spread = f"{statistics.mean(run.load):.1f} ({min(run.load):.1f}-{max(run.load):.1f})"
        print(
            f"{run.workers:>7} {len(run.samples):>9} {run.rate:>7.1f} "
            f"{run.percentile(0.50):>7.0f} {run.percentile(0.95):>7.0f} "
            f"{run.percentile(0.99):>7.0f} {run.errors:>7} {spread:>19}"
        )
    base = runs[0]
    for run in runs[1:]:
        print(
            f"{run.workers} workers against {base.workers}: "
            f"{run.rate / max(base.rate, 1e-9):.2f}x the requests/s, "
            f"p95 {run.percentile(0.95) / max(base.percentile(0.95), 1e-9):.2f}x"
        )
    best = min(runs, key=lambda r: r.percentile(0.95))
    print(f"\np95 by URL with {best.workers} workers (slowest first):")
    by_url: dict[str, list[float]] = {}
    for name, ms, _ in best.samples:
        by_url.setdefault(name, []).append(ms)
    ranked = sorted(by_url.items(), key=lambda item: -best.percentile(0.95, item[1]))
    for name, times in ranked:
        print(
            f"  {name:<26} {len(times):>6} requests  p50 {best.percentile(0.5, times):>5.0f} ms"
            f"  p95 {best.percentile(0.95, times):>5.0f} ms"
        )
    met = best.percentile(0.95) < P95_BUDGET_MS and best.errors == 0
    print(
        f"\ntarget p95 < {P95_BUDGET_MS:.0f} ms with no errors: "
        f"{'met' if met else 'not met'} with {best.workers} workers"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=float, default=300.0, help="seconds measured")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--spawn-rate", type=float, default=10.0, help="users started per s")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--think", type=float, nargs=2, default=[1.0, 5.0], metavar=("LOW", "HIGH"))
    parser.add_argument("--warmup", type=float, default=15.0, help="seconds before measuring")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--database", type=Path, help="a demo database (default: build one)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        database = args.database.resolve() if args.database else build_demo(folder)
        print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        runs = [run_once(database, workers, args, folder) for workers in args.workers]
    report(runs, args)


if __name__ == "__main__":
    main()
