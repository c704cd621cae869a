"""The audit trail: who changed which record when, with the record before and after.

Every entry is written by :func:`write_audit`, which chains it to the one before
(:mod:`carveout.storage.chain`); the verifier (:mod:`carveout.storage.verify`)
replays the trail against the stored records.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Select, func, select

from carveout.domain.changes import Change
from carveout.storage import tables as t
from carveout.storage.chain import append, as_utc

DATA_ACTIONS = frozenset({"added", "changed", "removed"})
"""Actions that change the stored records; the verifier replays only these. Other
entries (a proposal made, approved or rejected; a user added) are chained all the same."""


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """One audited change. ``before``/``after`` are the record as JSON (None when absent)."""

    id: int
    actor: str
    at: datetime
    kind: str
    key: str
    action: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    organisation: str | None = None
    request_id: str | None = None
    hash: str | None = None

    @property
    def changed_fields(self) -> list[str]:
        """The fields whose value differs between ``before`` and ``after``."""
        before = self.before or {}
        after = self.after or {}
        return [name for name in {**before, **after} if before.get(name) != after.get(name)]


@dataclass(frozen=True, slots=True)
class AuditFilter:
    """Which entries to read: one kind or record, one actor, one organisation (None: any),
    leaving out the entries ``hidden`` (their ids: e.g. of a private scenario)."""

    kind: str | None = None
    key: str | None = None
    actor: str | None = None
    organisation: str | None = None
    hidden: frozenset[int] = frozenset()


def write_audit(
    connection: Connection,
    changes: Sequence[Change],
    *,
    actor: str,
    at: datetime,
    organisation: str | None = None,
    request_id: str | None = None,
) -> None:
    """One audit row per change, all stamped ``at``, with the actor's organisation and the
    request that made them, chained after the last entry.

    Anything that audits — the store's writes, proposals and their approvals, user
    administration — writes here, inside its own transaction: the chain takes the
    store's lock, so entries are numbered and chained one writer at a time. An action
    other than ``added``/``changed``/``removed`` is recorded but not replayed against
    the stored records (see :data:`DATA_ACTIONS`).
    """
    if not changes:
        return
    at = as_utc(at)
    rows = [
        {
            "actor": actor,
            "organisation": organisation,
            "request_id": request_id,
            "at": at,
            "kind": c.kind,
            "key": c.key,
            "action": c.action,
            "before": None if c.before is None else c.before.model_dump(mode="json"),
            "after": None if c.after is None else c.after.model_dump(mode="json"),
        }
        for c in changes
    ]
    append(connection, rows, at=at)


def read_history(
    connection: Connection, *, kind: str | None, key: str | None, limit: int
) -> list[AuditEntry]:
    """The newest ``limit`` entries, newest first, optionally for one kind or record."""
    return read_entries(connection, AuditFilter(kind=kind, key=key), limit=limit)


def read_entries(
    connection: Connection,
    which: AuditFilter,
    *,
    limit: int | None,
    offset: int = 0,
    below: int | None = None,
) -> list[AuditEntry]:
    """The entries ``which`` selects, newest first: ``limit`` of them after skipping
    ``offset``, or (for reading the whole trail in pages) those with ids below ``below``."""
    query = _filtered(select(t.audit), which).order_by(t.audit.c.id.desc())
    if below is not None:
        query = query.where(t.audit.c.id < below)
    query = query.offset(offset) if offset else query
    if limit is not None:
        query = query.limit(limit)
    return [_entry(row) for row in connection.execute(query)]


State = tuple[int, str, dict[str, Any] | None, dict[str, Any] | None]
"""An entry's id, the record's key, and the record before and after."""


def read_states(connection: Connection, kind: str) -> list[State]:
    """Every entry of ``kind`` (a kind with few records: e.g. scenarios), oldest first."""
    columns = t.audit.c
    query = (
        select(columns.id, columns.key, columns.before, columns.after)
        .where(columns.kind == kind)
        .order_by(columns.id)
    )
    return [(row.id, row.key, row.before, row.after) for row in connection.execute(query)]


def count_entries(connection: Connection, which: AuditFilter) -> int:
    """How many entries ``which`` selects."""
    query = _filtered(select(func.count()).select_from(t.audit), which)
    return int(connection.execute(query).scalar_one())


def _filtered(query: Select[Any], which: AuditFilter) -> Select[Any]:
    columns = t.audit.c
    wanted = (
        (columns.kind, which.kind),
        (columns.key, which.key),
        (columns.actor, which.actor),
        (columns.organisation, which.organisation),
    )
    for column, value in wanted:
        if value is not None:
            query = query.where(column == value)
    if which.hidden:
        query = query.where(columns.id.not_in(sorted(which.hidden)))
    return query


def _entry(row: Any) -> AuditEntry:
    return AuditEntry(
        id=row.id,
        actor=row.actor,
        at=as_utc(row.at),
        kind=row.kind,
        key=row.key,
        action=row.action,
        before=row.before,
        after=row.after,
        organisation=row.organisation,
        request_id=row.request_id,
        hash=row.hash,
    )


__all__ = [
    "DATA_ACTIONS",
    "AuditEntry",
    "AuditFilter",
    "as_utc",
    "count_entries",
    "read_entries",
    "read_history",
    "read_states",
    "write_audit",
]
