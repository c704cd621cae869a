"""The queries behind the dashboard's queue of background runs, shared by every process.

A run is a row of the ``job`` table. Whatever decides between processes — whether the
same run is already queued, which run starts next, whether a slot is free, which runs
were left behind by a process that died — is read and written inside
:func:`queue_transaction`, which holds one lock for the whole queue: a write lock on
SQLite, a transaction-scoped advisory lock on PostgreSQL. So no two processes claim the
same run, start more runs than the limit, or queue the same run twice.

Each process beats for the runs it queued or runs (``heartbeat``); a run whose process has
not beaten for ``stale_seconds`` is failed (:func:`reap`), which frees its slot and lets the
runs behind it go.
"""

from __future__ import annotations

import hashlib
from collections.abc import Hashable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import Connection, Engine, false, func, select

from carveout.storage.tables import job

ACTIVE = ("queued", "running")
QUEUE_LOCK = 0x636172766F7574
"""The PostgreSQL advisory lock key of the queue (``carveout`` in ASCII)."""
STALE_SECONDS = 30.0
"""A run whose process has not beaten for this long is failed."""
DIED_RUNNING = (
    "Stopped: the server process running it stopped answering (no sign of it for {seconds:.0f} "
    "s). Start the run again."
)
DIED_QUEUED = (
    "Stopped: the server process that queued it stopped before it started. Start the run again."
)


@dataclass(frozen=True, slots=True)
class JobRow:
    """One stored run (times in UTC)."""

    id: int
    kind: str
    scenario: str
    as_of: date | None
    dedupe: str
    state: str
    progress: float
    message: str
    budget: float
    requested: datetime
    started: datetime | None
    finished: datetime | None
    result_url: str | None
    organisation: str | None
    actor: str | None
    process: str
    heartbeat: datetime


def dedupe_key(kind: str, scenario: str, as_of: date | None, variant: Hashable) -> str:
    """What makes two requests the same run, as a digest every process computes alike."""
    return hashlib.sha256(repr((kind, scenario, as_of, variant)).encode()).hexdigest()


@contextmanager
def queue_transaction(engine: Engine) -> Iterator[Connection]:
    """A transaction holding the queue's lock until it ends."""
    with engine.connect() as connection, connection.begin():
        if connection.dialect.name == "postgresql":
            connection.execute(select(func.pg_advisory_xact_lock(QUEUE_LOCK)))
        else:
            # A write first: SQLite then holds its write lock for the whole transaction,
            # so what is read next cannot change before it is written.
            connection.execute(job.update().where(false()).values(state=job.c.state))
        yield connection


def reap(connection: Connection, *, now: datetime, stale_seconds: float) -> None:
    """Fail the queued and running runs whose process has stopped beating."""
    cutoff = now - timedelta(seconds=stale_seconds)
    for state, message in (("running", DIED_RUNNING), ("queued", DIED_QUEUED)):
        connection.execute(
            job.update()
            .where(job.c.state == state, job.c.heartbeat < cutoff)
            .values(
                state="failed",
                progress=1.0,
                finished=now,
                result_url=None,
                message=message.format(seconds=stale_seconds),
            )
        )


def enqueue(
    connection: Connection,
    *,
    kind: str,
    scenario: str,
    as_of: date | None,
    dedupe: str,
    budget: float,
    result_url: str,
    organisation: str | None,
    actor: str | None,
    process: str,
    now: datetime,
) -> tuple[int, bool]:
    """The id of the same run queued or running, else of a new queued run; and whether it
    is new. Call within :func:`queue_transaction`."""
    same = connection.execute(
        select(job.c.id)
        .where(job.c.dedupe == dedupe, job.c.state.in_(ACTIVE))
        .order_by(job.c.id)
        .limit(1)
    ).scalar()
    if same is not None:
        return int(same), False
    added = connection.execute(
        job.insert()
        .values(
            kind=kind,
            scenario=scenario,
            as_of=as_of,
            dedupe=dedupe,
            state="queued",
            progress=0.0,
            message="Queued",
            budget=budget,
            requested=now,
            result_url=result_url,
            organisation=organisation,
            actor=actor,
            process=process,
            heartbeat=now,
        )
        .returning(job.c.id)
    )
    return int(added.scalar_one()), True


def claim(connection: Connection, *, process: str, limit: int, now: datetime) -> int | None:
    """Start the oldest queued run if fewer than ``limit`` run and ``process`` queued it (it
    holds the run's work); its id, else None. Call within :func:`queue_transaction`."""
    if running_count(connection) >= limit:
        return None
    oldest = connection.execute(
        select(job.c.id, job.c.process).where(job.c.state == "queued").order_by(job.c.id).limit(1)
    ).first()
    if oldest is None or oldest.process != process:
        return None
    connection.execute(
        job.update()
        .where(job.c.id == oldest.id)
        .values(state="running", started=now, heartbeat=now, message="")
    )
    return int(oldest.id)


def beat(
    engine: Engine,
    *,
    process: str,
    now: datetime,
    notes: Mapping[int, tuple[str, float | None]],
) -> None:
    """Say that ``process`` is alive for its runs, with the latest note of those running and
    the share of its work done, when the run says."""
    with engine.begin() as connection:
        connection.execute(
            job.update()
            .where(job.c.process == process, job.c.state.in_(ACTIVE))
            .values(heartbeat=now)
        )
        for job_id, (note, progress) in notes.items():
            connection.execute(
                job.update()
                .where(job.c.id == job_id, job.c.state == "running")
                .values(message=note, **({} if progress is None else {"progress": progress}))
            )


def finish(
    engine: Engine,
    *,
    job_id: int,
    process: str,
    state: str,
    message: str,
    result_url: str | None,
    now: datetime,
) -> None:
    """Record how a run ended (unless it was already failed as abandoned)."""
    with engine.begin() as connection:
        connection.execute(
            job.update()
            .where(job.c.id == job_id, job.c.process == process, job.c.state == "running")
            .values(state=state, progress=1.0, message=message, result_url=result_url, finished=now)
        )


def prune(connection: Connection, *, keep: int) -> None:
    """Forget finished runs but the newest ``keep``."""
    newest = (
        select(job.c.id)
        .where(job.c.state.not_in(ACTIVE))
        .order_by(job.c.id.desc())
        .limit(keep)
        .subquery()
    )
    oldest_kept = connection.execute(select(func.min(newest.c.id))).scalar()
    if oldest_kept is not None:
        connection.execute(job.delete().where(job.c.state.not_in(ACTIVE), job.c.id < oldest_kept))


def read(connection: Connection, job_id: int) -> JobRow | None:
    """Run ``job_id`` as stored, if it is kept."""
    row = connection.execute(select(job).where(job.c.id == job_id)).first()
    if row is None:
        return None
    values = row._asdict()
    for name in ("requested", "started", "finished", "heartbeat"):
        values[name] = _utc(values[name])
    return JobRow(**values)


def position(connection: Connection, job_id: int) -> int:
    """The place of queued run ``job_id``: 1 for the next to start."""
    ahead = select(func.count()).where(job.c.state == "queued", job.c.id <= job_id)
    return int(connection.execute(ahead).scalar_one())


def running_count(connection: Connection) -> int:
    """How many runs are going, in every process."""
    return int(
        connection.execute(select(func.count()).where(job.c.state == "running")).scalar_one()
    )


def active_ids(
    connection: Connection, *, scenario: str, as_of: date | None, kind: str | None = None
) -> list[int]:
    """The runs (of ``kind`` when given) queued or going for ``scenario`` (as of ``as_of`` when
    given), oldest first."""
    query = select(job.c.id).where(job.c.scenario == scenario, job.c.state.in_(ACTIVE))
    if as_of is not None:
        query = query.where(job.c.as_of == as_of)
    if kind is not None:
        query = query.where(job.c.kind == kind)
    return [int(i) for i in connection.execute(query.order_by(job.c.id)).scalars()]


def _utc(moment: datetime | None) -> datetime | None:
    """SQLite gives back the UTC times it was given without their zone."""
    return moment.replace(tzinfo=UTC) if moment and moment.tzinfo is None else moment
