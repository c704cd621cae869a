"""Fixtures for the dashboard: a demo database with results and an account for every role of
every organisation, and clients on a copy of it, signed in as any of them.

- ``client``: signed in as the programme office's admin (:data:`OFFICE_ADMIN`); its unsafe
  requests carry the session's CSRF token in the ``X-CSRF-Token`` header.
- ``sign_in(role, organisation)``: a new client on the same app signed in as that role of
  that organisation (a party code or ``programme-office``); ``sign_in(None)`` is anonymous.
- ``token_for(role, organisation, scope="write")``: an API token of that account.
- ``app``: the app behind them; :func:`signed_in` signs in a client of another app.

Every account's e-mail is :func:`email_of` (role, organisation) and its password
:data:`PASSWORD`. Requests go to ``http://localhost`` (an allowed host by default).
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator, Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from carveout.access import PROGRAMME_OFFICE, Role
from carveout.access.passwords import hash_password
from carveout.access.principal import Scope
from carveout.access.sessions import SESSION_COOKIE
from carveout.costs import cost_report
from carveout.demo.portfolio import demo_portfolio
from carveout.domain import Portfolio, Scenario
from carveout.domain.changes import diff
from carveout.planning.plan import Plan
from carveout.storage import accounts, open_store
from carveout.storage.credentials import issue_token
from carveout.web import create_app
from carveout.web.auth.signin import open_session
from tests.web.sample_results import TODAY, sample_forecast, sample_plan

DEFAULT_SCENARIO = "extended"
"""The scenario pages show unless asked: the newest of the two planned, both feasible."""

BASE_URL = "http://localhost"
PASSWORD = "correct horse battery staple"
"""Every test account's password."""
OFFICE_ADMIN = "admin@programme-office.example"
"""Who ``client`` is signed in as."""

SignIn = Callable[..., TestClient]
TokenFor = Callable[..., str]


def email_of(role: Role | str, organisation: str) -> str:
    """The test account of ``role`` in ``organisation``: ``editor@warks.example``."""
    return f"{Role(role).value}@{organisation.lower()}.example"


def add_accounts(url: str) -> None:
    """An account for every role of every party and of the programme office."""
    hashed = hash_password(PASSWORD)
    with open_store(url) as store:
        organisations = accounts.organisations(store.engine)
        for organisation in organisations:
            for role in Role:
                accounts.create_account(
                    store.engine,
                    email=email_of(role, organisation),
                    name=f"{role.value.title()} of {organisation}",
                    organisation=organisation,
                    role=role,
                    password_hash=hashed,
                )


def signed_in(
    client: TestClient, role: Role | str = Role.ADMIN, organisation: str = PROGRAMME_OFFICE
) -> TestClient:
    """``client`` with a new session of ``role`` in ``organisation`` (opened directly, without
    hashing a password) and that session's CSRF token on its unsafe requests."""
    app: Any = client.app
    auth = app.state.carveout.auth
    user = accounts.get_account(auth.engine, email=email_of(role, organisation))
    session = open_session(auth, user, agent="testclient")
    client.cookies.set(SESSION_COOKIE, session.cookie)
    client.headers["X-CSRF-Token"] = session.csrf
    return client


def quick_planner(
    *,
    portfolio: Portfolio,
    scenario: Scenario,
    as_of: date | None = None,
    known: Sequence[Plan] = (),
    **_settings: Any,
) -> Plan:
    """A stand-in for the solver that returns the sample plan as of ``as_of`` at once; it takes
    the planner's arguments (``known``, ``previous``, ``time_limit``, …) and ignores the rest."""
    return sample_plan(portfolio, scenario, as_of)


def build_demo_database(path: Path) -> str:
    """The demo portfolio with plans for two scenarios as of their pinned data dates (the
    second, ``extended``, is the default), a forecast for the default, and costs."""
    url = f"sqlite:///{path}"
    store = open_store(url)
    try:
        store.apply(diff(Portfolio(), demo_portfolio()), actor="demo")
        portfolio = store.load()
        for scenario in portfolio.scenarios[:2]:
            plan = sample_plan(portfolio, scenario)
            store.save_result(
                scenario=scenario.code,
                kind="plan",
                payload=plan.model_dump(mode="json"),
                actor="demo",
                as_of=plan.as_of,
                fingerprint=plan.fingerprint,
            )
            if scenario.code == DEFAULT_SCENARIO:
                forecast = sample_forecast(plan, portfolio)
                store.save_result(
                    scenario=scenario.code,
                    kind="risk",
                    payload=forecast.model_dump(mode="json"),
                    actor="demo",
                    as_of=forecast.as_of,
                    fingerprint=forecast.fingerprint,
                )
        report = cost_report(portfolio=portfolio, samples=2000)
        store.save_result(
            scenario=portfolio.scenarios[0].code,
            kind="costs",
            payload=report.model_dump(mode="json"),
            actor="demo",
        )
    finally:
        store.close()
    add_accounts(url)
    return url


@pytest.fixture(scope="session")
def demo_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("web") / "demo.db"
    build_demo_database(path)
    return path


@pytest.fixture
def database_url(demo_database: Path, tmp_path: Path) -> str:
    """A private copy of the demo database, so a test may change it."""
    copy = tmp_path / "demo.db"
    shutil.copy(demo_database, copy)
    return f"sqlite:///{copy}"


@pytest.fixture(autouse=True)
def _testserver_allowed(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Apps built in these tests also answer TestClient's default host, ``testserver``."""
    from carveout.config import get_settings

    monkeypatch.setenv("CARVEOUT_ALLOWED_HOSTS", "localhost,127.0.0.1,::1,testserver")
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


@pytest.fixture
def app(database_url: str) -> FastAPI:
    return create_app(
        store_url=database_url, today=lambda: TODAY, planner=quick_planner, plan_seconds=0.5
    )


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    """Signed in as the programme office's admin."""
    with TestClient(app, base_url=BASE_URL) as test_client:
        yield signed_in(test_client)


@pytest.fixture
def sign_in(app: FastAPI, client: TestClient) -> Iterator[SignIn]:
    """``sign_in(role, organisation)``: a client on ``app`` signed in so (None: anonymous)."""
    made: list[TestClient] = []

    def open_client(
        role: Role | str | None = Role.ADMIN, organisation: str = PROGRAMME_OFFICE
    ) -> TestClient:
        other = TestClient(app, base_url=BASE_URL)
        made.append(other)
        return other if role is None else signed_in(other, role, organisation)

    yield open_client
    for other in made:
        other.close()


@pytest.fixture
def token_for(app: FastAPI) -> TokenFor:
    """``token_for(role, organisation, scope="write")``: a new API token of that account."""
    auth: Any = app.state.carveout.auth

    def make(
        role: Role | str, organisation: str = PROGRAMME_OFFICE, scope: Scope | str = "write"
    ) -> str:
        user = accounts.get_account(auth.engine, email=email_of(role, organisation))
        at = auth.now()
        value, _ = issue_token(
            auth.engine,
            account_id=user.id,
            name="test",
            scope=Scope(scope),
            secret=auth.secret,
            at=at,
            expires=at + timedelta(days=1),
        )
        return value

    return make


@pytest.fixture
def empty_client(tmp_path: Path) -> Iterator[TestClient]:
    """An empty database, signed in as the command line's operator would be: an account of
    the programme office's admin (there are no parties to belong to)."""
    url = f"sqlite:///{tmp_path / 'empty.db'}"
    with open_store(url) as store:
        accounts.create_account(
            store.engine,
            email=OFFICE_ADMIN,
            name="Admin",
            organisation=PROGRAMME_OFFICE,
            role=Role.ADMIN,
            password_hash=None,
        )
    app = create_app(store_url=url, today=lambda: TODAY)
    with TestClient(app, base_url=BASE_URL) as test_client:
        yield signed_in(test_client)
