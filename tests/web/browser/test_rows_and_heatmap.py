"""In a real browser: a schedule line's rate periods grow a row without losing what was typed,
and the Charges heat map is filtered by paying party from its form."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

pytestmark = pytest.mark.browser
Shot = Callable[[Any, str], None]


def test_add_another_row_keeps_the_typed_rate_period(
    page: Any, base_url: str, screenshot: Shot
) -> None:
    page.goto(base_url + "/edit/schedule_line/TSA-T1/CAD")
    page.fill("#f-rates-2-start", "2022-04-01")
    page.fill("#f-rates-2-end", "2022-06-30")
    page.fill("#f-rates-2-rate", "5000")

    page.get_by_role("button", name="Add another row").click()
    page.wait_for_load_state()

    assert page.locator("#rows-rates tbody tr").count() == 6
    assert page.input_value("#f-rates-2-start") == "2022-04-01"
    assert page.input_value("#f-rates-2-rate") == "5000"
    assert page.input_value("#f-rates-1-rate") == "4479.17"
    screenshot(page, "edit-schedule-line-rows")


def test_the_heat_map_is_filtered_by_paying_party(
    page: Any, base_url: str, screenshot: Shot
) -> None:
    page.goto(base_url + "/charges?as_of=2021-12-15")
    assert page.locator("#grid td.heat-1, #grid td.heat-5").count() > 0
    assert page.locator("#grid th.data-date").inner_text().endswith("Jan 22")

    page.select_option("#f-party", "WARKS")
    page.get_by_role("form", name="Filter the charges").get_by_role("button", name="Show").click()
    page.wait_for_load_state()

    assert "party=WARKS" in page.url and "as_of=2021-12-15" in page.url
    assert page.locator("#grid tbody tr").count() > 0
    screenshot(page, "charges-heatmap-warks")
