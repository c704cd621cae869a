"""Optimistic concurrency through the API, on SQLite and PostgreSQL: many clients changing one
record at once, each against the ETag it read, never lose an update; those that lost the race
are told so (412 with the current record), and a record deleted twice is deleted once."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from threading import Barrier
from typing import Any

import httpx2
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine
from sqlalchemy.pool import NullPool

from carveout.domain import Portfolio
from carveout.domain.changes import diff
from carveout.storage import open_store
from carveout.storage.tables import metadata
from tests.conftest import BACKENDS, build_small_portfolio
from tests.web.conftest import add_accounts

WRITERS = 20
RAID = "/api/records/raid/R-1"


@pytest.fixture(params=BACKENDS)
def database_url(
    request: pytest.FixtureRequest, tmp_path: Path, _sqlite_template: Path
) -> Iterator[str]:
    """The small portfolio and an account for every role, on each backend."""
    if request.param == "sqlite":
        path = tmp_path / "carveout.db"
        shutil.copyfile(_sqlite_template, path)
        url = f"sqlite:///{path}"
    else:
        url = request.getfixturevalue("_postgres")
        if url is None:
            pytest.skip("PostgreSQL not reachable")
    with open_store(url) as store:
        store.apply(diff(Portfolio(), build_small_portfolio()), actor="seed")
    add_accounts(url)
    yield url
    if request.param != "sqlite":
        engine = create_engine(url, poolclass=NullPool)
        with engine.begin() as connection:
            for table in reversed(metadata.sorted_tables):
                if table.name != "store_state":
                    connection.execute(table.delete())
        engine.dispose()


def _race(count: int, attempt: Callable[[int], httpx2.Response]) -> list[httpx2.Response]:
    """``attempt(i)`` on ``count`` threads released at once; the responses, in order."""
    start = Barrier(count)

    def run(i: int) -> httpx2.Response:
        start.wait()
        return attempt(i)

    with ThreadPoolExecutor(count) as pool:
        return list(pool.map(run, range(count)))


def _changes(client: TestClient, key: str) -> list[dict[str, Any]]:
    history = client.get(f"/api/history?kind=raid&key={key}&limit=1000").json()
    return [e for e in history if e["action"] == "changed"]


def test_racing_puts_against_one_etag_save_one_and_answer_the_rest_412(
    client: TestClient,
) -> None:
    read = client.get(RAID)
    body, etag = read.json(), read.headers["ETag"]

    responses = _race(
        WRITERS,
        lambda i: client.put(
            RAID, json={**body, "cost_impact": 1000 + i}, headers={"If-Match": etag}
        ),
    )

    saved = [r for r in responses if r.status_code == 200]
    lost = [r for r in responses if r.status_code != 200]
    assert len(saved) == 1 and {r.status_code for r in lost} == {412}
    final = client.get(RAID)
    assert final.json() == saved[0].json() and final.headers["ETag"] == saved[0].headers["ETag"]
    assert all(r.json()["current"] == final.json() for r in lost)
    assert all(r.headers["ETag"] == final.headers["ETag"] for r in lost)
    assert [e["after"]["cost_impact"] for e in _changes(client, "R-1")] == [
        saved[0].json()["cost_impact"]
    ]


def test_racing_clients_that_retry_on_412_lose_no_update(client: TestClient) -> None:
    def attempt(i: int) -> httpx2.Response:
        while True:
            read = client.get(RAID)
            more = {**read.json(), "cost_impact": read.json()["cost_impact"] + 1}
            put = client.put(RAID, json=more, headers={"If-Match": read.headers["ETag"]})
            if put.status_code != 412:
                return put

    start = client.get(RAID).json()["cost_impact"]
    responses = _race(WRITERS, attempt)

    assert [r.status_code for r in responses] == [200] * WRITERS
    assert client.get(RAID).json()["cost_impact"] == start + WRITERS
    saved = sorted(r.json()["cost_impact"] for r in responses)
    assert saved == [start + n for n in range(1, WRITERS + 1)]
    assert sorted(e["after"]["cost_impact"] for e in _changes(client, "R-1")) == saved


def test_racing_deletes_answer_one_204_and_the_rest_404(client: TestClient) -> None:
    responses = _race(WRITERS, lambda i: client.delete("/api/records/raid/D-1"))

    statuses = sorted(r.status_code for r in responses)
    assert statuses == [204] + [404] * (WRITERS - 1)
    assert client.get("/api/records/raid/D-1").status_code == 404
    history = client.get("/api/history?kind=raid&key=D-1").json()
    assert [e["action"] for e in history].count("removed") == 1


def test_racing_patches_are_each_saved_and_audited_or_answered_409(client: TestClient) -> None:
    responses = _race(WRITERS, lambda i: client.patch(RAID, json={"cost_impact": 5000 + i}))

    saved = [r.json()["cost_impact"] for r in responses if r.status_code == 200]
    lost = [r for r in responses if r.status_code != 200]
    assert saved and {r.status_code for r in lost} <= {409}
    audited = [e["after"]["cost_impact"] for e in _changes(client, "R-1")]
    assert sorted(audited) == sorted(saved)
    assert client.get(RAID).json()["cost_impact"] == audited[0]  # the newest change
    assert all(r.json()["current"]["cost_impact"] in saved for r in lost)
