"""The dashboard's costs page says what the cost report says, in the same words."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient


def _section(page: str, title: str) -> str:
    start = page.index(f">{title} <span")
    end = page.find("<section", start)
    return page[start : end if end > 0 else len(page)]


def test_the_costs_page_shows_fair_shares_ranges_gaps_and_the_settlement(
    client: TestClient,
) -> None:
    page = client.get("/costs").text

    alliance = _section(page, "Alliance shared services")
    assert "Fair share (Shapley) and subsidy-free range" in alliance
    assert "Gap to the fair share, 2012–2019" in alliance
    assert "Warwickshire Police paid £48.3m less than its Shapley fair share over 2012–2019" in (
        alliance
    )
    assert "Exit settlement" in alliance and "Defensible net range" in alliance
    assert "Net at exit: Warwickshire Police pays West Mercia Police" in alliance


def test_a_pool_nobody_leaves_shows_its_gaps_but_no_settlement(client: TestClient) -> None:
    cmpg = _section(client.get("/costs").text, "Central Motorway Policing Group")

    assert "Gap to the fair share, 2018–2020" in cmpg
    assert "Exit settlement" not in cmpg and "at exit" not in cmpg


def test_the_costs_page_never_calls_a_gap_to_the_fair_share_a_cross_subsidy(
    client: TestClient,
) -> None:
    text = re.sub(r"<[^>]+>", " ", client.get("/costs").text)

    assert "cross-subsidy" not in text.lower() and " owes " not in text


def test_the_costs_api_carries_the_same_settlement(client: TestClient) -> None:
    report = client.get("/api/costs").json()["report"]

    pools = {p["pool"]: p for p in report["pools"]}
    assert pools["CMPG"]["settlement"] is None
    settlement = pools["ALLIANCE"]["settlement"]
    assert [p["kind"] for p in settlement["parts"]] == ["fair_share_balance", "reasonable_costs"]
    assert (
        sum(settlement["transfers"].values()) == 0
        or abs(sum(settlement["transfers"].values())) < 1e-3
    )
