"""The Trade-offs page and its API twin show the sweep stored as of the data date."""

from __future__ import annotations

from datetime import date

from fastapi.testclient import TestClient

from carveout.storage import open_store
from tests.planning.sweep_tasks import sample_sweep

AS_OF = date(2021, 10, 1)


def _store_sweep(database_url: str) -> None:
    with open_store(database_url) as store:
        sweep = sample_sweep(scenario="extended", as_of=AS_OF, fingerprint=store.load().fingerprint)
        store.save_result(
            scenario="extended",
            kind="sweep",
            payload=sweep.model_dump(mode="json"),
            actor="tester",
            as_of=AS_OF,
            fingerprint=sweep.fingerprint,
        )


def test_the_page_shows_the_frontier_the_values_and_the_recommendation(
    client: TestClient, database_url: str
) -> None:
    _store_sweep(database_url)
    response = client.get("/trade-offs", params={"scenario": "extended", "as_of": "2021-10-01"})
    assert response.status_code == 200, response.text[:500]
    page = response.text
    assert 'aria-current="page">Trade-offs</a>' in page
    assert "Recommended: deadline 31 Mar 2023, no extra people" in page
    assert 'data-chart="frontier"' in page and '"datasets"' in page
    frontier = page.split('id="frontier"')[1].split("</table>")[0]
    assert frontier.count("<tr") == 1 + 4  # the heading and the four efficient cells
    assert "recommended" in frontier
    persons = page.split('id="persons"')[1].split("</table>")[0]
    assert "INFRA" in persons and "£55k" in persons
    deadlines = page.split('id="deadlines"')[1].split("</table>")[0]
    assert deadlines.count("<tr") == 1 + 3 and "£8.0m" in deadlines and "£1.1m" in deadlines


def test_the_api_twin_returns_the_same_sweep(client: TestClient, database_url: str) -> None:
    _store_sweep(database_url)
    body = client.get(
        "/api/trade-offs", params={"scenario": "extended", "as_of": "2021-10-01"}
    ).json()
    sweep = body["sweep"]
    assert sweep["recommended"] == "2023-03-31|INFRA=0|ext=all|mit=off"
    assert len(sweep["frontier"]) == 4 and len(sweep["cells"]) == 6
    assert sweep["persons"][0]["saved"] == 55_000
    assert body["sweep_note"]["stale"] is False


def test_without_a_sweep_the_page_says_how_to_make_one(client: TestClient) -> None:
    page = client.get("/trade-offs", params={"scenario": "extended"}).text
    assert "No sweep yet for scenario extended" in page
    assert "carveout sweep --scenario extended" in page
    assert client.get("/api/trade-offs", params={"scenario": "extended"}).json()["sweep"] is None
