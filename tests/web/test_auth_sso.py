"""Single sign-on by OpenID Connect against a stub provider in the test process."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from joserfc.jwk import RSAKey

from carveout.access import Role
from carveout.access.sessions import SESSION_COOKIE
from carveout.storage import accounts, providers
from carveout.web import create_app
from tests.web.conftest import BASE_URL, quick_planner
from tests.web.oidc_stub import CLIENT_ID, CLIENT_SECRET, ISSUER, StubProvider
from tests.web.sample_results import TODAY

NEWCOMER = "new.person@warks.example"


@pytest.fixture
def idp() -> StubProvider:
    return StubProvider()


@pytest.fixture
def browser(database_url: str, idp: StubProvider) -> Iterator[TestClient]:
    """An anonymous browser on a dashboard where Warwickshire signs in with the stub."""
    app = create_app(
        store_url=database_url,
        today=lambda: TODAY,
        planner=quick_planner,
        sso_transport=idp.transport,
    )
    providers.add_provider(
        app.state.carveout.auth.engine,
        organisation="WARKS",
        issuer=ISSUER,
        client_id=CLIENT_ID,
        client_secret=CLIENT_SECRET,
        email_domains=["warks.example"],
        emails=["guest@partner.example"],
        role=Role.VIEWER,
    )
    with TestClient(app, base_url=BASE_URL) as client:
        yield client


def _sign_in(browser: TestClient, idp: StubProvider, email: str, next_path: str = "/") -> Any:
    start = browser.get(f"/login/sso/WARKS?next={next_path}", follow_redirects=False)
    assert start.status_code == 303, start.text
    back = idp.authorize(start.headers["location"], email=email, name="New Person")
    return browser.get("/login/sso/WARKS/callback", params=back, follow_redirects=False)


def _account(browser: TestClient, email: str) -> accounts.Account | None:
    found = accounts.find_account(browser.app.state.carveout.auth.engine, email=email)  # type: ignore[attr-defined]
    return None if found is None else found[0]


def test_the_sign_in_page_offers_each_organisations_issuer(browser: TestClient) -> None:
    assert 'href="/login/sso/WARKS?next=' in browser.get("/login").text


def test_a_first_sign_in_creates_the_account_with_the_issuers_organisation_and_role(
    browser: TestClient, idp: StubProvider
) -> None:
    done = _sign_in(browser, idp, NEWCOMER, next_path="/services")

    assert done.status_code == 303 and done.headers["location"] == "/services"
    assert SESSION_COOKIE in done.headers["set-cookie"]
    user = _account(browser, NEWCOMER)
    assert user is not None
    assert (user.organisation, user.role, user.has_password) == ("WARKS", Role.VIEWER, False)
    page = browser.get("/services")
    assert NEWCOMER in page.text and "viewer · WARKS" in page.text
    assert "GET /.well-known/openid-configuration" in idp.requests and "POST /token" in idp.requests


def test_an_existing_account_of_the_organisation_signs_in_with_its_own_role(
    browser: TestClient, idp: StubProvider
) -> None:
    _sign_in(browser, idp, "editor@warks.example")

    assert "editor · WARKS" in browser.get("/").text


def test_an_address_listed_by_itself_is_let_in(browser: TestClient, idp: StubProvider) -> None:
    assert _sign_in(browser, idp, "Guest@Partner.example").status_code == 303


def test_an_address_outside_the_issuers_domains_is_refused_and_no_account_made(
    browser: TestClient, idp: StubProvider
) -> None:
    done = _sign_in(browser, idp, "someone@elsewhere.example")

    assert done.status_code == 400 and "may not sign in" in done.text
    assert _account(browser, "someone@elsewhere.example") is None
    assert browser.get("/", follow_redirects=False).status_code == 303


def test_an_account_of_another_organisation_cannot_be_opened_by_this_issuer(
    browser: TestClient, idp: StubProvider
) -> None:
    engine = browser.app.state.carveout.auth.engine  # type: ignore[attr-defined]
    accounts.create_account(
        engine,
        email="mole@warks.example",
        name="Mole",
        organisation="WMIDS",
        role=Role.EDITOR,
        password_hash=None,
    )

    done = _sign_in(browser, idp, "mole@warks.example")

    assert done.status_code == 400 and "cannot open" in done.text


def test_a_callback_with_another_state_is_refused(browser: TestClient, idp: StubProvider) -> None:
    start = browser.get("/login/sso/WARKS", follow_redirects=False)
    back = idp.authorize(start.headers["location"], email=NEWCOMER)

    done = browser.get(
        "/login/sso/WARKS/callback", params={**back, "state": "forged"}, follow_redirects=False
    )

    assert done.status_code == 400 and "not started from this browser" in done.text
    assert _account(browser, NEWCOMER) is None


def test_a_callback_in_a_browser_that_did_not_start_the_sign_in_is_refused(
    browser: TestClient, idp: StubProvider
) -> None:
    start = browser.get("/login/sso/WARKS", follow_redirects=False)
    back = idp.authorize(start.headers["location"], email=NEWCOMER)
    browser.cookies.clear()

    done = browser.get("/login/sso/WARKS/callback", params=back, follow_redirects=False)

    assert done.status_code == 400 and _account(browser, NEWCOMER) is None


def test_an_id_token_signed_with_another_key_is_refused(
    browser: TestClient, idp: StubProvider
) -> None:
    idp.published = RSAKey.generate_key(2048, {"kid": "k1"})

    done = _sign_in(browser, idp, NEWCOMER)

    assert done.status_code == 400 and "refused" in done.text
    assert _account(browser, NEWCOMER) is None


@pytest.mark.parametrize(
    ("claims", "why"),
    [
        ({"nonce": "replayed"}, "nonce"),
        ({"aud": "another-app"}, "aud"),
        ({"iss": "https://evil.test"}, "iss"),
        ({"email_verified": False}, "verified"),
    ],
)
def test_an_id_token_with_a_wrong_claim_is_refused(
    browser: TestClient, idp: StubProvider, claims: dict[str, Any], why: str
) -> None:
    idp.claims = claims

    done = _sign_in(browser, idp, NEWCOMER)

    assert done.status_code == 400, why
    assert _account(browser, NEWCOMER) is None


def test_an_organisation_without_an_issuer_is_a_404(browser: TestClient) -> None:
    assert browser.get("/login/sso/WMIDS", follow_redirects=False).status_code == 404
