"""Background runs started from the dashboard (a new plan), polled for progress.

A run is a plain callable executed on its own thread so the request that
started it returns at once; the page then polls ``/api/jobs/{id}``. Progress is
the elapsed share of the run's time budget, since the solver reports no finer
measure, and jumps to 1 when the run ends.
"""

from __future__ import annotations

import itertools
import threading
import time
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Literal

from pydantic import BaseModel

from carveout.errors import CarveoutError

JobState = Literal["running", "done", "failed"]
Report = Callable[[str], None]
"""Called by a run with a line about where it is (e.g. the best plan found so far)."""


class JobStatus(BaseModel):
    """Where a background run is: its progress, and its outcome once finished. ``as_of`` is
    the data date the run works as of."""

    id: int
    kind: str
    scenario: str
    as_of: date | None = None
    state: JobState
    progress: float
    message: str
    started: datetime
    finished: datetime | None = None
    result_url: str | None = None


class _Job:
    def __init__(
        self, job_id: int, kind: str, scenario: str, as_of: date | None, budget_seconds: float
    ) -> None:
        self.status = JobStatus(
            id=job_id,
            kind=kind,
            scenario=scenario,
            as_of=as_of,
            state="running",
            progress=0.0,
            message="Started",
            started=datetime.now(UTC),
        )
        self.budget = max(budget_seconds, 0.1)
        self.clock = time.monotonic()
        self.note = ""


class Jobs:
    """The runs of this process; finished runs are kept (the newest ``keep``) for polling."""

    def __init__(self, *, keep: int = 50) -> None:
        self._ids = itertools.count(1)
        self._jobs: dict[int, _Job] = {}
        self._lock = threading.Lock()
        self._keep = keep

    def start(
        self,
        *,
        kind: str,
        scenario: str,
        budget_seconds: float,
        work: Callable[[Report], str],
        result_url: str,
        as_of: date | None = None,
    ) -> JobStatus:
        """Run ``work`` on a thread; it may report progress, and returns a message or raises."""
        job = _Job(next(self._ids), kind, scenario, as_of, budget_seconds)
        with self._lock:
            self._jobs[job.status.id] = job
            for stale in sorted(self._jobs)[: -self._keep]:
                del self._jobs[stale]
        threading.Thread(
            target=self._run, args=(job, work, result_url), name=f"job-{job.status.id}", daemon=True
        ).start()
        return job.status

    def _run(self, job: _Job, work: Callable[[Report], str], result_url: str) -> None:
        def report(note: str) -> None:
            with self._lock:
                job.note = note

        try:
            message = work(report)
        except CarveoutError as error:
            self._finish(job, "failed", str(error), None)
        except Exception as error:  # a crash in a run must reach the page, not kill the server
            self._finish(job, "failed", f"Unexpected error: {type(error).__name__}: {error}", None)
        else:
            self._finish(job, "done", message, result_url)

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

    def get(self, job_id: int) -> JobStatus | None:
        with self._lock:
            job = self._jobs.get(job_id)
            if job is None:
                return None
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
        """A run still going for ``scenario`` (as of ``as_of``, when given), if any."""
        with self._lock:
            ids = [j for j, job in self._jobs.items() if job.status.state == "running"]
        for job_id in ids:
            status = self.get(job_id)
            if (
                status is not None
                and status.scenario == scenario
                and status.state == "running"
                and (as_of is None or status.as_of == as_of)
            ):
                return status
        return None
