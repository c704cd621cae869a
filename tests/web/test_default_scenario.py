"""Without ?scenario=, pages show the scenario with the newest feasible plan; the reports pick
the same one, by the same rule."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from carveout.demo.portfolio import demo_portfolio
from carveout.domain import Portfolio
from carveout.domain.changes import diff
from carveout.planning.plan import Plan
from carveout.reports import inputs
from carveout.storage import Store, open_store
from carveout.web import create_app
from carveout.web.cache import ResultCache
from carveout.web.queries.scope import choose_scenario
from tests.web.conftest import quick_planner, signed_in
from tests.web.sample_results import TODAY, sample_plan

Save = Callable[[str, str], None]


@pytest.fixture
def store(database_url: str) -> Iterator[Store]:
    """The demo database, where ``original`` and then ``extended`` were planned (both fit)."""
    with open_store(database_url) as opened:
        yield opened


@pytest.fixture
def save(store: Store) -> Save:
    """Save a new plan for a scenario: ``feasible`` or ``infeasible``."""
    portfolio = store.load()

    def saving(scenario: str, status: str) -> None:
        plan = sample_plan(portfolio, portfolio.scenario_by_code[scenario])
        if status == "infeasible":
            plan = Plan(
                scenario=scenario,
                objective=plan.objective,
                status="infeasible",
                created=datetime(2024, 3, 1, tzinfo=UTC),
                start=plan.start,
                as_of=plan.as_of,
                deadline=plan.deadline,
            )
        store.save_result(
            scenario=scenario, kind="plan", payload=plan.model_dump(mode="json"), actor="test"
        )

    return saving


def _default(store: Store) -> str:
    """The dashboard's default scenario, after checking the reports choose the same one."""
    portfolio = store.load()
    dashboard = choose_scenario(
        portfolio=portfolio, results=ResultCache(store), requested=None, today=TODAY
    ).code
    report = inputs.choose_scenario(store=store, portfolio=portfolio, name=None).code
    assert dashboard == report
    return dashboard


def test_the_default_is_the_scenario_with_the_newest_feasible_plan(store: Store) -> None:
    assert _default(store) == "extended"


def test_a_newer_infeasible_plan_does_not_become_the_default(store: Store, save: Save) -> None:
    save("original", "infeasible")
    save("tsa-2022", "infeasible")

    assert _default(store) == "extended"


def test_a_scenario_whose_latest_plan_no_longer_fits_is_passed_over(
    store: Store, save: Save
) -> None:
    save("extended", "infeasible")

    assert _default(store) == "original"


def test_a_newer_feasible_plan_becomes_the_default(store: Store, save: Save) -> None:
    save("tsa-2023", "feasible")

    assert _default(store) == "tsa-2023"


def test_when_no_plan_fits_the_most_recently_planned_is_the_default(
    store: Store, save: Save
) -> None:
    for scenario in ("extended", "tsa-2023", "original"):
        save(scenario, "infeasible")

    assert _default(store) == "original"


def test_without_any_plan_the_first_scenario_is_the_default(tmp_path: Path) -> None:
    with open_store(f"sqlite:///{tmp_path / 'fresh.db'}") as store:
        store.apply(diff(Portfolio(), demo_portfolio()), actor="test")
        assert _default(store) == store.load().scenarios[0].code


def test_pages_without_a_scenario_show_the_default(database_url: str, save: Save) -> None:
    save("original", "infeasible")
    app = create_app(store_url=database_url, today=lambda: TODAY, planner=quick_planner)
    with TestClient(app) as client:
        signed_in(client)
        assert client.get("/api/overview").json()["scenario"]["code"] == "extended"
        assert client.get("/api/plan").json()["scenario"]["code"] == "extended"
        assert "scenario extended" in client.get("/plan").text
