"""The store's own tables: the audit trail, saved results, background jobs and the revision
counter that writers lock (the records' tables are in :mod:`carveout.storage.tables`)."""

from __future__ import annotations

from sqlalchemy import Column, Date, DateTime, Double, Index, Integer, String, Table, Text

from carveout.storage.columns import CODE, Json, metadata

audit = Table(
    "audit",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("actor", String(128), nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("kind", String(32), nullable=False),
    Column("key", String(256), nullable=False),
    Column("action", String(16), nullable=False),
    Column("before", Json),
    Column("after", Json),
    # Who, from where and in which request; and the hash chain (see storage/chain.py).
    Column("organisation", String(CODE)),
    Column("request_id", String(64)),
    Column("prev_hash", String(64)),
    Column("hash", String(64)),
    Index(None, "kind", "key"),
    Index(None, "actor"),
    Index(None, "organisation"),
)

results = Table(
    "results",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("scenario", String(256), nullable=False),
    Column("kind", String(64), nullable=False),
    Column("created", DateTime(timezone=True), nullable=False),
    Column("actor", String(128), nullable=False),
    Column("payload", Json, nullable=False),
    Column("as_of", Date),
    Column("fingerprint", String(64)),
    Index(None, "scenario", "kind"),
)

job = Table(
    "job",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kind", String(32), nullable=False),
    Column("scenario", String(CODE), nullable=False),
    Column("as_of", Date),
    Column("dedupe", String(64), nullable=False),
    Column("state", String(16), nullable=False),
    Column("progress", Double, nullable=False),
    Column("message", Text, nullable=False),
    Column("budget", Double, nullable=False),
    Column("requested", DateTime(timezone=True), nullable=False),
    Column("started", DateTime(timezone=True)),
    Column("finished", DateTime(timezone=True)),
    Column("result_url", Text),
    Column("organisation", String(CODE)),
    Column("actor", String(128)),
    Column("process", String(128), nullable=False),
    Column("heartbeat", DateTime(timezone=True), nullable=False),
    Index(None, "state", "id"),
    Index(None, "dedupe"),
)
"""A background run from the dashboard, shared by every server process: see
:mod:`carveout.storage.job_queue`."""

store_state = Table(
    "store_state",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("revision", Integer, nullable=False),
)
"""One row whose ``revision`` counts committed changes: writers lock it, readers cache by it."""
