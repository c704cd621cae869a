"""``carveout serve --workers N`` runs one queue: two apps on one database (two worker
processes, as far as the database can tell) share the runs, their order, the concurrency
limit and the merging of repeated runs, on SQLite and PostgreSQL; a run whose process stopped
beating is failed and frees its slot."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, select
from sqlalchemy.pool import NullPool

from carveout.access import PROGRAMME_OFFICE
from carveout.config import Settings
from carveout.storage.tables import job
from carveout.web import create_app
from tests.web.conftest import BASE_URL, email_of, quick_planner, signed_in
from tests.web.test_api_concurrency import database_url

__all__ = ["database_url"]  # the small portfolio with every account, on SQLite and PostgreSQL


@dataclass
class Held:
    """A planner for both apps that waits to be released and records its runs."""

    release: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)
    going: int = 0
    most: int = 0
    order: list[str] = field(default_factory=list)

    def planner(self, **kwargs: Any) -> Any:
        with self.lock:
            self.going += 1
            self.most = max(self.most, self.going)
            self.order.append(str(kwargs["scenario"].deadline))
        try:
            assert self.release.wait(20), "the test never released the run"
            time.sleep(0.05)  # long enough for a second run to overlap, were one let in
            return quick_planner(**kwargs)
        finally:
            with self.lock:
                self.going -= 1


@pytest.fixture
def held() -> Iterator[Held]:
    planner = Held()
    yield planner
    planner.release.set()


@pytest.fixture
def workers(database_url: str, held: Held) -> Iterator[tuple[TestClient, TestClient]]:
    """Signed-in clients of two apps on one database, one run at a time between them."""
    apps = [
        create_app(
            store_url=database_url,
            planner=held.planner,
            plan_seconds=0.2,
            settings=Settings(job_concurrency=1),
        )
        for _ in range(2)
    ]
    for app in apps:
        app.state.carveout.jobs.poll_seconds = 0.05  # a queued run's turn is seen sooner
    with (
        TestClient(apps[0], base_url=BASE_URL) as one,
        TestClient(apps[1], base_url=BASE_URL) as other,
    ):
        yield signed_in(one), signed_in(other)
        held.release.set()
        assert all(app.state.carveout.jobs.idle(10) for app in apps)


def plan(client: TestClient, deadline: str = "2023-03-31") -> dict[str, Any]:
    response = client.post("/api/plans", json={"scenario": "BASE", "deadline": deadline})
    assert response.status_code == 202, response.text
    reply: dict[str, Any] = response.json()
    return reply


def poll(client: TestClient, job_id: int) -> dict[str, Any]:
    response = client.get(f"/api/jobs/{job_id}")
    assert response.status_code == 200, response.text
    reply: dict[str, Any] = response.json()
    return reply


def wait_for(client: TestClient, job_id: int, *states: str) -> dict[str, Any]:
    deadline = time.monotonic() + 15
    while (status := poll(client, job_id))["state"] not in states:
        assert time.monotonic() < deadline, f"run {job_id} never reached {states}: {status}"
        time.sleep(0.02)
    return status


def jobs_of(client: TestClient) -> Any:
    app: Any = client.app
    return app.state.carveout.jobs


def test_a_run_started_through_one_worker_is_polled_alike_through_the_other(
    workers: tuple[TestClient, TestClient], held: Held, database_url: str
) -> None:
    one, other = workers
    started = plan(one)

    here, there = poll(one, started["id"]), poll(other, started["id"])
    assert there["state"] == here["state"] == "running"
    assert {k: v for k, v in there.items() if k not in ("progress", "message")} == {
        k: v for k, v in here.items() if k not in ("progress", "message")
    }
    assert there["message"].startswith("Running for")

    held.release.set()
    done = wait_for(other, started["id"], "done")
    assert done == poll(one, started["id"])
    assert done["result_url"] == "/plan?scenario=BASE&as_of=2021-11-15"
    engine = create_engine(database_url, poolclass=NullPool)
    with engine.connect() as connection:
        row = connection.execute(select(job).where(job.c.id == started["id"])).one()
    engine.dispose()
    assert (row.actor, row.organisation) == (email_of("admin", PROGRAMME_OFFICE), PROGRAMME_OFFICE)
    assert row.process == jobs_of(one).process != jobs_of(other).process


def test_with_one_slot_runs_asked_of_both_workers_go_one_at_a_time_in_order(
    workers: tuple[TestClient, TestClient], held: Held
) -> None:
    one, other = workers
    first = plan(one, "2023-01-31")
    second = plan(other, "2023-02-28")
    third = plan(one, "2023-03-31")
    assert (first["state"], second["state"], third["state"]) == ("running", "queued", "queued")
    for client in (one, other):
        assert [poll(client, s["id"])["position"] for s in (first, second, third)] == [None, 1, 2]
        assert poll(client, third["id"])["message"].startswith(
            "2nd in the queue (1 running, 1 at a time)"
        )
    assert len({first["id"], second["id"], third["id"]}) == 3

    held.release.set()
    for status in (first, second, third):
        assert wait_for(one, status["id"], "done", "failed")["state"] == "done"
    assert held.most == 1
    assert held.order == ["2023-01-31", "2023-02-28", "2023-03-31"]


def test_the_same_run_asked_of_the_other_worker_is_the_same_job(
    workers: tuple[TestClient, TestClient], held: Held
) -> None:
    one, other = workers
    running = plan(one)
    queued = plan(other, "2023-02-28")

    assert plan(other)["id"] == running["id"]
    again = plan(one, "2023-02-28")
    assert (again["id"], again["state"], again["position"]) == (queued["id"], "queued", 1)

    held.release.set()
    wait_for(one, queued["id"], "done")
    assert len(held.order) == 2
    assert plan(other)["id"] not in (running["id"], queued["id"])  # finished: a new run


def test_a_run_whose_worker_stopped_beating_is_failed_and_frees_its_slot(
    workers: tuple[TestClient, TestClient], held: Held
) -> None:
    one, other = workers
    jobs_of(one).heartbeat_seconds = 3600  # beats once, when its run is queued, then falls silent
    jobs_of(other).heartbeat_seconds = 0.1
    abandoned = plan(one)
    waiting = plan(other, "2023-02-28")
    assert waiting["state"] == "queued"
    jobs_of(other).stale_seconds = 1.0  # only now, however slowly the runs were asked for

    failed = wait_for(other, abandoned["id"], "failed")
    assert failed["message"].startswith("Stopped: the server process running it stopped")
    assert failed["result_url"] is None and failed["finished"] is not None
    assert wait_for(other, waiting["id"], "running")["position"] is None

    held.release.set()
    assert wait_for(one, waiting["id"], "done")["state"] == "done"
    assert jobs_of(one).idle(5)  # the abandoned run's thread ends too, and must not revive it
    assert poll(one, abandoned["id"])["state"] == "failed"
