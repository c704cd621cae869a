"""The store: the portfolio, its audit trail and saved results in one database.

Every change to the portfolio goes through :meth:`Store.apply`: it locks the
store, works out what really changes, validates the portfolio that would
result, writes with bulk statements and records an audit row per change, all
in one transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Connection, Engine, select
from sqlalchemy.exc import OperationalError

from carveout.config import get_settings
from carveout.domain import COLLECTIONS, ENTITY_KINDS, Portfolio, Record, validate
from carveout.domain.changes import Change, Changeset
from carveout.errors import CarveoutError, NotFound, ValidationFailed
from carveout.storage import tables as t
from carveout.storage.audit import AuditEntry, read_history, write_audit
from carveout.storage.engine import describe, make_engine
from carveout.storage.migrate import upgrade
from carveout.storage.read import read_portfolio
from carveout.storage.results import (
    ResultInfo,
    insert_result,
    latest_payload,
    list_results,
    payload_by_id,
)
from carveout.storage.write import write_changes


class Store:
    """The portfolio, audit trail and results behind one database URL.

    The store keeps the last portfolio it read or wrote, tagged with the
    store's revision (bumped by every write, in any process), so a load or a
    small change does not re-read a large portfolio that has not changed.
    """

    def __init__(self, engine: Engine, *, migrated: bool = False) -> None:
        self.engine = engine
        self.migrated = migrated
        """Whether opening the store just created or upgraded its schema."""
        self._cached: tuple[int, Portfolio] | None = None

    @property
    def url(self) -> str:
        """The database URL, password hidden."""
        return self.engine.url.render_as_string(hide_password=True)

    def load(self) -> Portfolio:
        """The whole portfolio."""
        with self.engine.connect() as connection:
            if connection.dialect.name == "postgresql":
                # One snapshot for every SELECT, as SQLite's transactions give anyway.
                connection.execution_options(isolation_level="REPEATABLE READ")
            with connection.begin():
                revision = connection.execute(select(t.store_state.c.revision)).scalar_one()
                return self._portfolio_at(connection, revision)

    def apply(self, changeset: Changeset, *, actor: str) -> None:
        """Apply ``changeset`` in one transaction, auditing every change.

        Raises :class:`ValidationFailed` (writing nothing) when the resulting
        portfolio has problems. Changes that leave a record as it is are skipped.
        """
        self._write(changeset.changes, actor=actor)

    def upsert(self, kind: str, record: Record, *, actor: str) -> Change | None:
        """Add or replace one record; the change made, or None when it was already so."""
        _check_kind(kind, record)
        done = self._write([Change(kind, record.key, None, record)], actor=actor)
        return done[0] if done else None

    def delete(self, kind: str, key: str, *, actor: str) -> None:
        """Remove one record; :class:`NotFound` when there is none with that key."""
        _check_kind(kind)
        record = self.load().by_key(kind).get(key)
        if record is None:
            raise NotFound(f"There is no {kind} {key!r} to delete.")
        self._write([Change(kind, key, record, None)], actor=actor)

    def history(
        self, kind: str | None = None, key: str | None = None, limit: int = 50
    ) -> list[AuditEntry]:
        """The audit trail, newest first, for one kind or one record if given."""
        with self.engine.connect() as connection:
            return read_history(connection, kind=kind, key=key, limit=limit)

    def save_result(
        self,
        *,
        scenario: str,
        kind: str,
        payload: dict[str, Any],
        actor: str,
        as_of: date | None = None,
        fingerprint: str | None = None,
    ) -> int:
        """Keep ``payload`` as the newest ``kind`` result of ``scenario``; its id.

        ``as_of`` is the data date it was made as of, ``fingerprint`` the
        :attr:`Portfolio.fingerprint` of the portfolio it was made from; both
        default to the payload's own ``as_of`` and ``fingerprint`` fields.
        """
        if as_of is None and isinstance(payload.get("as_of"), str):
            as_of = date.fromisoformat(payload["as_of"])
        if fingerprint is None and isinstance(payload.get("fingerprint"), str):
            fingerprint = payload["fingerprint"] or None
        with self.engine.begin() as connection:
            return insert_result(
                connection,
                scenario=scenario,
                kind=kind,
                payload=payload,
                actor=actor,
                at=datetime.now(UTC),
                as_of=as_of,
                fingerprint=fingerprint,
            )

    def latest_result(
        self, *, scenario: str, kind: str, as_of: date | None = None
    ) -> dict[str, Any] | None:
        """The newest ``kind`` result of ``scenario`` (made as of ``as_of`` if given)."""
        with self.engine.connect() as connection:
            return latest_payload(connection, scenario=scenario, kind=kind, as_of=as_of)

    def result(self, result_id: int) -> dict[str, Any] | None:
        """The payload of the saved result ``result_id``."""
        with self.engine.connect() as connection:
            return payload_by_id(connection, result_id)

    def results(self, kind: str | None = None) -> list[ResultInfo]:
        """Every saved result (of one kind if given), newest first."""
        with self.engine.connect() as connection:
            return list_results(connection, kind=kind)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def _write(self, changes: Sequence[Change], *, actor: str) -> tuple[Change, ...]:
        """The one place the portfolio is written: validate, write, audit, in one transaction."""
        for change in changes:
            _check_change(change)
        with self.engine.connect() as connection, connection.begin() as transaction:
            revision = _lock(connection)
            current = self._portfolio_at(connection, revision - 1)
            effective, result = _resolve(current, changes)
            if not effective:
                transaction.rollback()
                return ()
            problems = validate(result)
            if problems:
                transaction.rollback()
                raise ValidationFailed(problems)
            write_changes(connection, effective)
            write_audit(connection, effective, actor=actor, at=datetime.now(UTC))
        self._cached = (revision, result)
        return effective

    def _portfolio_at(self, connection: Connection, revision: int) -> Portfolio:
        cached = self._cached
        if cached is not None and cached[0] == revision:
            return cached[1]
        portfolio = read_portfolio(connection)
        self._cached = (revision, portfolio)
        return portfolio


def open_store(url: str | None = None) -> Store:
    """The store at ``url`` (default: the configured database), migrated to the newest schema."""
    url = url or get_settings().database_url
    engine = make_engine(url)
    try:
        migrated = upgrade(engine)
    except OperationalError as error:
        engine.dispose()
        reason = str(error.orig).strip().splitlines()[0] if error.orig else str(error)
        raise CarveoutError(
            f"Cannot open the database at {describe(url)}: {reason}. Check that the server is "
            "running or the folder exists, or set CARVEOUT_DATABASE_URL to another database."
        ) from error
    return Store(engine, migrated=migrated)


def _lock(connection: Connection) -> int:
    """Bump the store's revision, which also makes concurrent writers wait their turn."""
    bumped = connection.execute(
        t.store_state.update()
        .where(t.store_state.c.id == 1)
        .values(revision=t.store_state.c.revision + 1)
        .returning(t.store_state.c.revision)
    )
    return int(bumped.scalar_one())


def _check_kind(kind: str, record: Record | None = None) -> None:
    model = ENTITY_KINDS.get(kind)
    if model is None:
        raise CarveoutError(f"Unknown kind {kind!r}; the kinds are {', '.join(ENTITY_KINDS)}.")
    if record is not None and not isinstance(record, model):
        raise CarveoutError(f"A {kind} must be a {model.__name__}, not {type(record).__name__}.")


def _check_change(change: Change) -> None:
    _check_kind(change.kind, change.after)
    if change.after is not None and change.after.key != change.key:
        raise CarveoutError(
            f"The change to {change.kind} {change.key!r} carries a record keyed "
            f"{change.after.key!r}; a record's key cannot change (remove it and add a new one)."
        )


def _resolve(current: Portfolio, changes: Sequence[Change]) -> tuple[tuple[Change, ...], Portfolio]:
    """The changes that really alter ``current`` (``before`` as stored) and the result.

    Later changes to the same record win. Records keep their place; new ones
    go at the end of their kind, as they will when read back.
    """
    originals: dict[str, dict[str, Record]] = {}
    state: dict[str, dict[str, Record]] = {}
    touched: dict[tuple[str, str], None] = {}
    for change in changes:
        if change.kind not in state:
            originals[change.kind] = current.by_key(change.kind)
            state[change.kind] = dict(originals[change.kind])
        records = state[change.kind]
        if change.after is None:
            records.pop(change.key, None)
        else:
            records[change.key] = change.after
        touched[(change.kind, change.key)] = None
    effective = tuple(
        Change(kind, key, originals[kind].get(key), state[kind].get(key))
        for kind, key in touched
        if originals[kind].get(key) != state[kind].get(key)
    )
    # A new Portfolio rather than ``replace``: a copy would keep the old look-up caches.
    collections = {name: current.records(kind) for kind, name in COLLECTIONS.items()}
    collections.update({COLLECTIONS[k]: tuple(records.values()) for k, records in state.items()})
    return effective, Portfolio(**collections)
