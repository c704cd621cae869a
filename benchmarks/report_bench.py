"""Time the governance pack (HTML + PDF) for the demonstration portfolio.

Two cases: the scenario's plan, forecast and cost report already stored (the
usual case after `carveout plan`, `risk` and `costs`), and none stored, so the
report computes them with its quick settings first.

    .venv/bin/python -m benchmarks.report_bench [--scenario tsa-2023] [--repeat 3]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

from carveout.costs.report import cost_report
from carveout.demo import demo_portfolio
from carveout.domain import Portfolio
from carveout.domain.changes import diff
from carveout.planning.planner import plan_scenario
from carveout.reports.build import ReportFiles, write_report
from carveout.reports.inputs import ComputeSettings
from carveout.risk.run import run_risk
from carveout.storage import Store, open_store

TARGET_SECONDS = 10.0
AS_OF = date(2021, 10, 1)
STAGES = ("inputs", "charts", "html", "pdf")


def _store(folder: Path, name: str) -> Store:
    store = open_store(f"sqlite:///{folder / name}")
    store.apply(diff(Portfolio(), demo_portfolio()), actor="bench")
    return store


def _run(store: Store, scenario: str, out: Path, settings: ComputeSettings) -> ReportFiles:
    return write_report(
        store=store, scenario=scenario, as_of=AS_OF, out=out, actor="bench", settings=settings
    )


def _row(label: str, runs: list[tuple[float, ReportFiles]]) -> list[str]:
    total = statistics.median(t for t, _ in runs)
    cells = [label]
    for stage in STAGES:
        cells.append(f"{statistics.median(f.seconds.get(stage, 0.0) for _, f in runs):.2f}")
    cells += [f"{total:.2f}", f"{total / TARGET_SECONDS:.2f}"]
    return cells


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scenario", default="tsa-2023")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    settings = ComputeSettings()
    portfolio = demo_portfolio()
    scenario = portfolio.scenario_by_code[args.scenario]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        computed: list[tuple[float, ReportFiles]] = []
        with _store(folder, "bare.db") as store:
            start = time.perf_counter()
            files = _run(store, args.scenario, folder / "computed", settings)
            computed.append((time.perf_counter() - start, files))
        with _store(folder, "stored.db") as store:
            plan = plan_scenario(
                portfolio=portfolio,
                scenario=scenario,
                time_limit=settings.time_limit,
                workers=settings.workers,
            )
            store.save_result(
                scenario=scenario.code, kind="plan", payload=plan.model_dump(mode="json"), actor="b"
            )
            if plan.feasible:
                forecast = run_risk(portfolio=portfolio, plan=plan, runs=settings.runs)
                store.save_result(
                    scenario=scenario.code,
                    kind="risk",
                    payload=forecast.model_dump(mode="json"),
                    actor="b",
                )
            costs = cost_report(portfolio=portfolio, samples=settings.samples)
            store.save_result(
                scenario="portfolio", kind="costs", payload=costs.model_dump(mode="json"), actor="b"
            )
            stored: list[tuple[float, ReportFiles]] = []
            for _ in range(args.repeat):
                start = time.perf_counter()
                files = _run(store, args.scenario, folder / "stored", settings)
                stored.append((time.perf_counter() - start, files))
        pages = files.pdf.stat().st_size if files.pdf else 0
        header = ["case", *(f"{s} s" for s in STAGES), "total s", "÷ 10 s target"]
        rows = [
            _row("results stored", stored),
            _row("results computed", computed),
        ]
        widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
        print(
            f"Governance pack, demo portfolio, scenario {args.scenario}, as of {AS_OF} "
            f"(plan {files.pack.plan_status}, {len(files.pack.services)} services, "
            f"PDF {pages / 1024:.0f} KiB); medians of {args.repeat} stored runs"
        )
        for r in [header, *rows]:
            print(
                "  ".join(
                    c.rjust(w) if i else c.ljust(w)
                    for i, (c, w) in enumerate(zip(r, widths, strict=True))
                )
            )
        print(
            f"computing first costs {float(rows[1][-2]) / float(rows[0][-2]):.1f}× the stored case"
        )


if __name__ == "__main__":
    main()
