"""Risk, costs and the governance pack run from their pages as queued background runs, store
their results as their commands do, say how far they are, and are refused to readers."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from carveout.access import Role
from carveout.storage import open_store
from tests.web.conftest import SignIn
from tests.web.real_plan import SCENARIO, save_real_plan

DEFAULT = "extended"
"""The default scenario of the test database: planned and forecast as of 1 Oct 2019."""


@pytest.fixture(autouse=True)
def _output_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Packs written by the app go to the test's own folder."""
    from carveout.config import get_settings

    monkeypatch.setenv("CARVEOUT_OUTPUT_DIR", str(tmp_path / "out"))
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def _finish(client: TestClient, job: dict[str, Any], seconds: float = 300) -> dict[str, Any]:
    deadline = time.monotonic() + seconds
    while job["state"] in ("queued", "running"):
        assert time.monotonic() < deadline, f"the run did not finish: {job}"
        time.sleep(0.05)
        job = client.get(f"/api/jobs/{job['id']}").json()
    return job


def _edit_a_record(client: TestClient) -> None:
    service = client.get("/api/records/service/PAY").json()
    service["name"] = "Payroll and pensions"
    assert client.put("/api/records/service/PAY", json=service).status_code == 200


def test_a_risk_run_stores_the_forecast_as_the_command_does_and_turns_stale_after_an_edit(
    client: TestClient, database_url: str
) -> None:
    with open_store(database_url) as store:
        save_real_plan(store)
    started = client.post("/api/risk-runs", json={"scenario": SCENARIO, "runs": 1_000})
    assert started.status_code == 202 and started.json()["kind"] == "risk"
    job = _finish(client, started.json())

    assert job["state"] == "done", job["message"]
    assert job["result_url"] == f"/risk?scenario={SCENARIO}&as_of=2021-10-01"
    with open_store(database_url) as store:
        info = next(i for i in store.results("risk") if i.scenario == SCENARIO)
        assert info.actor == "admin@programme-office.example"
        assert info.fingerprint == store.load().fingerprint
        stored = store.latest_result(scenario=SCENARIO, kind="risk", as_of=info.as_of)
    shown = client.get("/api/risk", params={"scenario": SCENARIO}).json()
    assert shown["forecast"]["runs"] == stored["runs"] and stored["runs"] <= 1_000
    assert shown["forecast_note"]["id"] == info.id and shown["forecast_note"]["stale"] is False
    _edit_a_record(client)
    assert client.get("/api/risk", params={"scenario": SCENARIO}).json()["forecast_note"]["stale"]
    assert 'class="badge stale">stale<' in client.get(job["result_url"]).text


def test_the_same_risk_run_asked_twice_while_going_is_one_run(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    release = threading.Event()

    def held(**kwargs: Any) -> Any:
        kwargs["progress"](250, 1_000)
        release.wait(30)
        raise RuntimeError("stopped by the test")

    monkeypatch.setattr("carveout.risk.run.run_risk", held)
    body = {"scenario": DEFAULT, "runs": 1_000}
    first = client.post("/api/risk-runs", json=body).json()
    again = client.post("/api/risk-runs", json=body).json()
    other = client.post("/api/risk-runs", json={**body, "seed": 7}).json()
    try:
        for _ in range(200):
            seen = client.get(f"/api/jobs/{first['id']}").json()
            if seen["progress"] == 0.25:
                break
            time.sleep(0.02)
        page = client.get("/risk", params={"scenario": DEFAULT}).text
    finally:
        release.set()

    assert again["id"] == first["id"] and other["id"] != first["id"]
    assert seen["state"] == "running" and "250 of 1,000 runs" in seen["message"]
    assert f'data-job="{first["id"]}"' in page


def test_a_risk_run_needs_a_plan_as_of_its_data_date(client: TestClient) -> None:
    response = client.post("/api/risk-runs", json={"scenario": DEFAULT, "as_of": "2020-01-01"})

    assert response.status_code == 400
    assert "no plan as of 1 Jan 2020" in response.json()["detail"]


def test_a_cost_run_stores_the_report_as_the_command_does_and_turns_stale_after_an_edit(
    client: TestClient, database_url: str
) -> None:
    job = _finish(client, client.post("/api/cost-runs", json={}).json())

    assert job["state"] == "done", job["message"]
    assert job["progress"] == 1.0 and job["scenario"] == "portfolio"
    with open_store(database_url) as store:
        info = next(iter(store.results("costs")))
        assert info.scenario == "portfolio" and info.fingerprint == store.load().fingerprint
    fresh = client.get("/api/costs").json()["costs_note"]
    _edit_a_record(client)
    stale = client.get("/api/costs").json()["costs_note"]
    page = client.get("/costs").text

    assert fresh["id"] == info.id and fresh["stale"] is False
    assert stale["stale"] is True
    assert 'id="costs-label"' in page and 'class="badge stale">stale<' in page


def test_a_pack_run_writes_the_pdf_html_and_workbook_to_download(client: TestClient) -> None:
    started = client.post("/api/packs", json={"scenario": DEFAULT})
    assert started.status_code == 202 and started.json()["as_of"] == "2019-10-01"
    job = _finish(client, started.json())
    assert job["state"] == "done", job["message"]

    listed = client.get("/api/pack", params={"scenario": DEFAULT}).json()
    pdf = client.get(f"/pack.pdf?scenario={DEFAULT}&as_of=2019-10-01")
    html = client.get(f"/pack.html?scenario={DEFAULT}&as_of=2019-10-01")
    xlsx = client.get(f"/pack.xlsx?scenario={DEFAULT}&as_of=2019-10-01")

    assert [f["format"] for f in listed["files"]] == ["pdf", "html", "xlsx"]
    assert listed["pack_note"]["as_of"] == "2019-10-01" and listed["pack_note"]["stale"] is False
    assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF") and len(pdf.content) > 10_000
    assert "attachment" in pdf.headers["content-disposition"]
    assert html.headers["content-type"].startswith("text/html") and b"<html" in html.content
    assert xlsx.content.startswith(b"PK")
    _edit_a_record(client)
    page = client.get("/pack", params={"scenario": DEFAULT}).text
    assert 'id="pack-label"' in page and 'class="badge stale">stale<' in page


def test_a_pack_not_written_yet_is_not_found(client: TestClient) -> None:
    response = client.get(f"/pack.pdf?scenario={DEFAULT}&as_of=2019-10-01")
    unknown = client.get(f"/pack.docx?scenario={DEFAULT}&as_of=2019-10-01")

    assert response.status_code == 404 and unknown.status_code == 404


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/api/risk-runs", {"scenario": DEFAULT}),
        ("/api/cost-runs", {}),
        ("/api/packs", {"scenario": DEFAULT}),
    ],
)
def test_a_viewer_cannot_start_a_run(sign_in: SignIn, path: str, body: dict[str, Any]) -> None:
    viewer = sign_in(Role.VIEWER)

    response = viewer.post(path, json=body)

    assert response.status_code == 403


@pytest.mark.parametrize(
    ("path", "form"),
    [
        ("/risk/run", {"scenario": DEFAULT}),
        ("/costs/run", {}),
        ("/pack/run", {"scenario": DEFAULT}),
    ],
)
def test_a_viewer_sees_no_run_form_and_its_post_is_refused(
    sign_in: SignIn, path: str, form: dict[str, str]
) -> None:
    viewer = sign_in(Role.VIEWER)
    page = viewer.get(path.removesuffix("/run")).text

    response = viewer.post(path, data=form, follow_redirects=False)

    assert "data-run=" not in page
    assert response.status_code == 403


def test_a_run_form_without_its_csrf_token_is_refused(client: TestClient) -> None:
    del client.headers["X-CSRF-Token"]

    response = client.post("/costs/run", follow_redirects=False)

    assert response.status_code == 403


def test_the_risk_form_without_scripts_starts_the_run_and_returns_to_the_page(
    client: TestClient,
) -> None:
    response = client.post(
        "/risk/run",
        data={"scenario": DEFAULT, "as_of": "2019-10-01", "runs": "500"},
        follow_redirects=False,
    )

    assert response.status_code == 303
    assert response.headers["location"] == f"/risk?scenario={DEFAULT}&as_of=2019-10-01#run-risk"


def test_a_scenario_code_never_leads_a_pack_out_of_its_folder(client: TestClient) -> None:
    from datetime import date

    from carveout.reports.build import stem_of
    from carveout.web.engine_runs import pack_folder

    ctx: Any = client.app.state.carveout  # type: ignore[attr-defined]
    folder = pack_folder(ctx, "a/../../b c")
    stem = stem_of("a/../../b c", date(2021, 10, 1))

    assert folder.parent == ctx.output_dir / "packs" and "/" not in folder.name
    assert stem == "board-report-a-..-..-b-c-2021-10-01" and "/" not in stem
