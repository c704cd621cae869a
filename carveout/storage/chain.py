"""The audit trail's hash chain: every entry's hash covers its content and the hash before it.

An entry's ``hash`` is the SHA-256 of the RFC 8785 canonical JSON of its content — id,
actor, organisation, time (UTC), request id, kind, key, action, before, after — and its
``prev_hash``, the hash of the entry before it (:data:`GENESIS` for the first). Changing,
removing or inserting an entry therefore breaks the chain at that entry, unless every
later hash is recomputed too; a witness of the head (``carveout audit checkpoint``,
printed in every governance pack) catches that.

``audit_seal`` holds two rows, each naming an entry (``through``), its hash (``head``)
and a time (``sealed``):

- :data:`UPGRADE_SEAL`: where the chain began. Entries up to ``through`` were recorded
  before the chain existed and were hashed into it, as they stood, when the store was
  upgraded; ``through`` is 0 for a store that chained every entry as it was written.
- :data:`HEAD`: the last entry carveout wrote and when; an entry after it, or a chain
  that ends before it, was written or removed behind carveout's back.

Writers take the store's lock first (the ``store_state`` row), so entries are numbered
and chained one writer at a time, in id order.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Engine, bindparam, func, select, text

from carveout.storage import tables as t
from carveout.storage.canonical import dumps

GENESIS = "0" * 64
"""The ``prev_hash`` of the first entry."""

UPGRADE_SEAL = 1
HEAD = 2
"""The ``audit_seal`` rows: where the chain began, and the last entry carveout wrote."""

CONTENT = (
    "id",
    "actor",
    "organisation",
    "at",
    "request_id",
    "kind",
    "key",
    "action",
    "before",
    "after",
)
"""The columns an entry's hash covers, besides ``prev_hash``."""

_SEAL_BATCH = 1000


@dataclass(frozen=True, slots=True)
class Link:
    """One point of the chain: an entry, its hash and a time.

    For the head it is the last entry and when it was written; for a seal, the last
    entry sealed and when the seal was made.
    """

    id: int
    hash: str
    at: datetime

    @property
    def witness(self) -> str:
        """The ``ID:HASH`` form ``carveout audit verify --checkpoint`` takes."""
        return f"{self.id}:{self.hash}"


def stamp(moment: datetime) -> str:
    """``moment`` in UTC as the chain hashes it, to the microsecond (``…T09:05:00.000000Z``)."""
    return as_utc(moment).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def as_utc(moment: datetime) -> datetime:
    """``moment`` in UTC; SQLite hands back the stored UTC time without a zone."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def canonical(entry: Mapping[Any, Any], prev_hash: str) -> bytes:
    """The RFC 8785 canonical JSON of ``entry``'s content and ``prev_hash``."""
    content = {name: entry[name] for name in CONTENT}
    content["at"] = stamp(entry["at"])
    content["prev_hash"] = prev_hash
    return dumps(content)


def entry_hash(entry: Mapping[Any, Any], prev_hash: str) -> str:
    """The hash of ``entry`` (a row of ``audit``, or the row about to be written)."""
    return hashlib.sha256(canonical(entry, prev_hash)).hexdigest()


def lock(connection: Connection) -> None:
    """Wait for, and hold until the transaction ends, the store's write lock.

    The store's writes bump the revision on the same row first, so this costs nothing
    inside them; elsewhere it makes writers of the chain take turns without telling
    readers of the portfolio that anything changed.
    """
    connection.execute(
        t.store_state.update()
        .where(t.store_state.c.id == 1)
        .values(revision=t.store_state.c.revision)
    )


def append(connection: Connection, rows: list[dict[str, Any]], *, at: datetime) -> None:
    """Number, chain and insert ``rows`` (audit rows without id or hashes) after the head.

    Call inside the writer's transaction: the lock is taken here if it is not held yet.
    """
    lock(connection)
    ensure_sealed(connection, at=at)
    last = connection.execute(
        select(t.audit.c.id, t.audit.c.hash).order_by(t.audit.c.id.desc()).limit(1)
    ).first()
    number = (last.id if last is not None else 0) + 1
    previous = (last.hash if last is not None else None) or GENESIS
    for row in rows:
        row["id"] = number
        row["prev_hash"] = previous
        row["hash"] = previous = entry_hash(row, previous)
        number += 1
    connection.execute(t.audit.insert(), rows)
    _set_seal(connection, HEAD, Link(number - 1, previous, at))
    if connection.dialect.name == "postgresql":
        # The ids are given, not drawn from the sequence: keep it past them all the same.
        connection.execute(
            text("SELECT setval(pg_get_serial_sequence('audit', 'id'), :last)"),
            {"last": number - 1},
        )


def seal_unchained(engine: Engine) -> Link | None:
    """Hash the entries of a store from before the chain into it; the seal made, if any.

    Runs when a store is opened. Only a store whose entries have no hash at all is
    sealed, and only once: entries without a hash that appear later were written behind
    carveout's back, and sealing them would hide it.
    """
    with engine.connect() as connection, connection.begin():
        if read_seal(connection, UPGRADE_SEAL) is not None:
            return None
    with engine.begin() as connection:
        lock(connection)
        return ensure_sealed(connection, at=datetime.now(UTC))


def ensure_sealed(connection: Connection, *, at: datetime) -> Link | None:
    """Seal the unchained entries (all of them, or none) as of ``at``, under the lock."""
    if read_seal(connection, UPGRADE_SEAL) is not None:
        return None
    chained = connection.execute(
        select(t.audit.c.id).where(t.audit.c.hash.is_not(None)).limit(1)
    ).first()
    if chained is not None:
        return None
    previous, through = GENESIS, 0
    while True:
        batch = connection.execute(
            select(*(t.audit.c[name] for name in CONTENT))
            .where(t.audit.c.id > through)
            .order_by(t.audit.c.id)
            .limit(_SEAL_BATCH)
        ).mappings()
        updates = []
        for row in batch:
            digest = entry_hash(row, previous)
            updates.append({"entry": row["id"], "prev": previous, "digest": digest})
            previous, through = digest, row["id"]
        if not updates:
            break
        connection.execute(
            t.audit.update()
            .where(t.audit.c.id == bindparam("entry"))
            .values(prev_hash=bindparam("prev"), hash=bindparam("digest")),
            updates,
        )
    seal = Link(through, previous, at)
    _set_seal(connection, UPGRADE_SEAL, seal)
    _set_seal(connection, HEAD, seal)
    return seal


def read_seal(connection: Connection, which: int) -> Link | None:
    """The :data:`UPGRADE_SEAL` or :data:`HEAD` row, if there is one."""
    row = connection.execute(
        select(t.audit_seal.c.through, t.audit_seal.c.head, t.audit_seal.c.sealed).where(
            t.audit_seal.c.id == which
        )
    ).first()
    return None if row is None else Link(row.through, row.head, as_utc(row.sealed))


def read_head(connection: Connection) -> Link | None:
    """The last entry of the trail, its hash and when it was written (None when empty)."""
    row = connection.execute(
        select(t.audit.c.id, t.audit.c.hash, t.audit.c.at).order_by(t.audit.c.id.desc()).limit(1)
    ).first()
    return None if row is None else Link(row.id, row.hash or "", as_utc(row.at))


def count_entries(connection: Connection) -> int:
    return int(connection.execute(select(func.count()).select_from(t.audit)).scalar_one())


def _set_seal(connection: Connection, which: int, link: Link) -> None:
    values = {"through": link.id, "head": link.hash, "sealed": link.at}
    updated = connection.execute(
        t.audit_seal.update().where(t.audit_seal.c.id == which).values(**values)
    )
    if updated.rowcount == 0:
        connection.execute(t.audit_seal.insert().values(id=which, **values))
