"""Saved results of the engines (plans, risk forecasts, cost allocations) per scenario."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, select

from carveout.storage import tables as t
from carveout.storage.audit import as_utc


@dataclass(frozen=True, slots=True)
class ResultInfo:
    """What a saved result is, without its payload."""

    id: int
    scenario: str
    kind: str
    created: datetime
    actor: str


def insert_result(
    connection: Connection,
    *,
    scenario: str,
    kind: str,
    payload: dict[str, Any],
    actor: str,
    at: datetime,
) -> int:
    """Store one result and return its id; earlier results stay as history."""
    inserted = connection.execute(
        t.results.insert()
        .values(scenario=scenario, kind=kind, payload=payload, actor=actor, created=at)
        .returning(t.results.c.id)
    )
    return int(inserted.scalar_one())


def latest_payload(connection: Connection, *, scenario: str, kind: str) -> dict[str, Any] | None:
    query = (
        select(t.results.c.payload)
        .where(t.results.c.scenario == scenario, t.results.c.kind == kind)
        .order_by(t.results.c.id.desc())
        .limit(1)
    )
    payload: dict[str, Any] | None = connection.execute(query).scalar_one_or_none()
    return payload


def list_results(connection: Connection, *, kind: str | None) -> list[ResultInfo]:
    """Every saved result, newest first."""
    columns = [t.results.c[name] for name in ("id", "scenario", "kind", "created", "actor")]
    query = select(*columns).order_by(t.results.c.id.desc())
    if kind is not None:
        query = query.where(t.results.c.kind == kind)
    return [
        ResultInfo(
            id=row.id,
            scenario=row.scenario,
            kind=row.kind,
            created=as_utc(row.created),
            actor=row.actor,
        )
        for row in connection.execute(query)
    ]
