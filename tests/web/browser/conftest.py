"""A live server on a free port and the distribution's Chromium driven by Playwright.

``page`` is a tab signed in as the programme office's admin; ``page_as(role, organisation)``
opens a tab signed in as another account; ``fresh_page`` is a tab not signed in. Sessions
are opened directly in the database (hashing a password for every test would be slow);
``test_sign_in.py`` signs in through the form.
"""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn

from carveout.access import PROGRAMME_OFFICE, Role
from carveout.access.sessions import SESSION_COOKIE
from carveout.storage import accounts
from carveout.web import create_app
from carveout.web.auth.signin import open_session
from tests.web.conftest import email_of
from tests.web.sample_results import TODAY, sample_plan

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = Path(__file__).resolve().parents[3] / "test-output" / "screenshots"


def slow_planner(**kwargs: Any) -> Any:
    """The sample plan, after long enough for the page to show progress."""
    time.sleep(1.5)
    return sample_plan(kwargs["portfolio"], kwargs["scenario"])


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def server(demo_database: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """The dashboard on a copy of the demo database; yields the app once it is up."""
    copy = tmp_path_factory.mktemp("browser") / "demo.db"
    shutil.copy(demo_database, copy)
    app = create_app(
        store_url=f"sqlite:///{copy}", today=lambda: TODAY, planner=slow_planner, plan_seconds=2
    )
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the dashboard server did not start")
        time.sleep(0.05)
    app.state.url = f"http://127.0.0.1:{port}"
    yield app
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def base_url(server: Any) -> str:
    url: str = server.state.url
    return url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing: install it with `make system-deps` (Debian chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


def session_cookie(server: Any, role: Role | str, organisation: str) -> dict[str, Any]:
    """A cookie for a new session of that account, for a browser context."""
    auth = server.state.carveout.auth
    user = accounts.get_account(auth.engine, email=email_of(role, organisation))
    session = open_session(auth, user, agent="playwright")
    url: str = server.state.url
    return {
        "name": SESSION_COOKIE,
        "value": session.cookie,
        "url": url,
        "httpOnly": True,
        "sameSite": "Lax",
    }


@pytest.fixture
def tabs(browser: Any) -> Iterator[Callable[[dict[str, Any] | None], Any]]:
    """Opens tabs, each in its own browser context; checks none had a script error or a
    Content-Security-Policy violation."""
    contexts: list[Any] = []
    errors: list[str] = []

    def open_tab(cookie: dict[str, Any] | None) -> Any:
        context = browser.new_context(viewport={"width": 1366, "height": 800}, locale="en-GB")
        contexts.append(context)
        if cookie is not None:
            context.add_cookies([cookie])
        tab = context.new_page()
        tab.on("pageerror", lambda error: errors.append(str(error)))
        tab.on(
            "console",
            lambda message: (
                errors.append(message.text) if "Content Security Policy" in message.text else None
            ),
        )
        return tab

    yield open_tab
    for context in contexts:
        context.close()
    assert not errors, f"script errors on the page: {errors}"


@pytest.fixture
def page(tabs: Callable[[dict[str, Any] | None], Any], server: Any) -> Any:
    """A tab signed in as the programme office's admin."""
    return tabs(session_cookie(server, Role.ADMIN, PROGRAMME_OFFICE))


@pytest.fixture
def page_as(tabs: Callable[[dict[str, Any] | None], Any], server: Any) -> Callable[..., Any]:
    """``page_as(role, organisation)``: a tab signed in as that account."""
    return lambda role, organisation=PROGRAMME_OFFICE: tabs(
        session_cookie(server, role, organisation)
    )


@pytest.fixture
def fresh_page(tabs: Callable[[dict[str, Any] | None], Any]) -> Any:
    """A tab not signed in."""
    return tabs(None)


def _screenshot(page: Any, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


@pytest.fixture
def screenshot() -> Callable[[Any, str], None]:
    """Save a full-page screenshot as ``test-output/screenshots/<name>.png``."""
    return _screenshot
