"""Every page renders real data from the demo database, and degrades when results are missing."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

PAGES = [
    "/",
    "/services",
    "/services/PAY",
    "/dependencies",
    "/agreements",
    "/plan",
    "/risk",
    "/costs",
    "/scenarios",
    "/edit",
    "/edit/service/new",
    "/edit/migration/PAY",
    "/workbook",
]


@pytest.mark.parametrize("path", PAGES)
def test_every_page_renders_with_a_skip_link_and_a_main_region(
    client: TestClient, path: str
) -> None:
    response = client.get(path)
    assert response.status_code == 200, response.text[:500]
    assert 'class="skip-link" href="#main"' in response.text
    assert '<main id="main"' in response.text


@pytest.mark.parametrize(
    "path",
    ["/", "/services", "/plan", "/risk", "/costs", "/scenarios", "/dependencies", "/agreements"],
)
def test_every_page_renders_on_an_empty_database(empty_client: TestClient, path: str) -> None:
    assert empty_client.get(path).status_code == 200


def test_plan_page_says_how_to_make_a_plan_when_there_is_none(client: TestClient) -> None:
    page = client.get("/plan?scenario=tsa-2022").text
    assert "No plan yet for scenario tsa-2022" in page
    assert "carveout plan --scenario tsa-2022" in page


def test_risk_page_says_how_to_forecast_when_there_is_no_forecast(client: TestClient) -> None:
    page = client.get("/risk?scenario=original").text

    assert "No risk forecast yet for scenario original as of 31 Oct 2018" in page
    assert "carveout risk --scenario original --as-of 2018-10-31" in page


def test_overview_counts_services_still_hosted_from_the_migrations(client: TestClient) -> None:
    data = client.get("/api/overview").json()
    page = client.get("/").text
    assert f'id="hosted-now">{data["hosted_now"]}<' in page
    assert data["hosted_now"] + data["cut_over"] == data["moving"]


def test_every_chart_comes_with_a_table_or_text_alternative(client: TestClient) -> None:
    for path in ["/", "/plan", "/risk", "/costs", "/agreements"]:
        page = client.get(path).text
        charts = page.count('<figure class="chart"')
        assert charts > 0, path
        assert page.count("<figcaption>") == charts
        assert "<table" in page


def test_charts_use_the_bundle_served_by_the_app_and_no_outside_script(client: TestClient) -> None:
    page = client.get("/plan").text
    sources = re.findall(r'<script src="([^"]+)"', page)
    assert sources and all(s.startswith("/") for s in sources)
    assert any(s.startswith("/assets/vega-") for s in sources)


def test_the_chart_bundle_is_served_with_long_caching_and_an_etag(client: TestClient) -> None:
    page = client.get("/plan").text
    bundle = re.search(r'<script src="(/assets/vega-[^"]+)"', page)
    assert bundle is not None
    response = client.get(bundle.group(1))
    assert response.status_code == 200
    assert "vegaEmbed" in response.text
    assert "immutable" in response.headers["cache-control"]
    again = client.get(bundle.group(1), headers={"If-None-Match": response.headers["etag"]})
    assert again.status_code == 304


def test_an_unknown_service_page_is_a_404_page_that_says_what_to_do(client: TestClient) -> None:
    response = client.get("/services/NOPE")
    assert response.status_code == 404
    assert "Search the Services page" in response.text


def test_a_bad_filter_on_the_services_page_is_a_422_page_naming_the_field(
    client: TestClient,
) -> None:
    response = client.get("/services?disposition=teleport")
    assert response.status_code == 422
    assert "disposition" in response.text
