"""The browser's protections: security headers, the Host-header check, cross-origin writes
refused, CSRF tokens on every cookie-authenticated change, API tokens' scope."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from carveout.config import Settings
from carveout.web import create_app
from carveout.web.security import CONTENT_SECURITY_POLICY, host_allowed, host_name
from tests.web.conftest import SignIn, TokenFor, signed_in
from tests.web.sample_results import TODAY

TEMPLATES = Path(__file__).resolve().parents[2] / "carveout" / "web" / "templates"


def _renamed(client: TestClient) -> dict[str, object]:
    service: dict[str, object] = client.get("/api/records/service/PAY").json()
    return {**service, "name": "Renamed"}


@pytest.mark.parametrize("path", ["/", "/plan", "/login", "/api/overview", "/static/carveout.js"])
def test_every_response_carries_the_security_headers(client: TestClient, path: str) -> None:
    headers = client.get(path).headers

    assert headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "strict-origin-when-cross-origin"
    assert headers["x-frame-options"] == "DENY"
    assert "strict-transport-security" not in headers


def test_the_policy_allows_no_inline_script_no_eval_and_no_framing() -> None:
    directives = dict(d.split(" ", 1) for d in CONTENT_SECURITY_POLICY.split("; "))

    assert directives["script-src"] == "'self'"
    assert "unsafe" not in directives["script-src"] and "unsafe-eval" not in CONTENT_SECURITY_POLICY
    assert directives["frame-ancestors"] == "'none'" and directives["object-src"] == "'none'"


def test_no_template_has_inline_script_or_event_handlers() -> None:
    for template in TEMPLATES.glob("*.html"):
        text = template.read_text()
        scripts = re.findall(r"<script(?![^>]*\b(src|type=\"application/json\"))[^>]*>", text)
        assert not scripts, template.name
        assert not re.search(r"\son[a-z]+=", text), template.name
        assert "javascript:" not in text, template.name


def test_every_form_that_posts_carries_the_csrf_token() -> None:
    for template in TEMPLATES.glob("*.html"):
        for form in re.findall(
            r"<form[^>]*method=\"post\"[^>]*>(.*?)</form>", template.read_text(), re.S
        ):
            assert "csrf_token" in form or "csrf_field()" in form or "login_token" in form, (
                template.name
            )


def test_over_https_cookies_are_secure_and_browsers_keep_to_https(database_url: str) -> None:
    settings = Settings(https=True, allowed_hosts="carveout.example.org")
    app = create_app(store_url=database_url, today=lambda: TODAY, settings=settings)
    with TestClient(app, base_url="https://carveout.example.org") as client:
        page = client.get("/login")
        token = page.text.split('name="login_token" value="', 1)[1].split('"', 1)[0]
        from tests.web.conftest import PASSWORD, email_of

        done = client.post(
            "/login",
            data={"email": email_of("viewer", "WARKS"), "password": PASSWORD, "login_token": token},
            follow_redirects=False,
        )

    assert page.headers["strict-transport-security"].startswith("max-age=")
    cookie = done.headers["set-cookie"]
    assert cookie.startswith("__Host-carveout_session=") and "Secure" in cookie


@pytest.mark.parametrize(
    ("host", "allowed"),
    [
        ("localhost:8000", True),
        ("127.0.0.1", True),
        ("[::1]:8000", True),
        ("evil.example", False),
        ("localhost.evil.example", False),
        ("", False),
    ],
)
def test_only_configured_host_names_are_answered(host: str, allowed: bool) -> None:
    assert host_allowed(host, ("localhost", "127.0.0.1", "::1")) is allowed


def test_a_wildcard_host_matches_subdomains_only() -> None:
    assert host_allowed("carveout.forces.example", ("*.forces.example",))
    assert not host_allowed("forces.example.evil", ("*.forces.example",))
    assert host_name("Carveout.Example:443") == "carveout.example"


def test_a_request_for_another_host_is_refused_before_anything_else(
    client: TestClient,
) -> None:
    response = client.get("/", headers={"host": "attacker.example"})

    assert response.status_code == 400 and "CARVEOUT_ALLOWED_HOSTS" in response.json()["detail"]
    assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("post", "/edit/raid"),
        ("put", "/api/records/service/PAY"),
        ("post", "/workbook"),
        ("post", "/edit/service/PAY/delete"),
        ("delete", "/api/records/service/PAY"),
    ],
)
def test_a_write_from_another_origin_is_refused_and_changes_nothing(
    client: TestClient, method: str, path: str
) -> None:
    response = client.request(
        method, path, headers={"origin": "http://evil.example"}, data={"confirm": "yes"}
    )

    assert response.status_code == 403
    assert client.get("/api/records/service/PAY").status_code == 200


def test_a_write_with_a_foreign_referer_and_no_origin_is_refused(client: TestClient) -> None:
    response = client.put(
        "/api/records/service/PAY",
        json=_renamed(client),
        headers={"referer": "http://evil.example/page"},
    )

    assert response.status_code == 403


def test_a_write_from_the_dashboards_own_origin_goes_through(client: TestClient) -> None:
    response = client.put(
        "/api/records/service/PAY", json=_renamed(client), headers={"origin": "http://localhost"}
    )

    assert response.status_code == 200


def test_a_cookie_authenticated_write_without_its_csrf_token_is_refused(
    client: TestClient,
) -> None:
    body = _renamed(client)
    del client.headers["X-CSRF-Token"]

    as_json = client.put("/api/records/service/PAY", json=body)
    as_form = client.post("/edit/service/PAY/delete", data={"confirm": "yes"})
    wrong = client.post(
        "/edit/service/PAY/delete", data={"confirm": "yes", "csrf_token": "guessed"}
    )

    assert as_json.status_code == as_form.status_code == wrong.status_code == 403
    assert client.get("/api/records/service/PAY").json()["name"] != "Renamed"


def test_a_form_carrying_the_sessions_token_in_its_field_goes_through(
    client: TestClient,
) -> None:
    token = client.headers.pop("X-CSRF-Token")

    response = client.post(
        "/plan/run",
        data={"scenario": "extended", "csrf_token": token},
        follow_redirects=False,
    )

    assert response.status_code == 303


def test_another_sessions_token_does_not_do(client: TestClient, sign_in: SignIn) -> None:
    other = sign_in("admin")
    client.headers["X-CSRF-Token"] = other.headers["X-CSRF-Token"]

    assert client.put("/api/records/service/PAY", json=_renamed(client)).status_code == 403


def test_api_token_requests_need_no_csrf_token(sign_in: SignIn, token_for: TokenFor) -> None:
    robot = sign_in(None)
    robot.headers["Authorization"] = f"Bearer {token_for('admin')}"

    assert robot.put("/api/records/service/PAY", json=_renamed(robot)).status_code == 200


def test_a_read_only_token_reads_but_cannot_write(sign_in: SignIn, token_for: TokenFor) -> None:
    robot = sign_in(None)
    robot.headers["Authorization"] = f"Bearer {token_for('admin', scope='read')}"

    assert robot.get("/api/overview").status_code == 200
    response = robot.put("/api/records/service/PAY", json=_renamed(robot))
    assert response.status_code == 403 and "read-only" in response.json()["detail"]


def test_a_bad_revoked_or_expired_token_is_a_401(
    sign_in: SignIn, token_for: TokenFor, client: TestClient
) -> None:
    from datetime import timedelta

    from carveout.storage.credentials import revoke_token

    auth = client.app.state.carveout.auth  # type: ignore[attr-defined]
    robot = sign_in(None)
    revoked, expiring = token_for("viewer", "WARKS"), token_for("viewer", "WARKS")
    revoke_token(auth.engine, prefix=revoked.split("_")[1], at=auth.now())

    for value in ("carveout_00000000_" + "x" * 43, revoked, "not-a-token"):
        robot.headers["Authorization"] = f"Bearer {value}"
        assert robot.get("/api/overview").status_code == 401, value
    start = auth.now()
    auth.clock = lambda: start + timedelta(days=2)
    robot.headers["Authorization"] = f"Bearer {expiring}"
    assert robot.get("/api/overview").status_code == 401


def test_a_tokens_last_use_is_recorded(
    sign_in: SignIn, token_for: TokenFor, client: TestClient
) -> None:
    from carveout.storage.credentials import list_tokens

    auth = client.app.state.carveout.auth  # type: ignore[attr-defined]
    robot = sign_in(None)
    robot.headers["Authorization"] = f"Bearer {token_for('viewer', 'WARKS')}"
    robot.get("/api/overview")

    (token,) = list_tokens(auth.engine)
    assert token.last_used is not None


def test_a_client_of_another_app_can_be_signed_in_too(database_url: str) -> None:
    app = create_app(store_url=database_url, today=lambda: TODAY)
    with TestClient(app) as client:
        assert signed_in(client, "viewer", "WARKS").get("/").status_code == 200
