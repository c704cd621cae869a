"""The Readiness page and its API twin: services × exit criteria, blockers, and the plan."""

from datetime import date

from fastapi import FastAPI
from fastapi.testclient import TestClient

from carveout.domain.changes import Change, Changeset
from carveout.domain.readiness import CriterionStatus

HELD_BY = "Vendor contract novated (Commercial, due 2022-06-30)"


def test_the_api_gives_each_gate_with_its_blockers_and_planned_cutover(
    client: TestClient,
) -> None:
    data = client.get("/api/readiness").json()
    gates = {s["service"]: s for s in data["gates"]["services"]}
    assert len(gates) == 30
    assert gates["CAD"]["state"] == "go" and gates["CAD"]["approver"] == "Transition board"
    assert gates["CAD"]["met"] == gates["CAD"]["total"] == 5
    dems = gates["DEMS"]
    assert (dems["state"], dems["can_pass"]) == ("no_go", "2022-06-30")
    assert HELD_BY in dems["blocking"]
    assert dems["planned_cutover"] is not None  # the saved plan cuts DEMS over
    assert data["gates"]["columns"][0] == "Data migrated and reconciled"


def test_the_page_shows_the_grid_in_status_colours_and_is_in_the_navigation(
    client: TestClient,
) -> None:
    page = client.get("/readiness").text
    assert 'id="gate-DEMS"' in page and 'class="gate no_go"' in page
    assert 'class="criterion in_progress"' in page and 'class="criterion met"' in page
    assert 'href="https://evidence.example.org/cad/data"' in page
    assert HELD_BY in page
    assert 'href="/readiness' in client.get("/overview").text


def test_a_met_criterion_shows_at_once_and_a_service_without_a_gate_says_how_to_add_one(
    app: FastAPI, client: TestClient
) -> None:
    store = app.state.carveout.store
    before = next(c for c in store.load().exit_criteria if c.code == "DEMS/novate")
    met = before.model_copy(update={"status": CriterionStatus.MET, "due": date(2021, 12, 1)})
    store.apply(Changeset((Change("exit_criterion", met.code, before, met),)), actor="test")
    dems = client.get("/api/readiness", params={"service": "DEMS"}).json()["gates"]["services"]
    assert [s["service"] for s in dems] == ["DEMS"]
    assert HELD_BY not in dems[0]["blocking"]
    assert (
        "No exit criteria are recorded for BACKUP"
        in client.get("/readiness", params={"service": "BACKUP"}).text
    )
