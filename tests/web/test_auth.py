"""Signing in and out: who may reach what without signing in, passwords, lockout, sessions
and their timeouts."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from carveout.access import Role
from carveout.access.sessions import SESSION_COOKIE
from carveout.storage import accounts
from tests.web.conftest import OFFICE_ADMIN, PASSWORD, SignIn, email_of

EDITOR = email_of("editor", "WARKS")


def _login(client: TestClient, email: str, password: str, next_path: str = "/") -> Any:
    page = client.get("/login")
    token = page.text.split('name="login_token" value="', 1)[1].split('"', 1)[0]
    return client.post(
        "/login",
        data={"email": email, "password": password, "login_token": token, "next": next_path},
        follow_redirects=False,
    )


def _problem(page: str) -> str:
    return page.split('id="login-problem">', 1)[1].split("<", 1)[0]


def _move_clock(app: FastAPI, by: timedelta) -> None:
    auth = app.state.carveout.auth
    start = auth.now()
    auth.clock = lambda: start + by


@pytest.mark.parametrize("path", ["/", "/services", "/plan?scenario=extended", "/edit"])
def test_an_anonymous_page_request_is_sent_to_sign_in_and_back(sign_in: SignIn, path: str) -> None:
    response = sign_in(None).get(path, follow_redirects=False)

    assert response.status_code == 303
    assert response.headers["location"].startswith("/login")
    if path != "/":
        assert "next=" in response.headers["location"]


@pytest.mark.parametrize("path", ["/api/overview", "/api/records/service/PAY", "/openapi.json"])
def test_an_anonymous_api_request_is_a_401_in_json(sign_in: SignIn, path: str) -> None:
    response = sign_in(None).get(path)

    assert response.status_code == 401
    assert response.headers["www-authenticate"].startswith("Bearer")
    assert "Sign in" in response.json()["detail"]


def test_an_anonymous_write_is_refused_and_changes_nothing(
    sign_in: SignIn, client: TestClient
) -> None:
    service = client.get("/api/records/service/PAY").json()
    service["name"] = "Renamed"

    assert sign_in(None).put("/api/records/service/PAY", json=service).status_code == 401
    assert client.get("/api/records/service/PAY").json()["name"] != "Renamed"


def test_the_sign_in_page_static_files_and_health_need_no_sign_in(sign_in: SignIn) -> None:
    anonymous = sign_in(None)

    assert anonymous.get("/login").status_code == 200
    assert anonymous.get("/static/carveout.css").status_code == 200
    assert anonymous.get("/health").json() == {"status": "ok"}


def test_the_api_documents_the_401_and_both_ways_to_sign_in(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()

    assert set(schema["components"]["securitySchemes"]) == {"token", "session"}
    overview = schema["paths"]["/api/overview"]["get"]
    assert "401" in overview["responses"]
    assert {"token": []} in overview["security"]


def test_signing_in_with_the_right_password_opens_a_session_and_goes_where_asked(
    sign_in: SignIn,
) -> None:
    browser = sign_in(None)

    response = _login(browser, EDITOR, PASSWORD, next_path="/services")

    assert response.status_code == 303 and response.headers["location"] == "/services"
    cookie = response.headers["set-cookie"]
    assert cookie.startswith(SESSION_COOKIE + "=")
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Path=/" in cookie
    page = browser.get("/services")
    assert page.status_code == 200 and EDITOR in page.text and "editor · WARKS" in page.text


def test_signing_in_never_sends_the_browser_to_another_site(sign_in: SignIn) -> None:
    response = _login(sign_in(None), EDITOR, PASSWORD, next_path="//evil.example/")

    assert response.headers["location"] == "/"


def test_a_wrong_password_and_an_unknown_address_get_the_same_answer(sign_in: SignIn) -> None:
    wrong = _login(sign_in(None), EDITOR, "not the password at all")
    unknown = _login(sign_in(None), "nobody@nowhere.example", PASSWORD)

    assert wrong.status_code == unknown.status_code == 401
    assert "do not match an enabled account" in wrong.text
    assert _problem(wrong.text) == _problem(unknown.text)


def test_the_sign_in_form_without_its_own_token_is_refused(sign_in: SignIn) -> None:
    response = sign_in(None).post(
        "/login", data={"email": EDITOR, "password": PASSWORD, "login_token": "x" * 40}
    )

    assert response.status_code == 403
    assert SESSION_COOKIE not in response.headers.get("set-cookie", "")


def test_five_failures_lock_the_account_and_it_says_until_when(
    sign_in: SignIn, app: FastAPI
) -> None:
    browser = sign_in(None)
    for _ in range(5):
        assert _login(browser, EDITOR, "wrong password again").status_code == 401

    locked = _login(browser, EDITOR, PASSWORD)

    assert locked.status_code == 401
    assert "locked" in locked.text and "try again after" in locked.text and "UTC" in locked.text
    _move_clock(app, timedelta(minutes=16))
    assert _login(browser, EDITOR, PASSWORD).status_code == 303


def test_every_attempt_is_recorded(sign_in: SignIn, app: FastAPI) -> None:
    browser = sign_in(None)
    _login(browser, EDITOR, "wrong password again")
    _login(browser, EDITOR, PASSWORD)

    engine = app.state.carveout.auth.engine
    with engine.connect() as connection:
        rows = connection.exec_driver_sql(
            "SELECT succeeded FROM login_attempt WHERE email = ? ORDER BY id", (EDITOR,)
        ).all()
    assert [bool(r[0]) for r in rows] == [False, True]


def test_too_many_failures_from_one_address_lock_that_address_out(
    sign_in: SignIn, app: FastAPI
) -> None:
    browser = sign_in(None)
    for n in range(20):
        _login(browser, f"guess{n}@warks.example", "wrong password again")

    response = _login(browser, EDITOR, PASSWORD)

    assert response.status_code == 401 and "from this address" in response.text


def test_signing_out_ends_the_session_on_the_server(sign_in: SignIn) -> None:
    browser = sign_in(None)
    _login(browser, EDITOR, PASSWORD)
    cookie = browser.cookies.get(SESSION_COOKIE)
    page = browser.get("/")
    csrf = page.text.split('name="csrf-token" content="', 1)[1].split('"', 1)[0]

    response = browser.post("/logout", data={"csrf_token": csrf}, follow_redirects=False)

    assert response.status_code == 303 and response.headers["location"] == "/login"
    replay = sign_in(None)
    replay.cookies.set(SESSION_COOKIE, cookie or "")
    assert replay.get("/", follow_redirects=False).status_code == 303


def test_signing_out_everywhere_ends_every_session_of_the_user(
    sign_in: SignIn, client: TestClient
) -> None:
    other_browser = sign_in("admin")
    assert other_browser.get("/").status_code == 200

    response = client.post("/logout/everywhere", follow_redirects=False)

    assert response.status_code == 303
    assert other_browser.get("/", follow_redirects=False).status_code == 303
    assert client.get("/", follow_redirects=False).status_code == 303


def test_a_session_ends_after_the_idle_timeout(client: TestClient, app: FastAPI) -> None:
    _move_clock(app, timedelta(minutes=61))

    assert client.get("/", follow_redirects=False).status_code == 303


def test_a_session_in_use_still_ends_at_its_absolute_timeout(
    client: TestClient, app: FastAPI
) -> None:
    auth = app.state.carveout.auth
    start = auth.now()
    for minutes in range(50, 12 * 60, 50):  # never idle for long
        auth.clock = lambda m=minutes: start + timedelta(minutes=m)
        assert client.get("/health").status_code == 200
        assert client.get("/api/overview").status_code == 200, minutes
    auth.clock = lambda: start + timedelta(hours=12, minutes=1)

    assert client.get("/api/overview").status_code == 401


def test_a_disabled_account_is_signed_out_at_once(sign_in: SignIn, app: FastAPI) -> None:
    editor = sign_in("editor", "WARKS")
    assert editor.get("/").status_code == 200

    accounts.set_disabled(app.state.carveout.auth.engine, email=EDITOR)

    assert editor.get("/", follow_redirects=False).status_code == 303
    assert _login(sign_in(None), EDITOR, PASSWORD).status_code == 401


def test_a_role_change_applies_from_the_next_request(sign_in: SignIn, app: FastAPI) -> None:
    viewer = sign_in("viewer", "WARKS")
    assert "viewer · WARKS" in viewer.get("/").text

    accounts.set_role(
        app.state.carveout.auth.engine, email=email_of("viewer", "WARKS"), role=Role.EDITOR
    )

    assert "editor · WARKS" in viewer.get("/").text


def test_the_account_page_lists_sessions_and_changes_the_password(
    sign_in: SignIn,
) -> None:
    browser = sign_in(None)
    _login(browser, EDITOR, PASSWORD)
    page = browser.get("/account")
    assert page.status_code == 200 and 'id="sessions"' in page.text
    csrf = page.text.split('name="csrf-token" content="', 1)[1].split('"', 1)[0]
    new = "a brand new long passphrase"

    changed = browser.post(
        "/account/password",
        data={"csrf_token": csrf, "current": PASSWORD, "new": new, "repeat": new},
        follow_redirects=False,
    )

    assert changed.status_code == 303
    assert browser.get("/account").status_code == 200  # this browser stays signed in
    assert _login(sign_in(None), EDITOR, PASSWORD).status_code == 401
    assert _login(sign_in(None), EDITOR, new).status_code == 303


def test_a_weak_new_password_is_refused_saying_why(sign_in: SignIn) -> None:
    browser = sign_in("editor", "WARKS")

    response = browser.post(
        "/account/password", data={"current": PASSWORD, "new": "short", "repeat": "short"}
    )

    assert response.status_code == 422 and "at least 12 characters" in response.text


def test_the_office_admin_fixture_is_who_the_client_is(client: TestClient) -> None:
    assert OFFICE_ADMIN in client.get("/account").text
