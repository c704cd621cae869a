"""The JSON API: each page's twin, records, runs; bad input is a 422 naming the field."""

from __future__ import annotations

import time

import pytest
from fastapi.testclient import TestClient

from tests.web.conftest import OFFICE_ADMIN

GETS = [
    "/api/overview",
    "/api/services",
    "/api/services/PAY",
    "/api/dependencies",
    "/api/agreements",
    "/api/plan",
    "/api/risk",
    "/api/costs",
    "/api/scenarios",
    "/api/history",
    "/api/records/service",
    "/api/records/service/PAY",
    "/api/records/migration/PAY",
]


@pytest.mark.parametrize("path", GETS)
def test_every_read_endpoint_answers_json(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200, response.text[:300]
    assert response.headers["content-type"].startswith("application/json")


@pytest.mark.parametrize(
    ("path", "field"),
    [
        ("/api/services?disposition=teleport", "disposition"),
        ("/api/services?status=done", "status"),
        ("/api/services?sort=colour", "sort"),
        ("/api/services?descending=maybe", "descending"),
        ("/api/services?colour=red", "colour"),
        ("/api/history?limit=0", "limit"),
        ("/api/history?kind=widget", "kind"),
        ("/api/jobs/abc", "job_id"),
    ],
)
def test_bad_query_input_is_a_422_naming_the_field(
    client: TestClient, path: str, field: str
) -> None:
    response = client.get(path)
    assert response.status_code == 422
    assert any(field in [str(p) for p in d["loc"]] for d in response.json()["detail"])


@pytest.mark.parametrize(
    "path",
    [
        "/api/services/NOPE",
        "/api/records/service/NOPE",
        "/api/plan?scenario=nope",
        "/api/jobs/999",
        "/api/scenarios?compare=nope",
    ],
)
def test_unknown_things_are_404_with_a_message(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert response.json()["detail"]


def test_services_filter_and_sort_agree_with_the_records(client: TestClient) -> None:
    query = "host=WMERC&sort=cost&descending=true&per_page=1000"
    rows = client.get(f"/api/services?{query}").json()["rows"]
    assert rows and all(r["host"] == "WMERC" for r in rows)
    costs = [r["annual_cost"] for r in rows]
    assert costs == sorted(costs, reverse=True)
    everything = client.get("/api/records/service").json()
    assert len(rows) == sum(1 for s in everything if s["host"] == "WMERC")


def test_service_detail_lists_dependencies_both_ways(client: TestClient) -> None:
    deps = client.get("/api/records/dependency").json()
    target = deps[0]["depends_on"]
    detail = client.get(f"/api/services/{target}").json()
    needed_by = {d["service"] for d in detail["needed_by"]}
    assert needed_by == {d["service"] for d in deps if d["depends_on"] == target}
    assert {d["depends_on"] for d in detail["depends_on"]} == {
        d["depends_on"] for d in deps if d["service"] == target
    }


def test_the_dependency_layout_puts_each_service_right_of_what_it_needs(client: TestClient) -> None:
    graph = client.get("/api/dependencies").json()
    x = {n["code"]: n["x"] for n in graph["nodes"]}
    cluster = {n["code"]: n["cluster"] for n in graph["nodes"]}
    deps = client.get("/api/records/dependency").json()
    before = [
        d
        for d in deps
        if d["coupling"] == "before" and cluster[d["service"]] != cluster[d["depends_on"]]
    ]
    assert before
    assert all(x[d["depends_on"]] < x[d["service"]] for d in before)
    assert len(graph["nodes"]) == len(client.get("/api/records/service").json())


def test_putting_a_record_changes_it_and_names_the_actor_in_the_history(client: TestClient) -> None:
    service = client.get("/api/records/service/PAY").json()
    service["name"] = "Payroll (renamed)"
    response = client.put("/api/records/service/PAY", json=service)
    assert response.status_code == 200
    assert client.get("/api/records/service/PAY").json()["name"] == "Payroll (renamed)"
    latest = client.get("/api/history?kind=service&key=PAY&limit=1").json()[0]
    assert latest["actor"] == OFFICE_ADMIN and latest["after"]["name"] == "Payroll (renamed)"


def test_a_record_with_a_bad_field_is_a_422_naming_that_field(client: TestClient) -> None:
    service = client.get("/api/records/service/PAY").json()
    service["fixed_cost"] = -5
    response = client.put("/api/records/service/PAY", json=service)
    assert response.status_code == 422
    assert ["body", "fixed_cost"] in [d["loc"] for d in response.json()["detail"]]


def test_a_body_for_another_key_is_refused(client: TestClient) -> None:
    service = client.get("/api/records/service/PAY").json()
    response = client.put("/api/records/service/HR", json=service)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["path", "key"]


def test_a_change_that_breaks_a_reference_is_a_422_listing_the_problem(client: TestClient) -> None:
    service = client.get("/api/records/service/PAY").json()
    service["host"] = "NOBODY"
    response = client.put("/api/records/service/PAY", json=service)
    assert response.status_code == 422
    problem = response.json()["detail"][0]
    assert problem["loc"] == ["service", "PAY", "host"] and problem["input"] == "NOBODY"
    assert client.get("/api/records/service/PAY").json()["host"] != "NOBODY"


def test_deleting_a_record_used_elsewhere_is_refused_and_a_free_one_goes(
    client: TestClient,
) -> None:
    assert client.delete("/api/records/service/PAY").status_code == 422
    raid = client.get("/api/records/raid").json()[0]["code"]
    assert client.delete(f"/api/records/raid/{raid}").status_code == 204
    assert client.get(f"/api/records/raid/{raid}").status_code == 404


def test_malformed_json_is_a_422_not_a_500(client: TestClient) -> None:
    response = client.put(
        "/api/records/service/PAY",
        content=b"{not json",
        headers={"content-type": "application/json"},
    )
    assert response.status_code == 422


def test_a_plan_run_reports_progress_and_stores_the_new_plan(client: TestClient) -> None:
    before = client.get("/api/plan?scenario=tsa-2022").json()
    assert before["plan"] is None
    started = client.post("/api/plans", json={"scenario": "tsa-2022", "objective": "finish"})
    assert started.status_code == 202
    job = started.json()
    for _ in range(100):
        job = client.get(f"/api/jobs/{job['id']}").json()
        if job["state"] not in ("queued", "running"):
            break
        time.sleep(0.05)
    assert job["state"] == "done", job
    assert job["result_url"] == "/plan?scenario=tsa-2022&as_of=2021-10-01"
    after = client.get("/api/plan?scenario=tsa-2022").json()
    assert after["plan"]["scenario"] == "tsa-2022" and after["rows"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"scenario": "original", "objective": "fastest"}, "objective"),
        ({"scenario": "original", "deadline": "soon"}, "deadline"),
        ({"scenario": "original", "colour": "red"}, "colour"),
        ({}, "scenario"),
        ({"scenario": "original", "deadline": "2000-01-01"}, "deadline"),
    ],
)
def test_a_bad_plan_request_is_a_422_naming_the_field(
    client: TestClient, body: dict[str, str], field: str
) -> None:
    response = client.post("/api/plans", json=body)
    assert response.status_code == 422, response.text
    assert field in str(response.json()["detail"])


def test_planning_an_unknown_scenario_is_a_404(client: TestClient) -> None:
    assert client.post("/api/plans", json={"scenario": "nope"}).status_code == 404


def test_the_openapi_schema_documents_every_api_route_and_no_page(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    paths = set(schema["paths"])
    assert {"/api/overview", "/api/services", "/api/plans", "/api/workbook"} <= paths
    assert all(p.startswith("/api/") for p in paths)
    assert "Service" in schema["components"]["schemas"]
