"""Starting a risk run from the Risk page in a real browser: progress, then the forecast."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable
from typing import Any

import pytest

from tests.web.real_plan import SCENARIO, save_real_plan

pytestmark = pytest.mark.browser
Shot = Callable[[Any, str], None]


def test_a_risk_run_started_from_the_risk_page_shows_its_progress_then_the_forecast(
    page: Any, server: Any, base_url: str, screenshot: Shot
) -> None:
    from playwright.sync_api import Error as PlaywrightError

    save_real_plan(server.state.carveout.store)
    polls: list[dict[str, Any]] = []

    def keep(response: Any) -> None:
        if "/api/jobs/" in response.url and response.status == 200:
            # The last poll's body is gone once the page has moved on to the result.
            with contextlib.suppress(PlaywrightError):
                polls.append(json.loads(response.body()))

    page.on("response", keep)
    page.goto(f"{base_url}/risk?scenario={SCENARIO}&as_of=2021-10-01")
    assert page.locator("p.empty").first.inner_text().startswith("No risk forecast yet")
    page.fill("#risk-runs", "20000")
    page.click("#run-risk button[type=submit]")
    page.locator("#run-risk-status").wait_for(state="visible")
    screenshot(page, "risk-run-progress")
    page.locator("#forecast-label").wait_for(timeout=240_000)

    running = [p for p in polls if p["state"] == "running"]
    assert running, f"no poll saw the run going: {polls}"
    assert all(0 <= p["progress"] < 1 for p in running)
    assert any(" runs" in p["message"] for p in running)
    assert {p["kind"] for p in polls} == {"risk"}
    assert page.url.endswith(f"/risk?scenario={SCENARIO}&as_of=2021-10-01")
    assert "stale" not in page.locator("#forecast-label").inner_text()
    assert page.locator("#p-meet").is_visible()
    screenshot(page, "risk-run-done")


def test_a_viewer_sees_the_forecast_but_no_run_form(
    page_as: Callable[..., Any], base_url: str
) -> None:
    viewer = page_as("viewer")
    viewer.goto(f"{base_url}/risk")

    assert viewer.locator("main h1").first.is_visible()
    assert viewer.locator("form[data-run]").count() == 0
