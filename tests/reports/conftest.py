"""The report tests' programme with its results computed once per session (fast settings),
a store holding them, and one report written from that store."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from carveout.costs.report import cost_report
from carveout.domain import Portfolio
from carveout.domain.changes import diff
from carveout.planning.planner import plan_scenario
from carveout.reports.build import ReportFiles, write_report
from carveout.reports.contents import Pack
from carveout.reports.pack import build_pack
from carveout.risk.run import run_risk
from carveout.storage import Store, open_store
from tests.reports.programme import AS_OF, Results, programme


@pytest.fixture(scope="session")
def results() -> Results:
    portfolio = programme()
    plan = plan_scenario(
        portfolio=portfolio, scenario=portfolio.scenarios[0], as_of=AS_OF, time_limit=5, workers=1
    )
    forecast = run_risk(portfolio=portfolio, plan=plan, runs=500, seed=1)
    costs = cost_report(portfolio=portfolio, samples=2_000)
    return Results(portfolio, plan, forecast, costs)


@pytest.fixture(scope="session")
def pack(results: Results) -> Pack:
    return build_pack(
        portfolio=results.portfolio,
        scenario=results.portfolio.scenarios[0],
        plan=results.plan,
        forecast=results.forecast,
        costs=results.costs,
        as_of=AS_OF,
        previous=None,
        generated=datetime(2021, 10, 15, 9, tzinfo=UTC),
    )


def _fill(store: Store, results: Results, *, with_results: bool) -> Store:
    store.apply(diff(Portfolio(), results.portfolio), actor="test")
    if with_results:
        scenario = results.plan.scenario
        store.save_result(
            scenario=scenario, kind="plan", payload=results.plan.model_dump(mode="json"), actor="t"
        )
        store.save_result(
            scenario=scenario,
            kind="risk",
            payload=results.forecast.model_dump(mode="json"),
            actor="t",
        )
        store.save_result(
            scenario="portfolio",
            kind="costs",
            payload=results.costs.model_dump(mode="json"),
            actor="t",
        )
    return store


@pytest.fixture
def report_store(tmp_path: Path, _sqlite_template: Path, results: Results) -> Iterator[Store]:
    """A SQLite store holding the programme and its saved results."""
    path = tmp_path / "report.db"
    shutil.copyfile(_sqlite_template, path)
    store = _fill(open_store(f"sqlite:///{path}"), results, with_results=True)
    yield store
    store.close()


@pytest.fixture
def bare_store(tmp_path: Path, _sqlite_template: Path, results: Results) -> Iterator[Store]:
    """A SQLite store holding the programme and no results."""
    path = tmp_path / "bare.db"
    shutil.copyfile(_sqlite_template, path)
    store = _fill(open_store(f"sqlite:///{path}"), results, with_results=False)
    yield store
    store.close()


@pytest.fixture(scope="session")
def written(
    tmp_path_factory: pytest.TempPathFactory, _sqlite_template: Path, results: Results
) -> ReportFiles:
    """The report (HTML and PDF) written once from a store with saved results."""
    folder = tmp_path_factory.mktemp("written")
    path = folder / "report.db"
    shutil.copyfile(_sqlite_template, path)
    with _fill(open_store(f"sqlite:///{path}"), results, with_results=True) as store:
        return write_report(
            store=store, scenario=None, as_of=AS_OF, out=folder / "out", actor="test"
        )
