"""Latency of every dashboard page and API endpoint on the demonstration portfolio.

Builds a temporary SQLite database with the demo portfolio, a plan for each of
two scenarios (planned by the real planner with a short time limit, so the
Plan page has real data), a risk forecast and a cost report, then times 200
in-process requests (FastAPI's TestClient) per URL after one warm-up request.

    .venv/bin/python -m benchmarks.web_latency [--requests 200] [--plan-seconds 5]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

from fastapi.testclient import TestClient

from carveout.costs import cost_report
from carveout.demo.portfolio import demo_portfolio
from carveout.domain import Portfolio
from carveout.domain.changes import diff
from carveout.storage import open_store
from carveout.web import create_app

URLS = [
    "/",
    "/?scenario=tsa-2023",
    "/services",
    "/services?host=WMERC&sort=cost&descending=true",
    "/services/PAY",
    "/dependencies",
    "/agreements",
    "/plan",
    "/plan?scenario=tsa-2023",
    "/risk?scenario=tsa-2023",
    "/costs",
    "/scenarios",
    "/edit",
    "/edit/migration/PAY",
    "/workbook",
    "/api/overview",
    "/api/services",
    "/api/services/PAY",
    "/api/dependencies",
    "/api/agreements",
    "/api/plan?scenario=tsa-2023",
    "/api/risk?scenario=tsa-2023",
    "/api/costs",
    "/api/scenarios",
    "/api/records/service",
    "/api/records/migration/PAY",
    "/api/history",
]
BUDGET_MS = 300.0


def build(path: Path, *, plan_seconds: float, runs: int) -> None:
    from carveout.planning.planner import plan_scenario
    from carveout.risk.run import run_risk

    store = open_store(f"sqlite:///{path}")
    try:
        store.apply(diff(Portfolio(), demo_portfolio()), actor="benchmark")
        portfolio = store.load()
        for scenario in portfolio.scenarios[-2:]:
            plan = plan_scenario(portfolio=portfolio, scenario=scenario, time_limit=plan_seconds)
            print(f"plan {scenario.code}: {plan.status}, {len(plan.migrations)} migrations")
            store.save_result(
                scenario=scenario.code,
                kind="plan",
                payload=plan.model_dump(mode="json"),
                actor="benchmark",
            )
            if plan.feasible:
                forecast = run_risk(portfolio=portfolio, plan=plan, runs=runs, batch_size=runs)
                store.save_result(
                    scenario=scenario.code,
                    kind="risk",
                    payload=forecast.model_dump(mode="json"),
                    actor="benchmark",
                )
        report = cost_report(portfolio=portfolio)
        store.save_result(
            scenario=portfolio.scenarios[1].code,
            kind="costs",
            payload=report.model_dump(mode="json"),
            actor="benchmark",
        )
    finally:
        store.close()


def measure(client: TestClient, url: str, n: int) -> tuple[float, float, int]:
    """Median and p95 in milliseconds over ``n`` requests, and the response size."""
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code, response.text[:300])
    times = []
    for _ in range(n):
        start = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[min(n - 1, int(0.95 * n))], len(response.content)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--plan-seconds", type=float, default=5.0)
    parser.add_argument("--risk-runs", type=int, default=2000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "demo.db"
        t0 = time.perf_counter()
        build(path, plan_seconds=args.plan_seconds, runs=args.risk_runs)
        print(f"demo database built in {time.perf_counter() - t0:.1f} s")
        # A date inside the demo programme, so the burn-down has a past and a future.
        app = create_app(store_url=f"sqlite:///{path}", today=lambda: date(2021, 6, 1))
        with TestClient(app) as client:
            rows = [(url, *measure(client, url, args.requests)) for url in URLS]
    print(f"\n{'URL':52} {'median ms':>10} {'p95 ms':>8} {'p95/budget':>11} {'bytes':>9}")
    for url, median, p95, size in rows:
        print(f"{url:52} {median:10.1f} {p95:8.1f} {p95 / BUDGET_MS:11.2f} {size:9d}")
    worst = max(rows, key=lambda r: r[2])
    print(f"\nslowest p95: {worst[0]} at {worst[2]:.1f} ms (budget {BUDGET_MS:.0f} ms)")


if __name__ == "__main__":
    main()
