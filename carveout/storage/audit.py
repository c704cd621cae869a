"""The audit trail: who changed which record when, with the record before and after."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, select

from carveout.domain.changes import Change
from carveout.storage import tables as t


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

    @property
    def changed_fields(self) -> list[str]:
        """The fields whose value differs between ``before`` and ``after``."""
        before = self.before or {}
        after = self.after or {}
        return [name for name in {**before, **after} if before.get(name) != after.get(name)]


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
    request that made them."""
    if not changes:
        return
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
    connection.execute(t.audit.insert(), rows)


def read_history(
    connection: Connection, *, kind: str | None, key: str | None, limit: int
) -> list[AuditEntry]:
    """The newest ``limit`` entries, newest first, optionally for one kind or record."""
    query = select(t.audit).order_by(t.audit.c.id.desc()).limit(limit)
    if kind is not None:
        query = query.where(t.audit.c.kind == kind)
    if key is not None:
        query = query.where(t.audit.c.key == key)
    return [
        AuditEntry(
            id=row.id,
            actor=row.actor,
            at=as_utc(row.at),
            kind=row.kind,
            key=row.key,
            action=row.action,
            before=row.before,
            after=row.after,
        )
        for row in connection.execute(query)
    ]


def as_utc(moment: datetime) -> datetime:
    """``moment`` in UTC; SQLite hands back the stored UTC time without a zone."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)
