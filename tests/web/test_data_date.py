"""Pages are seen as of a data date: ``?as_of=``, else the scenario's pinned date, else today."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from carveout.storage import Store, open_store
from tests.web.sample_results import sample_plan

PAY_STATUS = re.compile(r'id="migration-status">([^<]*)<')


@pytest.fixture
def store(database_url: str) -> Iterator[Store]:
    with open_store(database_url) as opened:
        yield opened


def _status(client: TestClient, service: str, **params: str) -> str:
    rows = client.get("/api/services", params={"q": service, **params}).json()["rows"]
    return str(next(r["status"] for r in rows if r["code"] == service))


def test_without_as_of_a_page_is_seen_as_of_the_date_its_scenario_pins(client: TestClient) -> None:
    choice = client.get("/api/overview").json()["scenario"]
    page = client.get("/").text

    assert (choice["code"], choice["as_of"], choice["as_of_basis"]) == (
        "extended",
        "2019-10-01",
        "pinned",
    )
    assert 'id="data-date">01 Oct 2019<' in page
    assert 'name="as_of" value="2019-10-01"' in page


def test_a_migration_cut_over_after_the_data_date_shows_as_in_progress_or_not_started(
    client: TestClient,
) -> None:
    # PAY started on 4 Feb 2019 and cut over on 30 Sep 2019.
    assert _status(client, "PAY") == "cut_over"
    assert _status(client, "PAY", as_of="2019-06-01") == "in_progress"
    assert _status(client, "PAY", as_of="2019-01-01") == "not_started"
    assert _status(client, "PAY", as_of="2019-09-30") == "in_progress"

    page = client.get("/services/PAY", params={"as_of": "2019-06-01"}).text
    found = PAY_STATUS.search(page)
    assert found and found.group(1) == "in progress"


def test_the_overview_counts_change_with_the_data_date(client: TestClient) -> None:
    pinned = client.get("/api/overview").json()
    earlier = client.get("/api/overview", params={"as_of": "2019-01-01"}).json()
    later = client.get("/api/overview", params={"as_of": "2021-06-01"}).json()

    assert earlier["cut_over"] < pinned["cut_over"] < later["cut_over"]
    assert earlier["hosted_now"] > pinned["hosted_now"] > later["hosted_now"]
    for data in (earlier, pinned, later):
        assert data["hosted_now"] + data["cut_over"] == data["moving"]


def test_a_plan_stored_as_of_another_date_is_not_the_plan_of_this_date(client: TestClient) -> None:
    shown = client.get("/api/plan", params={"scenario": "extended"}).json()
    other = client.get("/api/plan", params={"scenario": "extended", "as_of": "2020-01-01"}).json()
    page = client.get("/plan", params={"scenario": "extended", "as_of": "2020-01-01"}).text

    assert shown["plan"]["as_of"] == "2019-10-01"
    assert other["plan"] is None and other["plan_note"] is None
    assert other["stored_dates"] == ["2019-10-01"]
    assert all(m["amount"] is None for m in other["money"])
    assert "No plan yet for scenario extended as of 01 Jan 2020" in page
    assert "carveout plan --scenario extended --as-of 2020-01-01" in page
    assert 'href="/plan?scenario=extended&amp;as_of=2020-01-01#run"' in page
    assert 'name="as_of" value="2020-01-01"' in page.split('id="run-plan"')[1]


def test_a_forecast_stored_as_of_another_date_is_not_shown(client: TestClient) -> None:
    other = client.get("/api/risk", params={"as_of": "2020-01-01"}).json()
    overview = client.get("/api/overview", params={"as_of": "2020-01-01"}).json()

    assert other["forecast"] is None
    assert overview["forecast"] is None and overview["status"]["p_meet_deadline"] is None


def test_a_result_is_labelled_stale_once_a_record_changes(client: TestClient) -> None:
    before = client.get("/api/plan").json()["plan_note"]
    service = client.get("/api/records/service/PAY").json()
    service["name"] = "Payroll and pensions"
    assert client.put("/api/records/service/PAY", json=service).status_code == 200
    after = client.get("/api/plan").json()["plan_note"]
    overview = client.get("/api/overview").json()
    page = client.get("/").text

    assert before["stale"] is False
    assert after["stale"] is True and after["as_of"] == "2019-10-01"
    assert overview["plan"]["stale"] and overview["forecast"]["stale"]
    assert 'class="badge stale">stale<' in page
    assert "The portfolio has changed since it was made" in page


PAGES = ["/", "/services", "/services/PAY", "/dependencies", "/agreements", "/plan", "/risk"]
PAGES += ["/costs", "/scenarios"]


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("bad", ["2021-13-01", "yesterday", "01/10/2019"])
def test_a_bad_data_date_is_a_422_naming_as_of_on_the_page_and_its_api(
    client: TestClient, path: str, bad: str
) -> None:
    page = client.get(path, params={"as_of": bad})
    api = client.get("/api" + (path if path != "/" else "/overview"), params={"as_of": bad})

    assert page.status_code == 422 and "as_of" in page.text
    assert api.status_code == 422
    assert ["query", "as_of"] in [d["loc"] for d in api.json()["detail"]]


def test_links_keep_the_scenario_and_the_data_date(client: TestClient) -> None:
    page = client.get("/", params={"scenario": "original", "as_of": "2019-06-01"}).text

    assert 'href="/plan?scenario=original&amp;as_of=2019-06-01"' in page
    assert 'href="/services?scenario=original&amp;as_of=2019-06-01"' in page
    assert 'href="/?scenario=original">Back to the default date' in page
    assert '<input type="hidden" name="as_of" value="2019-06-01">' in page


def test_the_status_judges_behind_plan_against_the_stored_baseline(
    client: TestClient, store: Store
) -> None:
    assert client.get("/api/overview").json()["status"]["behind"] == []
    portfolio = store.load()
    approved = sample_plan(portfolio, portfolio.scenario_by_code["extended"])
    store.save_result(
        scenario="extended", kind="baseline", payload=approved.model_dump(mode="json"), actor="t"
    )

    status = client.get("/api/overview").json()["status"]
    page = client.get("/").text

    assert status["behind"] and status["baseline_as_of"] == "2019-10-01"
    assert f"{len(status['behind'])} service(s) behind the baseline" in status["reasons"]
    assert "Behind the baseline" in page


def test_a_deadline_passed_with_work_left_is_red_with_no_chance(client: TestClient) -> None:
    status = client.get("/api/overview", params={"as_of": "2021-01-04"}).json()["status"]

    assert status["rating"] == "red" and status["deadline_passed"]
    assert status["p_meet_deadline"] == 0.0
