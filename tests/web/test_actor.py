"""The name changes are recorded under: one the audit trail cannot hold is refused, not replaced."""

from __future__ import annotations

from urllib.parse import quote

from fastapi.testclient import TestClient

from carveout.web.deps import ACTOR_COOKIE

ALLOWED = "letters, digits, spaces and the characters . @ ' - _"


def _latest_actor(client: TestClient, *, kind: str, key: str) -> str:
    actor: str = client.get(f"/api/history?kind={kind}&key={key}&limit=1").json()[0]["actor"]
    return actor


def test_a_name_with_a_bracket_is_refused_saying_which_characters_are_allowed(
    client: TestClient,
) -> None:
    response = client.post(
        "/actor", data={"actor": "Ann (PMO)", "next": "/"}, follow_redirects=False
    )

    assert response.status_code == 400
    assert "Ann (PMO)" in response.text and "( )" in response.text
    assert ALLOWED.replace("'", "&#39;") in response.text
    assert ACTOR_COOKIE not in response.headers.get("set-cookie", "")


def test_an_empty_name_is_refused(client: TestClient) -> None:
    response = client.post("/actor", data={"actor": "  ", "next": "/"}, follow_redirects=False)

    assert response.status_code == 400
    assert "Type a name" in response.text


def test_a_usable_name_is_saved_as_typed_and_changes_are_recorded_under_it(
    client: TestClient,
) -> None:
    response = client.post(
        "/actor", data={"actor": " Zoë O'Neil-Smith ", "next": "/edit"}, follow_redirects=False
    )
    assert response.status_code == 303
    service = client.get("/api/records/service/PAY").json()
    service["name"] = "Payroll (renamed)"

    assert client.put("/api/records/service/PAY", json=service).status_code == 200
    assert _latest_actor(client, kind="service", key="PAY") == "Zoë O'Neil-Smith"


def test_a_saved_name_that_cannot_be_used_is_shown_with_the_reason_on_every_page(
    client: TestClient,
) -> None:
    client.cookies.set(ACTOR_COOKIE, quote("Ann (PMO)"))

    page = client.get("/plan")

    assert page.status_code == 200
    assert 'id="actor-problem"' in page.text
    assert 'value="Ann (PMO)"' in page.text
    assert ALLOWED.replace("'", "&#39;") in page.text


def test_a_change_under_a_saved_name_that_cannot_be_used_is_refused_not_recorded_as_web(
    client: TestClient,
) -> None:
    service = client.get("/api/records/service/PAY").json()
    service["name"] = "Payroll (renamed)"
    client.cookies.set(ACTOR_COOKIE, quote("Ann (PMO)"))

    response = client.put("/api/records/service/PAY", json=service)

    assert response.status_code == 400
    assert "Ann (PMO)" in response.json()["detail"]
    assert client.get("/api/records/service/PAY").json()["name"] != "Payroll (renamed)"


def test_without_a_saved_name_changes_are_recorded_as_web(client: TestClient) -> None:
    service = client.get("/api/records/service/PAY").json()
    service["name"] = "Payroll (renamed)"

    assert client.put("/api/records/service/PAY", json=service).status_code == 200
    assert _latest_actor(client, kind="service", key="PAY") == "web"
    assert 'id="actor-problem"' not in client.get("/").text
