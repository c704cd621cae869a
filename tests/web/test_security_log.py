"""A request the access policy refuses is logged: who, from where, what, and why."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient

from tests.web.conftest import SignIn, TokenFor


def _refusals(caplog: pytest.LogCaptureFixture) -> list[dict[str, object]]:
    return [json.loads(r.getMessage()) for r in caplog.records if r.name == "carveout.security"]


def test_a_change_refused_to_another_partys_editor_is_logged(
    sign_in: SignIn, caplog: pytest.LogCaptureFixture
) -> None:
    wmids = sign_in("editor", "WMIDS")
    record = wmids.get("/api/records/raid/R02").json()  # raised by Warwickshire

    with caplog.at_level("WARNING", logger="carveout.security"):
        answer = wmids.put(
            "/api/records/raid/R02",
            json={**record, "title": "Renamed by West Midlands"},
        )

    assert answer.status_code == 403
    (event,) = _refusals(caplog)
    assert event["event"] == "refused"
    assert event["actor"] == "editor@wmids.example"
    assert event["organisation"] == "WMIDS" and event["role"] == "editor"
    assert isinstance(event["request_id"], str) and len(event["request_id"]) == 32
    assert event["method"] == "PUT" and event["path"] == "/api/records/raid/R02"
    refused = event["refused"]
    assert isinstance(refused, list) and refused[0]["key"] == "R02"
    assert refused[0]["reason"]


def test_an_allowed_change_logs_no_refusal(
    sign_in: SignIn, caplog: pytest.LogCaptureFixture
) -> None:
    warks = sign_in("editor", "WARKS")
    record = warks.get("/api/records/raid/R02").json()

    with caplog.at_level("WARNING", logger="carveout.security"):
        answer = warks.put("/api/records/raid/R02", json={**record, "title": "Reworded"})

    assert answer.status_code == 200, answer.text
    assert _refusals(caplog) == []


def test_a_write_without_its_csrf_token_is_logged(
    client: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    token = client.headers.pop("X-CSRF-Token")

    with caplog.at_level("WARNING", logger="carveout.security"):
        no_header = client.put("/api/records/raid/R02", json={"code": "R02"})
        wrong_field = client.post("/costs/run", data={"csrf_token": token[::-1]})

    assert no_header.status_code == wrong_field.status_code == 403
    events = _refusals(caplog)
    assert [(e["method"], e["path"]) for e in events] == [
        ("PUT", "/api/records/raid/R02"),
        ("POST", "/costs/run"),
    ]
    assert all("CSRF token" in str(e["message"]) and e["role"] == "admin" for e in events)


def test_a_write_with_a_read_only_token_is_logged(
    sign_in: SignIn, token_for: TokenFor, caplog: pytest.LogCaptureFixture
) -> None:
    robot = sign_in(None)
    robot.headers["Authorization"] = f"Bearer {token_for('viewer', 'WMIDS', scope='read')}"

    with caplog.at_level("WARNING", logger="carveout.security"):
        answer = robot.put("/api/records/raid/R02", json={"code": "R02"})

    assert answer.status_code == 403
    (event,) = _refusals(caplog)
    assert event["organisation"] == "WMIDS" and event["via"] == "token"
    assert "read-only" in str(event["message"]) and event["path"] == "/api/records/raid/R02"


def test_a_write_from_another_origin_is_logged_before_anyone_is_known(
    client: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level("WARNING", logger="carveout.security"):
        answer = client.post("/costs/run", headers={"origin": "http://evil.example"})

    assert answer.status_code == 403
    (event,) = _refusals(caplog)
    # The origin is checked before the session is read: the actor is not known yet.
    assert event["actor"] is None and event["path"] == "/costs/run"
    assert "dashboard's own pages" in str(event["message"])


def test_a_request_for_a_host_name_not_answered_is_logged_with_the_host(
    client: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level("WARNING", logger="carveout.security"):
        answer = client.get("/charges", headers={"host": "attacker.example"})
        allowed = client.get("/api/overview")

    assert answer.status_code == 400 and allowed.status_code == 200
    (event,) = _refusals(caplog)
    assert event["status"] == 400 and event["host"] == "attacker.example"
    assert event["path"] == "/charges" and event["actor"] is None
    assert "CARVEOUT_ALLOWED_HOSTS" in str(event["message"])
