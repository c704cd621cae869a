"""Fixtures for the dashboard: a demo database with results, and a client on a copy of it."""

from __future__ import annotations

import shutil
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from carveout.costs import cost_report
from carveout.demo.portfolio import demo_portfolio
from carveout.domain import Portfolio, Scenario
from carveout.domain.changes import diff
from carveout.planning.plan import Plan
from carveout.storage import open_store
from carveout.web import create_app
from tests.web.sample_results import TODAY, sample_forecast, sample_plan

DEFAULT_SCENARIO = "extended"
"""The scenario pages show unless asked: the newest of the two planned, both feasible."""


def quick_planner(
    *,
    portfolio: Portfolio,
    scenario: Scenario,
    as_of: date | None = None,
    known: Sequence[Plan] = (),
    **_settings: Any,
) -> Plan:
    """A stand-in for the solver that returns the sample plan as of ``as_of`` at once; it takes
    the planner's arguments (``known``, ``previous``, ``time_limit``, …) and ignores the rest."""
    return sample_plan(portfolio, scenario, as_of)


def build_demo_database(path: Path) -> str:
    """The demo portfolio with plans for two scenarios as of their pinned data dates (the
    second, ``extended``, is the default), a forecast for the default, and costs."""
    url = f"sqlite:///{path}"
    store = open_store(url)
    try:
        store.apply(diff(Portfolio(), demo_portfolio()), actor="demo")
        portfolio = store.load()
        for scenario in portfolio.scenarios[:2]:
            plan = sample_plan(portfolio, scenario)
            store.save_result(
                scenario=scenario.code,
                kind="plan",
                payload=plan.model_dump(mode="json"),
                actor="demo",
                as_of=plan.as_of,
                fingerprint=plan.fingerprint,
            )
            if scenario.code == DEFAULT_SCENARIO:
                forecast = sample_forecast(plan, portfolio)
                store.save_result(
                    scenario=scenario.code,
                    kind="risk",
                    payload=forecast.model_dump(mode="json"),
                    actor="demo",
                    as_of=forecast.as_of,
                    fingerprint=forecast.fingerprint,
                )
        report = cost_report(portfolio=portfolio, samples=2000)
        store.save_result(
            scenario=portfolio.scenarios[0].code,
            kind="costs",
            payload=report.model_dump(mode="json"),
            actor="demo",
        )
    finally:
        store.close()
    return url


@pytest.fixture(scope="session")
def demo_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("web") / "demo.db"
    build_demo_database(path)
    return path


@pytest.fixture
def database_url(demo_database: Path, tmp_path: Path) -> str:
    """A private copy of the demo database, so a test may change it."""
    copy = tmp_path / "demo.db"
    shutil.copy(demo_database, copy)
    return f"sqlite:///{copy}"


@pytest.fixture
def client(database_url: str) -> Iterator[TestClient]:
    app = create_app(
        store_url=database_url, today=lambda: TODAY, planner=quick_planner, plan_seconds=0.5
    )
    with TestClient(app) as test_client:
        yield test_client


@pytest.fixture
def empty_client(tmp_path: Path) -> Iterator[TestClient]:
    app = create_app(store_url=f"sqlite:///{tmp_path / 'empty.db'}", today=lambda: TODAY)
    with TestClient(app) as test_client:
        yield test_client
