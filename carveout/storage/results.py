"""Saved results of the engines (plans, risk forecasts, cost allocations) per scenario."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, select

from carveout.storage import tables as t
from carveout.storage.audit import as_utc


@dataclass(frozen=True, slots=True)
class ResultInfo:
    """What a saved result is, without its payload.

    ``as_of`` is the data date it was made as of and ``fingerprint`` the digest
    of the portfolio it was made from (both None for results of the first
    release, which recorded neither).
    """

    id: int
    scenario: str
    kind: str
    created: datetime
    actor: str
    as_of: date | None = None
    fingerprint: str | None = None

    def stale(self, fingerprint: str) -> bool:
        """Whether the portfolio has changed since this result was made."""
        return self.fingerprint != fingerprint


def insert_result(
    connection: Connection,
    *,
    scenario: str,
    kind: str,
    payload: dict[str, Any],
    actor: str,
    at: datetime,
    as_of: date | None = None,
    fingerprint: str | None = None,
) -> int:
    """Store one result and return its id; earlier results stay as history."""
    inserted = connection.execute(
        t.results.insert()
        .values(
            scenario=scenario,
            kind=kind,
            payload=payload,
            actor=actor,
            created=at,
            as_of=as_of,
            fingerprint=fingerprint,
        )
        .returning(t.results.c.id)
    )
    return int(inserted.scalar_one())


def latest_payload(
    connection: Connection, *, scenario: str, kind: str, as_of: date | None = None
) -> dict[str, Any] | None:
    """The newest ``kind`` result of ``scenario`` (made as of ``as_of`` if given)."""
    query = (
        select(t.results.c.payload)
        .where(t.results.c.scenario == scenario, t.results.c.kind == kind)
        .order_by(t.results.c.id.desc())
        .limit(1)
    )
    if as_of is not None:
        query = query.where(t.results.c.as_of == as_of)
    payload: dict[str, Any] | None = connection.execute(query).scalar_one_or_none()
    return payload


def payload_by_id(connection: Connection, result: int) -> dict[str, Any] | None:
    query = select(t.results.c.payload).where(t.results.c.id == result)
    payload: dict[str, Any] | None = connection.execute(query).scalar_one_or_none()
    return payload


def list_results(connection: Connection, *, kind: str | None) -> list[ResultInfo]:
    """Every saved result, newest first."""
    names = ("id", "scenario", "kind", "created", "actor", "as_of", "fingerprint")
    columns = [t.results.c[name] for name in names]
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
            as_of=row.as_of,
            fingerprint=row.fingerprint,
        )
        for row in connection.execute(query)
    ]
