"""Exit readiness gates edited from the dashboard: criteria (owner, due date, status, evidence
link) and the go/no-go decision (approver, date), on the same forms and checks as any record,
reached from the Readiness page."""

from __future__ import annotations

import html
import re

import httpx2
from fastapi.testclient import TestClient

from carveout.web import forms
from tests.web.conftest import SignIn

CRITERION = {
    "code": "BACKUP/restore",
    "service": "BACKUP",
    "criterion": "Restore tested from the new site",
    "owner": "Infrastructure",
    "due": "2022-05-31",
    "status": "in_progress",
    "evidence": "https://evidence.example.org/backup/restore",
    "recorded": "",
    "_original": "",
}


def _post(client: TestClient, kind: str, data: dict[str, str]) -> httpx2.Response:
    return client.post(f"/edit/{kind}", data=data, follow_redirects=False)


def _saved(response: httpx2.Response, service: str) -> None:
    """Saved (a gate binds no other party) and back on the Readiness page of its service."""
    assert response.status_code == 303, response.text[:1500]
    assert response.headers["location"].startswith(f"/readiness?service={service}&saved=")


def _opened(client: TestClient, kind: str, key: str) -> dict[str, str]:
    page = client.get(f"/edit/{kind}/{key}")
    assert page.status_code == 200
    version = re.search(r'name="_version" value="([^"]*)"', page.text)
    assert version is not None
    record = forms.ENTITY_KINDS[kind].model_validate(
        client.get(f"/api/records/{kind}/{key}").json()
    )
    return {**forms.values(record), "_original": key, "_version": version.group(1)}


def test_the_gate_kinds_are_editable_and_their_forms_have_every_field(client: TestClient) -> None:
    assert {"schedule_line", "exit_criterion", "exit_decision"} <= set(forms.EDITABLE)
    criterion = client.get("/edit/exit_criterion/new", params={"service": "BACKUP"}).text
    decision = client.get("/edit/exit_decision/new").text

    for name in ("criterion", "owner", "due", "status", "evidence"):
        assert f'name="{name}"' in criterion
    assert 'name="service" value="BACKUP"' in criterion
    assert '<option value="waived"' in criterion
    for name in ("decision", "approver", "decided"):
        assert f'name="{name}"' in decision


def test_a_criterion_added_on_the_form_appears_on_the_readiness_page(client: TestClient) -> None:
    _saved(_post(client, "exit_criterion", CRITERION), "BACKUP")

    stored = client.get("/api/records/exit_criterion/BACKUP/restore").json()
    assert (stored["owner"], stored["due"], stored["status"]) == (
        "Infrastructure",
        "2022-05-31",
        "in_progress",
    )
    page = client.get("/readiness", params={"service": "BACKUP", "saved": "BACKUP/restore"}).text
    assert 'id="gate-BACKUP"' in page and "Saved BACKUP/restore." in page
    assert 'href="https://evidence.example.org/backup/restore"' in page


def test_a_criterion_without_a_web_link_as_evidence_is_refused_and_nothing_written(
    client: TestClient,
) -> None:
    response = _post(client, "exit_criterion", {**CRITERION, "evidence": "file://share/x"})

    assert response.status_code == 422
    page = html.unescape(response.text)
    assert "a web link starting http:// or https://" in page
    assert 'name="evidence" value="file://share/x"' in page
    assert client.get("/api/records/exit_criterion/BACKUP/restore").status_code == 404


def test_a_go_while_criteria_are_unmet_is_refused_naming_them_on_the_decision_field(
    client: TestClient,
) -> None:
    posted = _opened(client, "exit_decision", "DEMS/no-go") | {"decision": "go"}

    response = _post(client, "exit_decision", posted)

    assert response.status_code == 422
    page = html.unescape(response.text)
    assert 'id="err-decision"' in page and "DEMS/novate (in_progress)" in page
    assert client.get("/api/records/exit_decision/DEMS/no-go").json()["decision"] == "no_go"


def test_a_decision_changed_on_the_form_shows_its_approver_and_date(client: TestClient) -> None:
    posted = _opened(client, "exit_decision", "DEMS/no-go")
    posted |= {"approver": "Programme board", "decided": "2021-11-15"}

    _saved(_post(client, "exit_decision", posted), "DEMS")

    stored = client.get("/api/records/exit_decision/DEMS/no-go").json()
    assert (stored["approver"], stored["decided"]) == ("Programme board", "2021-11-15")
    row = client.get("/readiness").text.split('id="gate-DEMS"')[1].split("</tr>")[0]
    assert "Programme board, 15 Nov 2021" in row


def test_the_readiness_page_links_each_gate_to_its_forms_for_those_who_may_change_it(
    client: TestClient, sign_in: SignIn
) -> None:
    page = client.get("/readiness").text
    row = page.split('id="gate-DEMS"')[1].split("</tr>")[0]
    viewer = sign_in("viewer").get("/readiness").text

    assert 'href="/edit/exit_decision/DEMS/no-go"' in row
    assert 'href="/edit/exit_criterion/new?service=DEMS"' in row
    assert 'href="/edit/exit_criterion/DEMS/novate"' in row
    assert 'id="gate-DEMS"' in viewer and "/edit/exit_" not in viewer


def test_a_viewer_cannot_post_a_criterion(client: TestClient, sign_in: SignIn) -> None:
    response = sign_in("viewer").post(
        "/edit/exit_criterion", data=CRITERION, follow_redirects=False
    )

    assert response.status_code == 403
    assert client.get("/api/records/exit_criterion/BACKUP/restore").status_code == 404
