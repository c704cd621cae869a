"""A plan run from the Plan page plans as of the page's data date, as ``carveout plan`` does."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from fastapi.testclient import TestClient

from carveout.storage import open_store
from carveout.web import create_app
from tests.web.conftest import quick_planner, signed_in
from tests.web.sample_results import TODAY

Calls = list[dict[str, Any]]


@pytest.fixture
def calls() -> Calls:
    return []


@pytest.fixture
def recording(database_url: str, calls: Calls) -> Iterator[TestClient]:
    """The dashboard with a planner that records what it was asked."""

    def planner(**kwargs: Any) -> Any:
        calls.append(kwargs)
        return quick_planner(**kwargs)

    app = create_app(store_url=database_url, today=lambda: TODAY, planner=planner)
    with TestClient(app) as client:
        yield signed_in(client)


def _finish(client: TestClient, job: dict[str, Any]) -> dict[str, Any]:
    for _ in range(200):
        job = client.get(f"/api/jobs/{job['id']}").json()
        if job["state"] not in ("queued", "running"):
            return job
        time.sleep(0.05)
    raise AssertionError(f"the run did not finish: {job}")


def test_a_run_plans_as_of_the_date_asked_with_the_plans_of_that_date(
    recording: TestClient, calls: Calls, database_url: str
) -> None:
    started = recording.post("/api/plans", json={"scenario": "tsa-2022", "as_of": "2019-10-01"})
    assert started.status_code == 202 and started.json()["as_of"] == "2019-10-01"
    job = _finish(recording, started.json())

    (call,) = calls
    assert call["as_of"] == date(2019, 10, 1)
    # extended was planned as of 1 Oct 2019, original as of 31 Oct 2018: only one is known.
    assert [p.scenario for p in call["known"]] == ["extended"]
    assert call["previous"] is None
    assert job["state"] == "done"
    assert job["result_url"] == "/plan?scenario=tsa-2022&as_of=2019-10-01"
    shown = recording.get(job["result_url"].replace("/plan", "/api/plan")).json()
    assert shown["plan"]["as_of"] == "2019-10-01" and shown["plan_note"]["stale"] is False
    with open_store(database_url) as store:
        info = next(i for i in store.results("plan") if i.scenario == "tsa-2022")
        assert info.as_of == date(2019, 10, 1)
        assert info.fingerprint == store.load().fingerprint


def test_without_a_date_a_run_plans_as_of_the_scenarios_pinned_one(
    recording: TestClient, calls: Calls
) -> None:
    job = _finish(recording, recording.post("/api/plans", json={"scenario": "extended"}).json())

    assert calls[0]["as_of"] == date(2019, 10, 1)
    assert calls[0]["previous"] is not None and calls[0]["previous"].scenario == "extended"
    assert calls[0]["known"] == []
    assert job["state"] == "done"


def test_the_form_without_scripts_plans_as_of_the_pages_date(
    recording: TestClient, calls: Calls
) -> None:
    response = recording.post(
        "/plan/run",
        data={"scenario": "tsa-2023", "as_of": "2021-06-01", "objective": "cost"},
        follow_redirects=False,
    )

    assert response.status_code == 303
    assert response.headers["location"] == "/plan?scenario=tsa-2023&as_of=2021-06-01#run"
    for _ in range(200):
        if calls:
            break
        time.sleep(0.05)
    assert calls[0]["as_of"] == date(2021, 6, 1)


def test_a_bad_data_date_for_a_run_is_a_422_naming_it(recording: TestClient) -> None:
    response = recording.post("/api/plans", json={"scenario": "extended", "as_of": "someday"})

    assert response.status_code == 422
    assert ["body", "as_of"] in [d["loc"] for d in response.json()["detail"]]
