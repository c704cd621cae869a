"""What a background run looks like to the page that polls it: :class:`JobStatus`."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, Field

from carveout.storage.job_queue import JobRow

JobState = Literal["queued", "running", "done", "failed"]


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


def job_status(row: JobRow, **changes: object) -> JobStatus:
    """The status of stored run ``row``, with ``changes`` (e.g. its place in the queue)."""
    return JobStatus.model_validate(
        {
            "id": row.id,
            "kind": row.kind,
            "scenario": row.scenario,
            "as_of": row.as_of,
            "state": row.state,
            "progress": row.progress,
            "message": row.message,
            "started": row.requested,
            "finished": row.finished,
            "result_url": row.result_url,
            **changes,
        }
    )
