"""Changes from the dashboard are recorded under the signed-in user, never a typed name."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.web.conftest import OFFICE_ADMIN, SignIn, TokenFor, email_of


def _latest_actor(client: TestClient, *, kind: str, key: str) -> str:
    actor: str = client.get(f"/api/history?kind={kind}&key={key}&limit=1").json()[0]["actor"]
    return actor


def _rename(client: TestClient) -> int:
    service = client.get("/api/records/service/PAY").json()
    service["name"] = "Payroll (renamed)"
    return client.put("/api/records/service/PAY", json=service).status_code


def test_a_change_is_recorded_under_the_signed_in_users_address(client: TestClient) -> None:
    assert _rename(client) == 200
    assert _latest_actor(client, kind="service", key="PAY") == OFFICE_ADMIN


def test_a_change_by_token_is_recorded_under_the_tokens_user(
    sign_in: SignIn, token_for: TokenFor, client: TestClient
) -> None:
    robot = sign_in(None)
    robot.headers["Authorization"] = f"Bearer {token_for('admin')}"

    assert _rename(robot) == 200
    assert _latest_actor(client, kind="service", key="PAY") == email_of("admin", "programme-office")


def test_the_name_box_and_its_route_are_gone(client: TestClient) -> None:
    page = client.get("/")

    assert 'name="actor"' not in page.text
    assert client.post("/actor", data={"actor": "Ann"}).status_code in (404, 405)


def test_every_page_shows_who_is_signed_in_with_a_sign_out_button(client: TestClient) -> None:
    page = client.get("/services").text

    assert OFFICE_ADMIN in page
    assert 'id="who-role">admin · programme-office' in page
    assert 'action="/logout"' in page
