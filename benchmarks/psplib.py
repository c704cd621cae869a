"""Measure the scheduling core on the PSPLIB single-mode sets against two baselines.

Runs, on the same instances in one invocation: carveout's core, a plain CP-SAT
model (one interval per job, one cumulative per resource, minimise the end),
and the serial schedule-generation scheme with the LFT rule.

    .venv/bin/python -m benchmarks.psplib --set j30 --every 8 --time-limit 10 --workers 2

Each outcome is appended to the CSV as soon as it is known, with the load average at
that moment, so a run of hours can be stopped and continued with ``--resume``.
"""

from __future__ import annotations

import argparse
import csv
import os
import re
import statistics
import tempfile
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from ortools.sat.python import cp_model
from rich.console import Console
from rich.progress import Progress as Bar
from rich.table import Table

from carveout.planning.rcpsp import (
    Activity,
    Instance,
    Precedence,
    Resource,
    ScheduleModel,
    SolverConfig,
    critical_path_bound,
    priority_rule_schedule,
    read_sm,
    violations,
)
from carveout.planning.rcpsp.genetic import genetic_schedule

SETS = ("j30", "j60", "j120")
SOLVERS = ("carveout", "plain-cpsat", "sgs-lft")


def shared_folder() -> Path:
    """The shared benchmark data (``$CARVEOUT_SHARED`` or ``../shared/benchmarks``)."""
    env = os.environ.get("CARVEOUT_SHARED")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[1].parent / "shared" / "benchmarks"


@dataclass(frozen=True)
class Known:
    """What the literature knows about an instance: a lower bound and the best makespan."""

    lower: int
    best: int

    @property
    def closed(self) -> bool:
        return self.lower == self.best


@dataclass(frozen=True)
class Outcome:
    """One solver's result on one instance."""

    instance: str
    solver: str
    status: str
    makespan: int
    bound: int | None
    seconds: float


def read_known(path: Path) -> dict[str, Known]:
    """Read ``problem,optimum`` rows; an open instance is ``lb..ub`` (``..ub``: no bound known)."""
    known = {}
    with path.open() as handle:
        for row in csv.DictReader(handle):
            lo, _, hi = row["optimum"].partition("..")
            known[row["problem"]] = Known(int(lo) if lo else 0, int(hi or lo))
    return known


def _order(name: str) -> tuple[int, int]:
    numbers = re.findall(r"\d+", name)
    return int(numbers[-2]), int(numbers[-1])


def instances(folder: Path, name: str, every: int, limit: int | None) -> list[Path]:
    """Every ``every``-th instance of a set, in PSPLIB order (parameter, then instance)."""
    files = sorted(folder.glob(f"{name}*.sm"), key=lambda p: _order(p.stem[len(name) :]))
    chosen = files[::every]
    return chosen[:limit] if limit else chosen


def solve_core(instance: Instance, config: SolverConfig) -> Outcome:
    """The scheduling core, as the separation planner uses it."""
    model = ScheduleModel(instance, config)
    model.minimise_makespan()
    solution = model.solve()
    assert solution.makespan is not None and not violations(instance, solution.starts)
    bound = round(solution.bound) if solution.bound is not None else None
    return Outcome(
        instance.name, "carveout", solution.status, solution.makespan, bound, solution.seconds
    )


def solve_plain(instance: Instance, config: SolverConfig) -> Outcome:
    """The textbook model: nothing but intervals, cumulatives and the makespan."""
    began = time.perf_counter()
    model = cp_model.CpModel()
    horizon = sum(a.duration for a in instance.activities)
    starts, ends, intervals = [], [], []
    for i, a in enumerate(instance.activities):
        start = model.new_int_var(0, horizon, f"s{i}")
        end = model.new_int_var(0, horizon, f"e{i}")
        intervals.append(model.new_interval_var(start, a.duration, end, f"i{i}"))
        starts.append(start)
        ends.append(end)
    for p in instance.precedences:
        model.add(starts[p.after] >= ends[p.before])
    for r, resource in enumerate(instance.resources):
        model.add_cumulative(
            intervals, [a.demands[r] for a in instance.activities], resource.capacity
        )
    span = model.new_int_var(0, horizon, "makespan")
    model.add_max_equality(span, ends)
    model.minimize(span)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = config.time_limit
    solver.parameters.num_workers = config.workers
    solver.parameters.random_seed = config.seed
    status = solver.solve(model)
    seconds = time.perf_counter() - began
    name = {cp_model.OPTIMAL: "optimal", cp_model.FEASIBLE: "feasible"}.get(status, "unknown")
    if name == "unknown":
        return Outcome(instance.name, "plain-cpsat", name, horizon, None, seconds)
    bound = round(solver.best_objective_bound)
    return Outcome(instance.name, "plain-cpsat", name, int(solver.value(span)), bound, seconds)


def solve_sgs(instance: Instance, config: SolverConfig) -> Outcome:
    """What a simple tool does: one pass of the serial scheme with the LFT rule."""
    began = time.perf_counter()
    starts = priority_rule_schedule(instance, rule="lft")
    span = max(s + a.duration for s, a in zip(starts, instance.activities, strict=True))
    return Outcome(instance.name, "sgs-lft", "heuristic", span, None, time.perf_counter() - began)


RUNNERS: dict[str, Callable[[Instance, SolverConfig], Outcome]] = {
    "carveout": solve_core,
    "plain-cpsat": solve_plain,
    "sgs-lft": solve_sgs,
}


def _pct(value: float, base: float) -> float:
    return 100.0 * (value - base) / base


def summarise(
    console: Console,
    name: str,
    outcomes: list[Outcome],
    known: dict[str, Known],
    cpb: dict[str, int],
) -> None:
    """Print one side-by-side table for a set.

    The lower bound of an instance is the best one known to this run: the literature's
    (where the bounds file has one), the critical-path bound, or a bound a solver proved.
    """
    lower = best_lower_bounds(outcomes, known, cpb)
    table = Table(title=f"{name}: {len({o.instance for o in outcomes})} instances")
    for column in (
        "solver", "instances", "proven optimal", "reached best-known",
        "dev. best-known %", "dev. CP bound %", "dev. lower bound %", "ratio to core",
        "mean s", "max s",
    ):  # fmt: skip
        table.add_column(column, justify="left" if column == "solver" else "right")
    core_dev = None
    for solver in SOLVERS:
        rows = [o for o in outcomes if o.solver == solver]
        if not rows:
            continue
        dev = statistics.fmean(_pct(o.makespan, known[o.instance].best) for o in rows)
        dev_cp = statistics.fmean(_pct(o.makespan, cpb[o.instance]) for o in rows)
        dev_lb = statistics.fmean(_pct(o.makespan, lower[o.instance]) for o in rows)
        if solver == "carveout":
            core_dev = dev_cp
        ratio = f"{dev_cp / core_dev:.2f}" if core_dev else "-"
        table.add_row(
            solver,
            str(len(rows)),
            str(sum(o.status == "optimal" for o in rows)),
            str(sum(o.makespan <= known[o.instance].best for o in rows)),
            f"{dev:.2f}",
            f"{dev_cp:.2f}",
            f"{dev_lb:.2f}",
            ratio,
            f"{statistics.fmean(o.seconds for o in rows):.2f}",
            f"{max(o.seconds for o in rows):.2f}",
        )
    console.print(table)


def best_lower_bounds(
    outcomes: list[Outcome], known: dict[str, Known], cpb: dict[str, int]
) -> dict[str, int]:
    """Per instance, the largest lower bound known: literature, critical path or proved."""
    lower = {name: max(known[name].lower, bound) for name, bound in cpb.items()}
    for o in outcomes:
        if o.bound is not None:
            lower[o.instance] = max(lower[o.instance], min(o.bound, o.makespan))
    return lower


CSV_COLUMNS = (
    "set", "instance", "solver", "status", "makespan", "bound", "best_known", "lower_known",
    "cp_bound", "seconds", "load",
)  # fmt: skip


def read_done(path: Path) -> list[tuple[str, Outcome]]:
    """The outcomes already in a results CSV (for ``--resume``)."""
    if not path.exists():
        return []
    with path.open() as handle:
        return [
            (
                row["set"],
                Outcome(
                    row["instance"], row["solver"], row["status"], int(row["makespan"]),
                    int(row["bound"]) if row["bound"] else None, float(row["seconds"]),
                ),
            )
            for row in csv.DictReader(handle)
        ]  # fmt: skip


def warm_up() -> None:
    """Compile (or load) the core's numba code before any instance is timed."""
    tiny = Instance(
        (Activity("a", 1, (1,)), Activity("b", 2, (1,))),
        (Resource("r", 1),),
        (Precedence(0, 1),),
    )
    genetic_schedule(tiny, max_generations=1)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--set", choices=[*SETS, "all"], default="j30")
    parser.add_argument("--every", type=int, default=1, help="take every K-th instance")
    parser.add_argument("--time-limit", type=float, default=10.0, help="seconds per instance")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--limit", type=int, default=None, help="at most N instances per set")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--solvers", default=",".join(SOLVERS), help="comma-separated subset")
    parser.add_argument("--csv", type=Path, default=Path("benchmarks/results/psplib.csv"))
    parser.add_argument(
        "--resume", action="store_true", help="keep the CSV's rows and run only what is missing"
    )
    args = parser.parse_args(argv)
    solvers = [s for s in args.solvers.split(",") if s]
    config = SolverConfig(time_limit=args.time_limit, workers=args.workers, seed=args.seed)
    console = Console(width=max(120, Console().width))
    warm_up()
    data = shared_folder() / "psplib"
    done = read_done(args.csv) if args.resume else []
    args.csv.parent.mkdir(parents=True, exist_ok=True)
    with args.csv.open("a" if done else "w", newline="") as handle:
        writer = csv.writer(handle)
        if not done:
            writer.writerow(CSV_COLUMNS)
        for name in SETS if args.set == "all" else (args.set,):
            run_set(console, name, args, solvers, config, data, done, writer, handle)
    console.print(f"per-instance results: {args.csv}")


def run_set(
    console: Console,
    name: str,
    args: argparse.Namespace,
    solvers: list[str],
    config: SolverConfig,
    data: Path,
    done: list[tuple[str, Outcome]],
    writer: Any,
    handle: TextIO,
) -> None:
    """Run (or finish) one set, appending each outcome to the CSV, then print its table."""
    known = read_known(data / f"{name}_bounds.csv")
    have = {(o.instance, o.solver): o for s, o in done if s == name}
    outcomes: list[Outcome] = []
    cpb: dict[str, int] = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / name
        with zipfile.ZipFile(data / f"{name}.sm.zip") as archive:
            archive.extractall(folder)
        paths = instances(folder, name, args.every, args.limit)
        with Bar(console=console, transient=True) as bar:
            task = bar.add_task(name, total=len(paths) * len(solvers))
            for path in paths:
                instance = read_sm(path)
                cpb[instance.name] = critical_path_bound(instance)
                for solver in solvers:
                    outcome = have.get((instance.name, solver))
                    if outcome is None:
                        outcome = RUNNERS[solver](instance, config)
                        k = known[instance.name]
                        writer.writerow(
                            [name, outcome.instance, solver, outcome.status, outcome.makespan,
                             outcome.bound, k.best, k.lower, cpb[instance.name],
                             f"{outcome.seconds:.3f}", f"{os.getloadavg()[0]:.2f}"]
                        )  # fmt: skip
                        handle.flush()
                    outcomes.append(outcome)
                    bar.advance(task)
    summarise(console, name, outcomes, known, cpb)


if __name__ == "__main__":
    main()
