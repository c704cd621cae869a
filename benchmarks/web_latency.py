"""Latency of every dashboard page and API endpoint on the demonstration portfolio, and what
signing in adds to it.

Builds a temporary SQLite database with the demo portfolio, a plan for each of
two scenarios (planned by the real planner with a short time limit, so the
Plan page has real data), a risk forecast, a cost report and the programme office's
admin account, then times 200 in-process requests (FastAPI's TestClient) per URL after
one warm-up request, twice over, alternating request by request: signed in with a session
cookie (the sign-in middleware looks the session up on every request), and on a second app
over the same database whose sign-in middleware is replaced by one that sets the same
principal without looking anything up. It prints both and the difference of their p95s.

    .venv/bin/python -m benchmarks.web_latency [--requests 200] [--plan-seconds 5]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import cast

from fastapi import FastAPI
from fastapi.testclient import TestClient
from starlette.middleware import Middleware
from starlette.types import ASGIApp, Receive, Scope, Send

from carveout.access import PROGRAMME_OFFICE, Principal, Role
from carveout.access.sessions import SESSION_COOKIE
from carveout.costs import cost_report
from carveout.demo.portfolio import demo_portfolio
from carveout.domain import Portfolio
from carveout.domain.changes import diff
from carveout.storage import accounts, open_store
from carveout.web import create_app
from carveout.web.auth import AuthMiddleware
from carveout.web.auth.signin import open_session

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
SIGN_IN_BUDGET_MS = 20.0
"""What signing in may add to a page's p95."""
ADMIN = "admin@programme-office.example"
LOCAL = "http://localhost"


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
        accounts.create_account(
            store.engine,
            email=ADMIN,
            name="Benchmark admin",
            organisation=PROGRAMME_OFFICE,
            role=Role.ADMIN,
            password_hash=None,
        )
    finally:
        store.close()


class FixedPrincipal:
    """The sign-in middleware's stand-in: the same principal on every request, no look-up."""

    def __init__(self, app: ASGIApp, *, principal: Principal) -> None:
        self.app = app
        self.principal = principal

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            state = scope.setdefault("state", {})
            state.update(principal=self.principal, csrf=None, session_expires=None)
        await self.app(scope, receive, send)


def signed_in_client(app: FastAPI) -> TestClient:
    """A client with a session of the admin, as a browser has after signing in (enter it, as
    the other client, so that both keep one event loop for all their requests)."""
    auth = app.state.carveout.auth
    user = accounts.get_account(auth.engine, email=ADMIN)
    client = TestClient(app, base_url=LOCAL)
    client.cookies.set(SESSION_COOKIE, open_session(auth, user, agent="benchmark").cookie)
    return client


def bypassed_app(url: str, today: date) -> FastAPI:
    """The app with its sign-in check replaced by :class:`FixedPrincipal` (never served)."""
    app = create_app(store_url=url, today=lambda: today)
    with open_store(url) as store:
        user = accounts.get_account(store.engine, email=ADMIN)
    fixed = Middleware(FixedPrincipal, principal=user.principal(via="session"))
    app.user_middleware = [
        fixed if cast(object, m.cls) is AuthMiddleware else m for m in app.user_middleware
    ]
    return app


def percentile_95(times: list[float]) -> float:
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]


def measure_pair(
    signed: TestClient, bypassed: TestClient, url: str, n: int
) -> tuple[list[float], list[float], int]:
    """Times in milliseconds of ``n`` requests for ``url`` by each client, alternating, so
    both see the same machine; and the response size."""
    sizes = []
    for client in (signed, bypassed):
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code, response.text[:300])
        sizes.append(len(response.content))
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(n):
        for client, kept in zip((signed, bypassed), times, strict=True):
            start = time.perf_counter()
            client.get(url)
            kept.append((time.perf_counter() - start) * 1000)
    return times[0], times[1], sizes[0]


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
    # A date inside the demo programme, so the burn-down has a past and a future.
    today = date(2021, 6, 1)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "demo.db"
        t0 = time.perf_counter()
        build(path, plan_seconds=args.plan_seconds, runs=args.risk_runs)
        print(f"demo database built in {time.perf_counter() - t0:.1f} s")
        url = f"sqlite:///{path}"
        app = create_app(store_url=url, today=lambda: today)
        bare = bypassed_app(url, today)
        with signed_in_client(app) as signed, TestClient(bare, base_url=LOCAL) as bypassed:
            rows = [(u, *measure_pair(signed, bypassed, u, args.requests)) for u in URLS]
    report(rows)


def report(rows: list[tuple[str, list[float], list[float], int]]) -> None:
    print(
        f"\n{'URL':52} {'median ms':>10} {'p95 ms':>8} {'p95/budget':>11} {'bytes':>9}"
        f" {'p95 no sign-in':>15} {'sign-in adds':>13}"
    )
    added = []
    for url, signed, bypassed, size in rows:
        p95, bare = percentile_95(signed), percentile_95(bypassed)
        added.append((url, p95 - bare))
        print(
            f"{url:52} {statistics.median(signed):10.1f} {p95:8.1f} {p95 / BUDGET_MS:11.2f}"
            f" {size:9d} {bare:15.1f} {p95 - bare:+13.1f}"
        )
    worst = max(rows, key=lambda r: percentile_95(r[1]))
    print(
        f"\nslowest p95: {worst[0]} at {percentile_95(worst[1]):.1f} ms (budget {BUDGET_MS:.0f} ms)"
    )
    every_signed = [t for r in rows for t in r[1]]
    every_bypassed = [t for r in rows for t in r[2]]
    pooled = percentile_95(every_signed) - percentile_95(every_bypassed)
    most = max(added, key=lambda a: a[1])
    median_added = statistics.median([a - b for r in rows for a, b in zip(r[1], r[2], strict=True)])
    print(
        f"sign-in adds to the p95: {pooled:+.1f} ms over every request, at most {most[1]:+.1f} ms "
        f"on one URL ({most[0]}); median of the paired differences {median_added:+.2f} ms "
        f"(budget {SIGN_IN_BUDGET_MS:.0f} ms)"
    )


if __name__ == "__main__":
    main()
