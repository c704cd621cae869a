"""A request the access policy refuses is logged: who, from where, what, and why."""

from __future__ import annotations

import json

import pytest

from tests.web.conftest import SignIn


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
