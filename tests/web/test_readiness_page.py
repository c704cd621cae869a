"""The Readiness page and its API twin: services × exit criteria, blockers, and the plan."""

from datetime import date

from fastapi import FastAPI
from fastapi.testclient import TestClient

from carveout.domain.changes import Change, Changeset
from carveout.domain.readiness import CriterionStatus, ExitCriterion, ExitDecision, GateDecision

SERVICE_MET, SERVICE_OPEN = "RMS", "CAD"


def _gates(app: FastAPI) -> None:
    criteria = (
        ExitCriterion(code="RMS/data", service=SERVICE_MET, criterion="Data migrated",
                      owner="Records lead", due=date(2019, 5, 1), status=CriterionStatus.MET,
                      evidence="https://example.org/rms/recon"),
        ExitCriterion(code="CAD/data", service=SERVICE_OPEN, criterion="Data migrated",
                      owner="Control room", due=date(2019, 2, 1), status=CriterionStatus.MET),
        ExitCriterion(code="CAD/train", service=SERVICE_OPEN, criterion="Users trained",
                      owner="Training", due=date(2019, 3, 1), status=CriterionStatus.IN_PROGRESS),
    )  # fmt: skip
    go = ExitDecision(code="RMS/go", service=SERVICE_MET, decision=GateDecision.GO,
                      approver="Programme board", decided=date(2019, 5, 2))  # fmt: skip
    changes = [Change("exit_criterion", c.code, None, c) for c in criteria]
    changes.append(Change("exit_decision", go.code, None, go))
    app.state.carveout.store.apply(Changeset(tuple(changes)), actor="test")


def test_the_api_gives_each_gate_with_its_blockers_and_planned_cutover(
    app: FastAPI, client: TestClient
) -> None:
    _gates(app)
    data = client.get("/api/readiness").json()
    gates = {s["service"]: s for s in data["gates"]["services"]}
    assert gates["RMS"]["state"] == "go" and gates["RMS"]["approver"] == "Programme board"
    assert gates["CAD"]["state"] == "not_ready" and gates["CAD"]["met"] == 1
    assert gates["CAD"]["can_pass"] == "2019-03-01"
    assert gates["CAD"]["blocking"] == ["Users trained (Training, due 2019-03-01)"]
    assert gates["CAD"]["planned_cutover"] is not None  # the saved plan cuts CAD over
    assert data["gates"]["columns"] == ["Data migrated", "Users trained"]


def test_the_page_shows_the_grid_in_status_colours_and_is_in_the_navigation(
    app: FastAPI, client: TestClient
) -> None:
    _gates(app)
    page = client.get("/readiness").text
    assert 'id="gate-CAD"' in page and 'class="criterion in_progress"' in page
    assert 'href="https://example.org/rms/recon"' in page
    assert "Users trained (Training, due 2019-03-01)" in page
    assert 'href="/readiness' in client.get("/overview").text


def test_one_service_only_and_no_gates_says_how_to_add_them(
    app: FastAPI, client: TestClient
) -> None:
    assert "No exit criteria are recorded" in client.get("/readiness").text
    _gates(app)
    data = client.get("/api/readiness", params={"service": "RMS"}).json()
    assert [s["service"] for s in data["gates"]["services"]] == ["RMS"]
