"""A scenario no plan fits has unknown costs: the dashboard shows a dash, never £0."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, date, datetime

import pytest
from fastapi.testclient import TestClient

from carveout.planning.plan import Conflict, Plan
from carveout.storage import open_store
from carveout.web import create_app
from tests.web.conftest import quick_planner, signed_in
from tests.web.sample_results import TODAY

SCENARIO = "original"


def infeasible_plan() -> Plan:
    return Plan(
        scenario=SCENARIO,
        objective="cost",
        status="infeasible",
        created=datetime(2024, 2, 1, tzinfo=UTC),
        start=date(2018, 11, 1),
        as_of=date(2018, 10, 31),
        deadline=date(2019, 10, 31),
        conflicts=(Conflict(constraint="deadline", detail="31 Oct 2019 is too soon"),),
        earliest_feasible_deadline=date(2022, 1, 12),
    )


@pytest.fixture
def infeasible(database_url: str) -> Iterator[TestClient]:
    """The demo dashboard after a plan of the original scenario found no plan fits."""
    with open_store(database_url) as store:
        store.save_result(
            scenario=SCENARIO,
            kind="plan",
            payload=infeasible_plan().model_dump(mode="json"),
            actor="test",
        )
    app = create_app(store_url=database_url, today=lambda: TODAY, planner=quick_planner)
    with TestClient(app) as client:
        yield signed_in(client)


def _figure(page: str, element_id: str) -> str:
    found = re.search(rf'id="{element_id}">([^<]*)<', page)
    assert found, element_id
    return found.group(1)


def test_the_scenarios_api_gives_no_cost_for_an_infeasible_plan(infeasible: TestClient) -> None:
    columns = infeasible.get("/api/scenarios", params={"compare": [SCENARIO]}).json()["columns"]

    (column,) = columns
    assert column["plan_status"] == "infeasible"
    money = ("hosting_to_date", "hosting_to_go", "step_up_to_go", "running_to_go", "bridges_to_go")
    for figure in (*money, "total_cost", "late_services", "gap"):
        assert column[figure] is None, figure


def test_the_scenarios_page_shows_a_dash_for_an_infeasible_plans_costs(
    infeasible: TestClient,
) -> None:
    page = infeasible.get("/scenarios", params={"compare": [SCENARIO, "extended"]}).text

    for row in ("transitional hosting to go", "bridges to build", "total to go"):
        cells = re.search(rf'<th scope="row">{row}</th><td[^>]*>([^<]*)</td>', page)
        assert cells, row
        assert cells.group(1) == "—", row


def test_the_plan_page_shows_a_dash_for_an_infeasible_plans_costs(infeasible: TestClient) -> None:
    page = infeasible.get("/plan", params={"scenario": SCENARIO}).text

    assert "No plan fits" in page
    assert _figure(page, "plan-total-cost") == "—"
    assert _figure(page, "plan-hosting-cost") == "—"


def test_the_overview_shows_a_dash_for_an_infeasible_plans_hosting_cost(
    infeasible: TestClient,
) -> None:
    page = infeasible.get("/", params={"scenario": SCENARIO}).text

    assert _figure(page, "plan-hosting-cost") == "—"


def test_a_feasible_plans_costs_are_shown_in_pounds(client: TestClient) -> None:
    page = client.get("/plan", params={"scenario": "extended"}).text

    assert _figure(page, "plan-hosting-cost").startswith("£")
