"""Counterparty approval in a real browser: an editor of Warwickshire renames the hosting
agreement it shares with West Mercia; West Mercia's editor sees the proposal with its diff
on the Proposals page and approves it, and only then does the agreement change."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

pytestmark = pytest.mark.browser
Shot = Callable[[Any, str], None]

AGREEMENT = "TSA-2021"
"""Binds West Mercia (provider) and Warwickshire (recipient)."""
NEW_NAME = "Transitional hosting (as agreed by both forces)"


def test_an_editor_of_the_other_party_approves_a_proposal(
    page_as: Callable[..., Any], base_url: str, screenshot: Shot
) -> None:
    warks = page_as("editor", "WARKS")
    warks.goto(f"{base_url}/edit/agreement/{AGREEMENT}")
    before = warks.input_value("#f-name")
    warks.fill("#f-name", NEW_NAME)
    warks.click("form.record button[type=submit]")
    made = warks.locator("#proposal-made")
    made.wait_for()
    assert "waiting for their approval" in made.inner_text()
    warks.goto(f"{base_url}/agreements")
    assert NEW_NAME not in warks.locator("main").inner_text()

    wmerc = page_as("editor", "WMERC")
    wmerc.goto(f"{base_url}/proposals?status=open")
    card = wmerc.locator("section.proposal", has_text=NEW_NAME)
    assert card.count() == 1
    diff = card.locator("table tbody tr", has_text="name").first.inner_text()
    assert before in diff and NEW_NAME in diff
    assert "Waiting for WMERC" in card.inner_text()
    screenshot(wmerc, "proposal-to-approve")
    proposal = (card.get_attribute("id") or "").removeprefix("proposal-")
    card.locator(f"#comment-{proposal}").fill("Agreed at the programme board")
    card.locator(f"#approve-{proposal}").click()
    wmerc.wait_for_url(f"**#proposal-{proposal}")

    decided = wmerc.locator(f"#proposal-{proposal}")
    assert decided.locator(".status").inner_text() == "applied"
    assert "WMERC: approved by editor@wmerc.example" in decided.inner_text()
    assert wmerc.locator(f"#approve-{proposal}").count() == 0
    wmerc.goto(f"{base_url}/agreements")
    assert NEW_NAME in wmerc.locator("main").inner_text()
