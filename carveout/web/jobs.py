"""Background runs started from the dashboard (a new plan), queued and polled for progress.

Every run goes through one queue per server process: at most ``concurrency`` run at
once (the ``job_concurrency`` setting, ``CARVEOUT_JOB_CONCURRENCY``, default one per
core), the rest wait in the order they were asked for, and each says where it is
("2nd in the queue"). A run asked for again while the same one is queued or running
(the same kind, scenario, data date and assumptions) is not queued twice: the request
gets the run already there. A run that fails frees its slot like one that succeeds.

A run is a plain callable executed on its own thread so the request that started it
returns at once; the page then polls ``/api/jobs/{id}``. Progress is the elapsed share
of the run's time budget, since the solver reports no finer measure, and jumps to 1
when the run ends.
"""

from __future__ import annotations

import itertools
import threading
import time
from collections import deque
from collections.abc import Callable, Hashable
from datetime import UTC, date, datetime
from typing import Literal

from pydantic import BaseModel, Field

from carveout.errors import CarveoutError

JobState = Literal["queued", "running", "done", "failed"]
Report = Callable[[str], None]
"""Called by a run with a line about where it is (e.g. the best plan found so far)."""
Work = Callable[[Report], str]
"""A run: it may report progress, and returns a message or raises."""


class JobStatus(BaseModel):
    """Where a background run is: its place in the queue, its progress, and its outcome once
    finished. ``as_of`` is the data date the run works as of."""

    id: int
    kind: str
    scenario: str
    as_of: date | None = None
    state: JobState
    position: int | None = Field(
        None, description="While queued: 1 for the next run to start, 2 for the one after…"
    )
    progress: float
    message: str
    started: datetime = Field(description="When the run was asked for")
    finished: datetime | None = None
    result_url: str | None = None


def ordinal(number: int) -> str:
    """``1`` -> ``1st``, ``2`` -> ``2nd``, ``11`` -> ``11th``, ``23`` -> ``23rd``."""
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10)
    return f"{number}{suffix or 'th'}"


class _Job:
    def __init__(
        self,
        job_id: int,
        *,
        kind: str,
        scenario: str,
        as_of: date | None,
        budget_seconds: float,
        key: Hashable,
        work: Work,
        result_url: str,
    ) -> None:
        self.status = JobStatus(
            id=job_id,
            kind=kind,
            scenario=scenario,
            as_of=as_of,
            state="queued",
            progress=0.0,
            message="Queued",
            started=datetime.now(UTC),
        )
        self.budget = max(budget_seconds, 0.1)
        self.key = key
        self.work = work
        self.result_url = result_url
        self.clock = 0.0
        self.note = ""


class Jobs:
    """The runs of this process: a queue, at most ``concurrency`` running; finished runs are
    kept (the newest ``keep``) for polling."""

    def __init__(self, *, concurrency: int = 1, keep: int = 50) -> None:
        self.concurrency = max(1, concurrency)
        self._ids = itertools.count(1)
        self._jobs: dict[int, _Job] = {}
        self._queue: deque[_Job] = deque()
        self._active: dict[Hashable, _Job] = {}
        self._running = 0
        self._lock = threading.Lock()
        self._keep = keep

    def start(
        self,
        *,
        kind: str,
        scenario: str,
        budget_seconds: float,
        work: Work,
        result_url: str,
        as_of: date | None = None,
        variant: Hashable = None,
    ) -> JobStatus:
        """Queue ``work`` (run on a thread when a slot is free) and say where it is.

        If a run of the same ``kind``, ``scenario``, ``as_of`` and ``variant`` (what else
        the run depends on, e.g. a deadline asked for) is queued or running, that run is
        returned instead and ``work`` is dropped."""
        key = (kind, scenario, as_of, variant)
        with self._lock:
            same = self._active.get(key)
            if same is None:
                job_id = next(self._ids)
                same = _Job(
                    job_id,
                    kind=kind,
                    scenario=scenario,
                    as_of=as_of,
                    budget_seconds=budget_seconds,
                    key=key,
                    work=work,
                    result_url=result_url,
                )
                self._jobs[job_id] = same
                self._active[key] = same
                self._queue.append(same)
                self._forget_stale()
                self._dispatch()
            job_id = same.status.id
        status = self.get(job_id)
        assert status is not None  # just added or active: never forgotten
        return status

    def _forget_stale(self) -> None:
        finished = [j for j, job in self._jobs.items() if job.status.finished is not None]
        for stale in sorted(finished)[: max(0, len(self._jobs) - self._keep)]:
            del self._jobs[stale]

    def _dispatch(self) -> None:
        """Start queued runs while slots are free (called with the lock held)."""
        while self._queue and self._running < self.concurrency:
            job = self._queue.popleft()
            self._running += 1
            job.clock = time.monotonic()
            job.status = job.status.model_copy(update={"state": "running", "message": "Started"})
            threading.Thread(
                target=self._run, args=(job,), name=f"job-{job.status.id}", daemon=True
            ).start()

    def _run(self, job: _Job) -> None:
        def report(note: str) -> None:
            with self._lock:
                job.note = note

        try:
            message = job.work(report)
        except CarveoutError as error:
            self._finish(job, "failed", str(error), None)
        except Exception as error:  # a crash in a run must reach the page, not kill the server
            self._finish(job, "failed", f"Unexpected error: {type(error).__name__}: {error}", None)
        else:
            self._finish(job, "done", message, job.result_url)

    def _finish(self, job: _Job, state: JobState, message: str, url: str | None) -> None:
        with self._lock:
            job.status = job.status.model_copy(
                update={
                    "state": state,
                    "progress": 1.0,
                    "message": message,
                    "finished": datetime.now(UTC),
                    "result_url": url,
                }
            )
            self._active.pop(job.key, None)
            self._running -= 1
            self._dispatch()

    def get(self, job_id: int) -> JobStatus | None:
        """Where run ``job_id`` is: its place in the queue, or how long it has run."""
        with self._lock:
            job = self._jobs.get(job_id)
            if job is None:
                return None
            if job.status.state == "queued":
                place = next(n for n, queued in enumerate(self._queue, start=1) if queued is job)
                return job.status.model_copy(
                    update={
                        "position": place,
                        "message": f"{ordinal(place)} in the queue ({self._running} running, "
                        f"{self.concurrency} at a time)",
                    }
                )
            if job.status.state != "running":
                return job.status
            elapsed = time.monotonic() - job.clock
            # Never show 100% while still running: the budget is an estimate.
            progress = min(0.95, elapsed / job.budget)
            note = f": {job.note}" if job.note else ""
            return job.status.model_copy(
                update={"progress": progress, "message": f"Running for {elapsed:.0f} s{note}"}
            )

    def running(self, scenario: str, *, as_of: date | None = None) -> JobStatus | None:
        """A run queued or going for ``scenario`` (as of ``as_of``, when given), if any."""
        with self._lock:
            ids = [
                job.status.id
                for job in self._active.values()
                if job.status.scenario == scenario and (as_of is None or job.status.as_of == as_of)
            ]
        for job_id in sorted(ids):
            status = self.get(job_id)
            if status is not None and status.state in ("queued", "running"):
                return status
        return None
