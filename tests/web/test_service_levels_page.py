"""The Service levels page, its API twin, and the form that records a month's measurements."""

import httpx2
from fastapi import FastAPI
from fastapi.testclient import TestClient

from carveout.access import Role
from tests.web.conftest import SignIn

CAD_AVAILABILITY = "TSA-T1/CAD/availability"
CAD_RESPONSE = "TSA-T1/CAD/p1-response"
AS_OF = {"as_of": "2022-02-01"}


def _record(client: TestClient, month: str, **values: str) -> httpx2.Response:
    form = {"month": month, **{f"value:{code}": v for code, v in values.items()}}
    return client.post("/service-levels/record", params=AS_OF, data=form, follow_redirects=False)


def test_the_api_lists_every_level_of_the_demonstration_before_anything_is_measured(
    client: TestClient,
) -> None:
    data = client.get("/api/service-levels", params=AS_OF).json()
    levels = {lv["code"]: lv for lv in data["section"]["levels"]}
    assert len(levels) == 9 and data["agreements"] == ["TSA-2021"]
    assert levels[CAD_AVAILABILITY]["describe"] == "Availability at least 99.9 %"
    # Months before the data date in which CAD is charged and nothing was measured.
    months = levels[CAD_AVAILABILITY]["months"]
    assert [m["month"] for m in months][:2] == ["2021-10-01", "2021-11-01"]
    assert {m["attainment"] for m in months} == {"not_measured"}
    assert data["section"]["credits"] == 0 and data["section"]["breaches"] == []


def test_a_month_recorded_through_the_form_shows_its_breach_credit_and_what_is_owed(
    client: TestClient,
) -> None:
    before = client.get("/api/service-levels", params=AS_OF).json()["section"]
    answer = _record(client, "2022-01", **{CAD_AVAILABILITY: "99.62", CAD_RESPONSE: "2.5"})
    assert answer.status_code == 303

    after = client.get("/api/service-levels", params=AS_OF).json()["section"]
    [breach] = after["breaches"]
    assert (breach["service_level"], breach["month"]) == (CAD_AVAILABILITY, "2022-01-01")
    # 5 % of CAD's January charge under the first tranche (£4,479.17).
    assert breach["credit"] == 223.96
    assert after["credits"] == 223.96
    assert after["expected"] == before["expected"]
    assert round(after["net"] + after["credits"], 2) == after["expected"]
    [owed] = after["owed"]
    assert (owed["party"], owed["credits"]) == ("WARKS", 223.96)

    page = client.get("/service-levels", params=AS_OF).text
    assert 'class="attainment breached"' in page and 'class="attainment met"' in page
    assert 'id="credits-total">£223.96<' in page


def test_bad_values_are_refused_naming_the_field_and_nothing_is_recorded(
    app: FastAPI, client: TestClient
) -> None:
    store = app.state.carveout.store
    audited = store.history(limit=1000)

    negative = _record(client, "2022-01", **{CAD_AVAILABILITY: "-1", CAD_RESPONSE: "2"})
    assert negative.status_code == 422
    refused = f"{CAD_AVAILABILITY}, value = &#39;-1&#39;: Input should be greater"
    assert refused in negative.text

    unknown = _record(client, "2022-01", **{"NO-SUCH-LEVEL": "1", CAD_RESPONSE: "2"})
    assert unknown.status_code == 422
    assert "service_level = &#39;NO-SUCH-LEVEL&#39;" in unknown.text

    outside = _record(client, "2023-06", **{CAD_AVAILABILITY: "99.95"})
    assert outside.status_code == 422
    assert "a month within schedule line TSA-T1/CAD" in outside.text

    assert store.load().service_level_measurements == ()
    assert store.history(limit=1000) == audited


def test_a_viewer_sees_the_page_without_the_form_and_cannot_record(sign_in: SignIn) -> None:
    viewer = sign_in(Role.VIEWER, "WARKS")
    page = viewer.get("/service-levels").text
    assert 'id="attainment"' in page and 'id="record-form"' not in page
    refused = _record(viewer, "2022-01", **{CAD_AVAILABILITY: "99.95"})
    assert refused.status_code == 403


def test_the_page_is_in_the_navigation(client: TestClient) -> None:
    assert 'href="/service-levels' in client.get("/overview").text
