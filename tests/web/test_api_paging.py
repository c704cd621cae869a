"""Lists of the API a page at a time: following the ``Link`` header from the first page
returns every record exactly once, in order, and ``X-Total-Count`` says how many."""

from __future__ import annotations

import re
from typing import Any

import httpx2
from fastapi.testclient import TestClient

NEXT = re.compile(r'<([^>]+)>; rel="next"')


def _follow(client: TestClient, url: str) -> tuple[list[httpx2.Response], list[Any]]:
    """Every page from ``url`` on, by the ``next`` links, and the items they held."""
    pages, items = [], []
    while url:
        page = client.get(url)
        assert page.status_code == 200
        pages.append(page)
        items.extend(page.json())
        found = NEXT.search(page.headers.get("Link", ""))
        url = found.group(1) if found else ""
    return pages, items


def test_following_next_links_lists_every_record_once_in_order(client: TestClient) -> None:
    everything = client.get("/api/records/dependency?limit=1000").json()
    pages, items = _follow(client, "/api/records/dependency?limit=40")
    assert items == everything
    assert len(pages) == -(-len(everything) // 40)
    assert {p.headers["X-Total-Count"] for p in pages} == {str(len(everything))}
    keys = [(d["service"], d["depends_on"]) for d in items]
    assert len(set(keys)) == len(keys)


def test_a_middle_page_links_to_the_pages_on_both_sides(client: TestClient) -> None:
    page = client.get("/api/records/service?limit=10&offset=20")
    assert len(page.json()) == 10
    links = page.headers["Link"]
    assert "offset=30" in links and 'rel="next"' in links
    assert "offset=10" in links and 'rel="prev"' in links
    assert page.json() == client.get("/api/records/service").json()[20:30]


def test_a_page_past_the_end_is_empty_and_the_last_has_no_next(client: TestClient) -> None:
    total = int(client.get("/api/records/service?limit=1").headers["X-Total-Count"])
    assert client.get(f"/api/records/service?offset={total}").json() == []
    last = client.get(f"/api/records/service?limit=5&offset={total - 5}")
    assert len(last.json()) == 5 and 'rel="next"' not in last.headers.get("Link", "")


def test_the_history_pages_hold_every_change_once(client: TestClient) -> None:
    body = client.get("/api/records/service/PAY").json()
    for n in range(7):
        client.put("/api/records/service/PAY", json={**body, "name": f"Payroll {n}"})
    first = client.get("/api/history?kind=service&key=PAY&limit=3")
    assert first.headers["X-Total-Count"] == str(8)
    pages, items = _follow(client, "/api/history?kind=service&key=PAY&limit=3")
    ids = [e["id"] for e in items]
    assert len(pages) == 3 and len(ids) == 8 and ids == sorted(set(ids), reverse=True)


def test_limits_outside_the_range_are_refused(client: TestClient) -> None:
    assert client.get("/api/records/service?limit=0").status_code == 422
    assert client.get("/api/records/service?limit=1001").status_code == 422
    assert client.get("/api/records/service?offset=-1").status_code == 422


def test_the_services_catalogue_pages_hold_every_matching_service_once(
    client: TestClient,
) -> None:
    codes = sorted(s["code"] for s in client.get("/api/records/service").json())
    first = client.get("/api/services?per_page=60").json()
    assert (first["matching"], first["pages"]) == (len(codes), -(-len(codes) // 60))
    shown = [
        row["code"]
        for number in range(1, first["pages"] + 1)
        for row in client.get(f"/api/services?per_page=60&page={number}").json()["rows"]
    ]
    assert shown == codes


def test_the_services_page_shows_100_services_and_links_to_the_next_page(
    client: TestClient,
) -> None:
    first = client.get("/services").text
    second = client.get("/services?page=2").text
    rows = [page.count('<tr><td><a href="/services/') for page in (first, second)]
    total = len(client.get("/api/records/service").json())
    assert rows == [100, total - 100]
    assert 'rel="next"' in first and 'rel="prev"' not in first
    assert 'rel="prev"' in second and 'rel="next"' not in second
