"""The Costs page's separation section and its JSON twin show the same figures."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient


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
