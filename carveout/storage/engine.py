"""Engines for SQLite (the default) and PostgreSQL, configured the same way everywhere."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, Connection, make_url
from sqlalchemy.exc import ArgumentError

from carveout.errors import CarveoutError

SUPPORTED = ("sqlite", "postgresql")


def parse_url(url: str) -> URL:
    """``url`` parsed, or an error that says which URLs work."""
    try:
        parsed = make_url(url)
    except ArgumentError as error:
        raise CarveoutError(
            f"The database URL {url!r} cannot be read ({error}). Use e.g. "
            "sqlite:///carveout.db or postgresql+psycopg://user@host/dbname."
        ) from error
    if parsed.get_backend_name() not in SUPPORTED:
        raise CarveoutError(
            f"carveout stores data in SQLite or PostgreSQL, not {parsed.get_backend_name()}: "
            "set CARVEOUT_DATABASE_URL to a sqlite:/// or postgresql+psycopg:// URL."
        )
    return parsed


def make_engine(url: str) -> Engine:
    """An engine for ``url``; SQLite connections get WAL, foreign keys and real transactions."""
    parsed = parse_url(url)
    if parsed.get_backend_name() == "postgresql":
        return create_engine(parsed, pool_pre_ping=True)
    engine = create_engine(parsed)
    in_memory = parsed.database in (None, "", ":memory:")
    event.listen(engine, "connect", _sqlite_pragmas(wal=not in_memory))
    event.listen(engine, "begin", _sqlite_begin)
    return engine


def _sqlite_pragmas(*, wal: bool) -> Any:
    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        # The sqlite3 module's own transaction handling skips BEGIN before
        # SELECT and DDL; turning it off lets ``_sqlite_begin`` emit BEGIN so a
        # load reads one snapshot and a migration is all-or-nothing.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        if wal:
            # WAL lets the web read while a writer works; NORMAL sync is safe with WAL.
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    return on_connect


def _sqlite_begin(connection: Connection) -> None:
    connection.exec_driver_sql("BEGIN")


def describe(url: str) -> str:
    """``url`` with any password hidden, for messages."""
    return parse_url(url).render_as_string(hide_password=True)
