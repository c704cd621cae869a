"""The Costs page's separation section and its JSON twin show the same figures."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from carveout.storage import open_store


def test_the_api_gives_every_kind_and_a_claim_whose_components_sum_to_it(
    client: TestClient,
) -> None:
    shape = client.get("/api/separation", params={"day_rate": 450}).json()

    assert shape["claims"] and shape["claims"][0]["agreement"] == "ALLIANCE"
    assert {row["kind"] for row in shape["totals"]} >= {"transitional", "stranded"}
    assert sum(m["amount"] for m in shape["months"]) == pytest.approx(
        sum(row["total"] for row in shape["totals"]), abs=1
    )
    for claim in shape["claims"]:
        assert claim["total"] == pytest.approx(sum(c["amount"] for c in claim["components"]))


def test_the_costs_page_charts_each_partys_months_and_tables_the_kinds(
    client: TestClient,
) -> None:
    page = client.get("/costs").text
    shape = client.get("/api/separation").json()
    parties = {m["party"] for m in shape["months"]}

    assert "Separation cost by kind and party" in page
    assert all(f'data-chart="separation{i}"' in page for i in range(len(parties)))
    for claim in shape["claims"]:
        assert f"Itemised claim for reasonable costs under {claim['agreement']}" in page


def test_the_stacked_chart_template_is_valid_vega_lite() -> None:
    import altair as alt

    from carveout.web.separation_chart import separation_template

    alt.Chart.from_dict(separation_template(), validate=True)


def test_the_page_and_the_api_price_the_work_at_each_teams_recorded_rate(
    client: TestClient,
) -> None:
    page = client.get("/costs").text
    shape = client.get("/api/separation").json()
    one_time = [row for row in shape["totals"] if row["kind"] == "one_time"]

    assert shape["rate_source"] == "teams" and shape["day_rate"] is None
    assert "one-time migration work (priced at each team&#39;s recorded day rate)" in page
    assert "no day rate is recorded" not in page
    assert one_time and all(row["total"] > 0 and row["unpriced_days"] == 0 for row in one_time)


def test_a_rate_in_the_request_overrides_the_teams_and_says_so(client: TestClient) -> None:
    shape = client.get("/api/separation", params={"day_rate": 450}).json()
    one_time = [row for row in shape["totals"] if row["kind"] == "one_time"]

    assert shape["rate_source"] == "given" and shape["day_rate"] == 450
    assert shape["rate_basis"] == "priced at £450 a day, given in the request"
    # the row's days are shown to a tenth: its pounds agree within a twentieth of a day
    assert one_time and all(
        row["total"] == pytest.approx(row["days"] * 450, abs=0.05 * 450) for row in one_time
    )


def test_days_of_a_team_without_a_rate_are_shown_apart_not_priced_at_nought(
    client: TestClient, database_url: str
) -> None:
    with open_store(database_url) as store:
        infra = next(t for t in store.load().teams if t.code == "INFRA")
        store.upsert("team", infra.model_copy(update={"day_rate": None}), actor="tester")

    shape = client.get("/api/separation").json()
    page = client.get("/costs").text

    assert shape["rate_source"] == "partly" and shape["unpriced_teams"] == ["INFRA"]
    assert shape["unpriced_days"] > 0
    assert sum(row["unpriced_days"] for row in shape["totals"]) == pytest.approx(
        shape["unpriced_days"], abs=0.5
    )
    assert "of team INFRA have no day rate recorded and are counted in days" in page
    assert "person-days unpriced" in page
