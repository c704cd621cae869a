"""Runs go through one queue in the database: a bounded number at once, the rest waiting with
their place, the same run asked for twice run once, and a failed run frees its slot."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

import pytest
from fastapi.testclient import TestClient

from carveout.config import Settings
from carveout.errors import CarveoutError
from carveout.storage import Store
from carveout.web import create_app
from carveout.web.jobs import Jobs, JobStatus, Report, ordinal
from tests.web.conftest import BASE_URL, quick_planner, signed_in
from tests.web.sample_results import TODAY

AS_OF = date(2021, 10, 1)


@pytest.fixture
def new_jobs(store: Store) -> Iterator[Callable[..., Jobs]]:
    """Makes queues on a fresh database; each is left with nothing held or running."""
    made: list[Jobs] = []

    def make(*, concurrency: int) -> Jobs:
        made.append(Jobs(store.engine, concurrency=concurrency))
        return made[-1]

    yield make
    assert all(jobs.idle(10) for jobs in made)


class Gate:
    """Runs that wait until released, recording which ran."""

    def __init__(self) -> None:
        self.release = threading.Event()
        self.ran: list[str] = []

    def work(self, name: str, *, fail: bool = False) -> Callable[[Report], str]:
        def run(_report: Report) -> str:
            self.ran.append(name)
            assert self.release.wait(10), "the test never released the run"
            if fail:
                raise CarveoutError(f"{name} cannot be planned")
            return f"{name} done"

        return run


def wait_for(jobs: Jobs, job_id: int, *states: str) -> JobStatus:
    deadline = time.monotonic() + 10
    while (status := jobs.get(job_id)) is None or status.state not in states:
        assert time.monotonic() < deadline, f"run {job_id} never reached {states}: {status}"
        time.sleep(0.01)
    return status


def submit(jobs: Jobs, gate: Gate, scenario: str, **kwargs: Any) -> JobStatus:
    return jobs.start(
        kind="plan",
        scenario=scenario,
        as_of=AS_OF,
        budget_seconds=1,
        work=gate.work(scenario, fail=kwargs.pop("fail", False)),
        result_url=f"/plan?scenario={scenario}",
        **kwargs,
    )


def test_ordinals_read_as_english() -> None:
    assert [ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 101, 111)] == [
        "1st",
        "2nd",
        "3rd",
        "4th",
        "11th",
        "12th",
        "13th",
        "21st",
        "22nd",
        "101st",
        "111th",
    ]


def test_with_one_slot_one_run_goes_and_the_others_wait_with_their_places(
    new_jobs: Callable[..., Jobs],
) -> None:
    jobs, gate = new_jobs(concurrency=1), Gate()
    started = [submit(jobs, gate, f"S{n}") for n in range(4)]
    assert [s.state for s in started] == ["running", "queued", "queued", "queued"]
    now = [jobs.get(s.id) for s in started]
    assert [s.position for s in now if s] == [None, 1, 2, 3]
    assert now[2] is not None and now[2].message.startswith("2nd in the queue")

    gate.release.set()
    for status in started:
        assert wait_for(jobs, status.id, "done").message == f"{status.scenario} done"
    assert gate.ran == ["S0", "S1", "S2", "S3"]


def test_no_more_runs_go_at_once_than_the_concurrency(new_jobs: Callable[..., Jobs]) -> None:
    jobs, gate = new_jobs(concurrency=2), Gate()
    started = [submit(jobs, gate, f"S{n}") for n in range(5)]
    states = [jobs.get(s.id) for s in started]
    assert [s.state for s in states if s] == ["running", "running", "queued", "queued", "queued"]
    assert [s.position for s in states if s] == [None, None, 1, 2, 3]
    gate.release.set()
    for status in started:
        wait_for(jobs, status.id, "done")


def test_the_same_run_asked_for_while_queued_or_running_is_the_same_job(
    new_jobs: Callable[..., Jobs],
) -> None:
    jobs, gate = new_jobs(concurrency=1), Gate()
    first = submit(jobs, gate, "A")
    queued = submit(jobs, gate, "B")
    assert submit(jobs, gate, "A").id == first.id
    again = submit(jobs, gate, "B")
    assert (again.id, again.state, again.position) == (queued.id, "queued", 1)
    other_deadline = submit(jobs, gate, "B", variant=(date(2030, 1, 1), None))
    assert other_deadline.id != queued.id

    gate.release.set()
    wait_for(jobs, other_deadline.id, "done")
    assert gate.ran == ["A", "B", "B"]
    # Once finished, asking again is a new run.
    assert submit(jobs, gate, "A").id not in (first.id, queued.id, other_deadline.id)


def test_a_run_that_fails_frees_its_slot_for_the_next(new_jobs: Callable[..., Jobs]) -> None:
    jobs, gate = new_jobs(concurrency=1), Gate()
    failing = submit(jobs, gate, "BAD", fail=True)
    waiting = submit(jobs, gate, "GOOD")
    assert waiting.state == "queued"
    gate.release.set()
    failed = wait_for(jobs, failing.id, "failed")
    assert failed.message == "BAD cannot be planned" and failed.result_url is None
    assert wait_for(jobs, waiting.id, "done").message == "GOOD done"


def test_a_crash_in_a_run_is_reported_and_frees_its_slot(new_jobs: Callable[..., Jobs]) -> None:
    jobs = new_jobs(concurrency=1)

    def crash(_report: Report) -> str:
        raise ZeroDivisionError("division by zero")

    crashed = jobs.start(kind="plan", scenario="X", budget_seconds=1, work=crash, result_url="/")
    after = jobs.start(
        kind="plan", scenario="Y", budget_seconds=1, work=lambda _: "ok", result_url="/"
    )
    assert "Unexpected error: ZeroDivisionError" in wait_for(jobs, crashed.id, "failed").message
    assert wait_for(jobs, after.id, "done").message == "ok"


@pytest.fixture
def held(database_url: str) -> Iterator[tuple[TestClient, threading.Event]]:
    """The dashboard with one run at a time and a planner that waits to be released."""
    release = threading.Event()

    def planner(**kwargs: Any) -> Any:
        assert release.wait(10)
        return quick_planner(**kwargs)

    app = create_app(
        store_url=database_url,
        today=lambda: TODAY,
        planner=planner,
        settings=Settings(job_concurrency=1),
    )
    with TestClient(app, base_url=BASE_URL) as client:
        yield signed_in(client), release
        release.set()
        assert app.state.carveout.jobs.idle(10)


def test_the_api_merges_a_repeated_plan_and_says_where_a_run_is_queued(
    held: tuple[TestClient, threading.Event],
) -> None:
    client, release = held
    body = {"scenario": "extended", "as_of": "2021-10-01"}
    first = client.post("/api/plans", json=body).json()
    assert client.post("/api/plans", json=body).json()["id"] == first["id"]
    waiting = client.post("/api/plans", json={"scenario": "tsa-2022", "as_of": "2021-10-01"})
    assert waiting.status_code == 202
    assert waiting.json()["state"] == "queued" and waiting.json()["position"] == 1
    polled = client.get(f"/api/jobs/{waiting.json()['id']}").json()
    assert polled["message"].startswith("1st in the queue (1 running, 1 at a time)")

    page = client.get("/plan", params={"scenario": "tsa-2022", "as_of": "2021-10-01"})
    assert "1st in the queue" in page.text
    release.set()


def test_a_runs_own_progress_reaches_every_process_through_its_beat(
    new_jobs: Callable[..., Jobs],
) -> None:
    here, there = new_jobs(concurrency=1), new_jobs(concurrency=1)
    here.heartbeat_seconds = 0.05
    release = threading.Event()

    def work(report: Report) -> str:
        report("300 of 1,000 runs", 0.3)
        assert release.wait(10), "the test never released the run"
        return "done"

    started = here.start(
        kind="risk", scenario="s", as_of=AS_OF, budget_seconds=1000, work=work, result_url="/r"
    )
    try:
        deadline = time.monotonic() + 10
        while (seen := there.get(started.id)) is None or seen.progress != 0.3:
            assert time.monotonic() < deadline, f"the other process never saw it: {seen}"
            time.sleep(0.02)
        mine = here.get(started.id)
    finally:
        release.set()

    assert seen.state == "running" and "300 of 1,000 runs" in seen.message
    assert mine is not None and mine.progress == 0.3
    assert wait_for(here, started.id, "done").progress == 1.0
