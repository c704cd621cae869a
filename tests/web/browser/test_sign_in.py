"""Signing in and out in a real browser; CSRF refusal; a viewer sees no edit controls; the
Content-Security-Policy blocks eval while every chart still draws."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tests.web.browser.conftest import session_cookie
from tests.web.conftest import PASSWORD, email_of

pytestmark = pytest.mark.browser
Shot = Callable[[Any, str], None]


def test_signing_in_and_out(fresh_page: Any, base_url: str, screenshot: Shot) -> None:
    page = fresh_page
    page.goto(base_url + "/services")
    page.wait_for_url("**/login?next=%2Fservices")
    screenshot(page, "sign-in")
    page.fill("#email", email_of("editor", "WARKS"))
    page.fill("#password", PASSWORD)
    page.click("#login-form button[type=submit]")
    page.wait_for_url(base_url + "/services")
    assert page.locator("#who-name").inner_text() == email_of("editor", "WARKS")
    assert page.locator("#who-role").inner_text() == "editor · WARKS"
    screenshot(page, "signed-in")

    page.click("#sign-out")
    page.wait_for_url("**/login")
    page.goto(base_url + "/")
    assert "/login" in page.url


def test_a_wrong_password_is_refused_on_the_page(fresh_page: Any, base_url: str) -> None:
    page = fresh_page
    page.goto(base_url + "/login")
    page.fill("#email", email_of("viewer", "WMIDS"))
    page.fill("#password", "not the right one")
    page.click("#login-form button[type=submit]")

    assert "do not match" in page.locator("#login-problem").inner_text()


def test_a_form_post_without_its_csrf_token_is_refused(page: Any, base_url: str) -> None:
    page.goto(base_url + "/edit/migration/PAY")
    before = page.input_value("#f-status")
    page.select_option("#f-status", "in_progress" if before != "in_progress" else "not_started")
    page.evaluate("document.querySelector('form.record input[name=csrf_token]').remove()")

    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        page.click("form.record button[type=submit]")

    assert posted.value.status == 403
    assert "CSRF" in page.locator("body").inner_text()
    page.goto(base_url + "/edit/migration/PAY")
    assert page.input_value("#f-status") == before


def test_a_viewer_sees_no_edit_controls(
    page_as: Callable[..., Any], base_url: str, screenshot: Shot
) -> None:
    page = page_as("viewer", "WARKS")
    page.goto(base_url + "/services/PAY")
    assert page.locator("#who-role").inner_text() == "viewer · WARKS · read only"
    assert page.locator("#edit-controls").count() == 0
    assert page.locator("header nav a", has_text="Edit").count() == 0
    screenshot(page, "viewer-service")
    for path in ("/services", "/agreements"):
        page.goto(base_url + path)
        assert page.locator("#edit-controls").count() == 0, path
    page.goto(base_url + "/plan")
    assert page.locator("#run-plan").count() == 0
    page.goto(base_url + "/workbook")
    assert page.locator("form[action='/workbook']").count() == 0
    assert page.locator("a[href='/workbook/portfolio.xlsx']").is_visible()


def test_an_editor_sees_the_edit_controls(page_as: Callable[..., Any], base_url: str) -> None:
    page = page_as("editor", "WARKS")
    page.goto(base_url + "/services/PAY")

    assert page.locator("#edit-controls").is_visible()


PROBE = """() => new Promise((resolve) => {
  const seen = [];
  document.addEventListener("securitypolicyviolation", (e) => seen.push(e.violatedDirective));
  const inline = document.createElement("script");
  inline.textContent = "window.inlineRan = true";
  document.body.appendChild(inline);
  setTimeout("window.evalRan = true", 0);
  setTimeout(() => resolve({seen, inline: !!window.inlineRan, evaluated: !!window.evalRan}), 500);
})"""


def test_inline_script_and_eval_are_blocked_and_the_charts_draw_all_the_same(
    browser: Any, server: Any, base_url: str
) -> None:
    # A context of its own: the probe's violations are expected, not errors of the page.
    context = browser.new_context()
    try:
        context.add_cookies([session_cookie(server, "viewer", "WARKS")])
        page = context.new_page()
        page.goto(base_url + "/risk")
        charts = page.locator("figure.chart")
        assert charts.count() > 0
        for i in range(charts.count()):
            charts.nth(i).locator("svg").first.wait_for(state="attached", timeout=15_000)

        found = page.evaluate(PROBE)
    finally:
        context.close()

    assert not found["inline"] and not found["evaluated"]
    assert "script-src-elem" in found["seen"] and "script-src" in found["seen"]
