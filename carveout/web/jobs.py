"""Background runs started from the dashboard (plans, risk forecasts, cost allocations, packs),
queued and polled for progress.

Every run goes through one queue shared by all the server's processes (the ``job`` table,
see :mod:`carveout.storage.job_queue`), so ``carveout serve --workers N`` behaves as one
server: at most ``concurrency`` run at once in all of them (the ``job_concurrency``
setting, ``CARVEOUT_JOB_CONCURRENCY``, default one per core), the rest wait in the order
they were asked for, and each says where it is ("2nd in the queue"). A run asked for again
while the same one is queued or running (the same kind, scenario, data date and
assumptions) is not queued twice, whichever process is asked: the request gets the run
already there. Any process answers a poll of any run. A run that fails frees its slot
like one that succeeds, and so does a run whose process died (it is failed once the
process has not beaten for ``stale_seconds``).

A run is a plain callable, held by the process that was asked for it, which starts it on a
thread of its own when the run is the oldest queued and a slot is free; each process with
runs queued looks every ``poll_seconds``, and at once when one of its runs ends. The page
polls ``/api/jobs/{id}``. A run that can say how far it is (simulated runs done, the stage
reached) reports it with its note; otherwise progress is the elapsed share of the run's time
budget (the planner reports no finer measure). It jumps to 1 when the run ends.
"""

from __future__ import annotations

import logging
import math
import os
import socket
import threading
import time
import uuid
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Protocol

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from carveout.errors import CarveoutError
from carveout.storage import job_queue as q
from carveout.web.job_status import JobState, JobStatus, job_status, ordinal

__all__ = ["JobState", "JobStatus", "Jobs", "Report", "Work", "ordinal"]

logger = logging.getLogger(__name__)


class Report(Protocol):
    """Called by a run with a line about where it is (e.g. the best plan found so far) and,
    when it knows, the share of the work done (between 0 and 1)."""

    def __call__(self, note: str, progress: float | None = None) -> None: ...


Work = Callable[[Report], str]
"""A run: it may report progress, and returns a message or raises."""


@dataclass
class _Held:
    """A run this process was asked for: its work, and its latest note once running."""

    work: Work
    result_url: str
    running: bool = False
    note: str = ""
    progress: float | None = None


class Jobs:
    """This process's end of the shared queue: it queues runs, starts its own when their turn
    comes, beats for them, and reads any run's state from the database."""

    def __init__(
        self,
        engine: Engine,
        *,
        concurrency: int = 1,
        keep: int = 200,
        poll_seconds: float = 0.5,
        heartbeat_seconds: float = 2.0,
        stale_seconds: float = q.STALE_SECONDS,
    ) -> None:
        self.engine = engine
        self.concurrency = max(1, concurrency)
        self.process = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        """Names this process (and this app: two apps in one process are two processes)."""
        self.poll_seconds = poll_seconds
        self.heartbeat_seconds = heartbeat_seconds
        self.stale_seconds = stale_seconds
        self._keep = keep
        self._held: dict[int, _Held] = {}
        self._lock = threading.Lock()  # guards _held and _poller
        self._claiming = threading.Lock()  # one claim at a time in this process
        self._poller: threading.Thread | None = None
        self._nudge = threading.Event()  # set when a run ends: look for the next at once

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
        actor: str | None = None,
        organisation: str | None = None,
    ) -> JobStatus:
        """Queue ``work`` (run on a thread of this process when its turn comes) and say where
        it is. ``actor`` and ``organisation`` record who asked.

        If a run of the same ``kind``, ``scenario``, ``as_of`` and ``variant`` (what else
        the run depends on, e.g. a deadline asked for) is queued or running in any process,
        that run is returned instead and ``work`` is dropped."""
        now = datetime.now(UTC)
        with self._claiming:
            with q.queue_transaction(self.engine) as connection:
                q.reap(connection, now=now, stale_seconds=self.stale_seconds)
                job_id, new = q.enqueue(
                    connection,
                    kind=kind,
                    scenario=scenario,
                    as_of=as_of,
                    dedupe=q.dedupe_key(kind, scenario, as_of, variant),
                    budget=max(budget_seconds, 0.1),
                    result_url=result_url,
                    organisation=organisation,
                    actor=actor,
                    process=self.process,
                    now=now,
                )
                if new:
                    q.prune(connection, keep=self._keep)
            if new:
                with self._lock:
                    self._held[job_id] = _Held(work=work, result_url=result_url)
                    self._ensure_poller()
        self._dispatch()
        status = self.get(job_id)
        assert status is not None  # just queued or still active: never pruned
        return status

    def get(self, job_id: int) -> JobStatus | None:
        """Where run ``job_id`` is, whichever process holds it: its place in the queue, or
        how long it has run."""
        now = datetime.now(UTC)
        found = self._read(job_id)
        if found is not None and found[0].state in q.ACTIVE and self._abandoned(found[0], now):
            self._reap(now)
            found = self._read(job_id)
        if found is None:
            return None
        row, place, going = found
        if row.state == "queued":
            message = (
                f"{ordinal(place)} in the queue ({going} running, {self.concurrency} at a time)"
            )
            return job_status(row, position=place, message=message)
        if row.state != "running":
            return job_status(row)
        elapsed = max(0.0, (now - (row.started or now)).total_seconds())
        held = self._held.get(job_id)
        note = held.note if held is not None else row.message
        # The run's own measure (here, or as its process last beat), else the elapsed share
        # of the budget; never 100% while still running.
        told = held.progress if held is not None else row.progress or None
        progress = min(0.99, told) if told is not None else min(0.95, elapsed / row.budget)
        return job_status(
            row,
            progress=progress,
            message=f"Running for {elapsed:.0f} s" + (f": {note}" if note else ""),
        )

    def running(
        self, scenario: str, *, as_of: date | None = None, kind: str | None = None
    ) -> JobStatus | None:
        """A run (of ``kind``, when given) queued or going for ``scenario`` (as of ``as_of``,
        when given), if any."""
        with self.engine.connect() as connection:
            ids = q.active_ids(connection, scenario=scenario, as_of=as_of, kind=kind)
        for job_id in ids:
            status = self.get(job_id)
            if status is not None and status.state in q.ACTIVE:
                return status
        return None

    def idle(self, timeout: float) -> bool:
        """Wait up to ``timeout`` seconds until this process holds no queued or running run
        and has stopped looking for work; whether it has."""
        deadline = time.monotonic() + timeout
        while self._held or self._poller is not None:
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.01)
        return True

    def _read(self, job_id: int) -> tuple[q.JobRow, int, int] | None:
        """Run ``job_id`` as stored and, while queued, its place and how many runs go."""
        with self.engine.connect() as connection, connection.begin():
            row = q.read(connection, job_id)
            if row is None or row.state != "queued":
                return None if row is None else (row, 0, 0)
            return row, q.position(connection, job_id), q.running_count(connection)

    def _abandoned(self, row: q.JobRow, now: datetime) -> bool:
        return (now - row.heartbeat).total_seconds() > self.stale_seconds

    def _reap(self, now: datetime) -> None:
        with q.queue_transaction(self.engine) as connection:
            q.reap(connection, now=now, stale_seconds=self.stale_seconds)

    def _dispatch(self) -> None:
        """Start this process's runs while one of them is the oldest queued and a slot is
        free in the whole queue."""
        while True:
            with self._lock:
                if all(held.running for held in self._held.values()):
                    return
            with self._claiming:
                now = datetime.now(UTC)
                with q.queue_transaction(self.engine) as connection:
                    q.reap(connection, now=now, stale_seconds=self.stale_seconds)
                    job_id = q.claim(
                        connection, process=self.process, limit=self.concurrency, now=now
                    )
                if job_id is None:
                    return
                with self._lock:
                    held = self._held[job_id]
                    held.running = True
            threading.Thread(
                target=self._run, args=(job_id, held), name=f"job-{job_id}", daemon=True
            ).start()

    def _run(self, job_id: int, held: _Held) -> None:
        def report(note: str, progress: float | None = None) -> None:
            held.note = note
            if progress is not None:
                held.progress = max(0.0, min(1.0, progress))

        try:
            message = held.work(report)
        except CarveoutError as error:
            self._finish(job_id, "failed", str(error), None)
        except Exception as error:  # a crash in a run must reach the page, not kill the server
            self._finish(
                job_id, "failed", f"Unexpected error: {type(error).__name__}: {error}", None
            )
        else:
            self._finish(job_id, "done", message, held.result_url)

    def _finish(self, job_id: int, state: JobState, message: str, url: str | None) -> None:
        try:
            q.finish(
                self.engine,
                job_id=job_id,
                process=self.process,
                state=state,
                message=message,
                result_url=url,
                now=datetime.now(UTC),
            )
        finally:
            # Not recorded (the database was away)? No longer beaten for, it is failed soon.
            with self._lock:
                self._held.pop(job_id, None)
            self._nudge.set()

    def _ensure_poller(self) -> None:
        """Start the thread that beats and looks for this process's turn (lock held)."""
        if self._poller is None:
            self._poller = threading.Thread(target=self._poll, name="job-queue", daemon=True)
            self._poller.start()

    def _poll(self) -> None:
        last_beat = -math.inf
        while True:
            with self._lock:
                if not self._held:
                    self._poller = None
                    return
                notes = {
                    i: (held.note, held.progress) for i, held in self._held.items() if held.running
                }
            clock = time.monotonic()
            try:
                if clock - last_beat >= self.heartbeat_seconds:
                    self._beat(notes)
                    last_beat = clock
                self._dispatch()
            except SQLAlchemyError:  # the database away for a moment: try again next time
                logger.exception("The queue of background runs could not reach the database")
            self._nudge.wait(self.poll_seconds)
            self._nudge.clear()

    def _beat(self, notes: dict[int, tuple[str, float | None]]) -> None:
        q.beat(self.engine, process=self.process, now=datetime.now(UTC), notes=notes)
