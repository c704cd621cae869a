"""The dashboard in a real browser: every page, a filter, a service, an edit, an upload, a plan."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

import openpyxl
import pytest

pytestmark = pytest.mark.browser
Shot = Callable[[Any, str], None]

PAGES = {
    "overview": "/",
    "services": "/services",
    "service": "/services/PAY",
    "dependencies": "/dependencies",
    "agreements": "/agreements",
    "plan": "/plan",
    "risk": "/risk",
    "costs": "/costs",
    "scenarios": "/scenarios",
    "edit": "/edit",
    "edit-migration": "/edit/migration/PAY",
    "workbook": "/workbook",
}


def _charts_drawn(page: Any) -> None:
    charts = page.locator("figure.chart")
    for i in range(charts.count()):
        charts.nth(i).locator("svg").first.wait_for(state="attached", timeout=15_000)


def test_every_page_loads_with_its_charts_drawn(page: Any, base_url: str, screenshot: Shot) -> None:
    for name, path in PAGES.items():
        response = page.goto(base_url + path)
        assert response.status == 200, path
        assert page.locator("main h1").first.is_visible()
        _charts_drawn(page)
        screenshot(page, name)


def test_the_skip_link_is_the_first_stop_and_moves_focus_to_the_content(
    page: Any, base_url: str, screenshot: Shot
) -> None:
    page.goto(base_url + "/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_filtering_services_by_host_keeps_only_that_host(
    page: Any, base_url: str, screenshot: Shot
) -> None:
    page.goto(base_url + "/services")
    total = page.locator("#services-table tbody tr").count()
    page.select_option("#f-host", "WARKS")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**/services?*host=WARKS*")
    hosts = page.locator("#services-table tbody tr td:nth-child(3)").all_inner_texts()
    assert hosts and set(hosts) == {"WARKS"} and len(hosts) < total
    screenshot(page, "services-filtered")


def test_a_service_opens_from_the_catalogue_and_from_the_graph(
    page: Any, base_url: str, screenshot: Shot
) -> None:
    page.goto(base_url + "/services?q=payroll")
    page.click("#services-table a >> text=PAY")
    assert page.locator("h1").inner_text().startswith("PAY")
    page.goto(base_url + "/dependencies")
    page.click('svg.graph a[data-code="PAY"]')
    page.wait_for_url("**/services/PAY")


def _burn_down(page: Any, base_url: str) -> tuple[int, str]:
    """Services hosted now, and the burn-down table (plan and actual per month)."""
    page.goto(base_url + "/")
    return int(page.locator("#hosted-now").inner_text()), page.locator("#burn-table").text_content()


def test_editing_a_migration_status_changes_the_burn_down(
    page: Any, base_url: str, screenshot: Shot
) -> None:
    before, table_before = _burn_down(page, base_url)
    page.goto(base_url + "/edit/migration/PAY")
    page.select_option("#f-status", "not_started")
    page.fill("#f-actual_start", "")
    page.fill("#f-actual_end", "")
    page.click("form.record button[type=submit]")
    page.wait_for_url("**/services/PAY*")
    assert page.locator("#migration-status").inner_text() == "not started"
    after, table_after = _burn_down(page, base_url)
    assert after == before + 1
    assert table_after != table_before
    screenshot(page, "overview-after-edit")


def test_a_bad_workbook_upload_shows_its_errors(
    page: Any, base_url: str, tmp_path: Any, screenshot: Shot
) -> None:
    page.goto(base_url + "/workbook")  # the export is read with the tab's own session
    book = openpyxl.load_workbook(io.BytesIO(page.request.get(base_url + "/api/workbook").body()))
    sheet = book["services"]
    header = [c.value for c in sheet[1]]
    code, cost = header.index("code") + 1, header.index("fixed_cost") + 1
    row = next(r for r in range(2, sheet.max_row + 1) if sheet.cell(r, code).value == "PAY")
    sheet.cell(row, cost).value = "lots"
    bad = tmp_path / "bad.xlsx"
    book.save(bad)
    page.goto(base_url + "/workbook")
    page.set_input_files("#file", str(bad))
    page.click("form[action='/workbook'] button[type=submit]")
    errors = page.locator("#import-errors")
    errors.wait_for()
    assert "Nothing was imported" in errors.inner_text()
    assert "lots" in errors.locator("table").inner_text()
    screenshot(page, "workbook-errors")


def test_running_a_plan_from_the_page_shows_progress_then_the_plan(
    page: Any, base_url: str, screenshot: Shot
) -> None:
    page.goto(base_url + "/plan?scenario=tsa-2022")
    assert page.locator("text=No plan yet for scenario tsa-2022").is_visible()
    page.fill("#deadline", "2023-03-31")
    page.select_option("#objective", "finish")
    page.click("#run-plan button[type=submit]")
    page.locator("#run-status").wait_for(state="visible")
    screenshot(page, "plan-running")
    page.wait_for_selector("#gantt-table", state="attached", timeout=30_000)
    assert page.locator(".figures .badge").first.inner_text() == "feasible"
    screenshot(page, "plan-after-run")
