"""The store: the portfolio, its audit trail and saved results in one database.

Every change to the portfolio goes through :meth:`Store.apply`: it locks the
store, works out what really changes, rules each change by the access policy
for the acting principal (applied, proposed to the other parties it binds, or
refused), validates the portfolio that would result, writes with bulk
statements and records an audit row per change, all in one transaction.
Reads for a principal (:meth:`Store.load`, the results) return only what the
policy lets it see.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Connection, Engine, select
from sqlalchemy.exc import OperationalError

from carveout.access import Principal
from carveout.access.policy import visible
from carveout.access.rulings import Sorted, sort_changes
from carveout.config import get_settings
from carveout.domain import Portfolio, Record
from carveout.domain.changes import Change, Changeset
from carveout.errors import CarveoutError
from carveout.storage import proposals as p
from carveout.storage import tables as t
from carveout.storage.audit import AuditEntry, read_history, write_audit
from carveout.storage.chain import seal_unchained
from carveout.storage.engine import describe, make_engine
from carveout.storage.migrate import upgrade
from carveout.storage.proposal_records import Proposal
from carveout.storage.read import read_portfolio
from carveout.storage.replacing import Plan, Replacing
from carveout.storage.resolve import check_change, check_kind, lock, raise_problems, resolve
from carveout.storage.saved_results import SavedResults
from carveout.storage.versions import Expectation
from carveout.storage.voting import Voting
from carveout.storage.write import write_changes


@dataclass(frozen=True, slots=True)
class Outcome:
    """What a write did: the changes applied and the proposals made (none on a dry run, which
    lists the changes it would propose in ``proposed``)."""

    applied: tuple[Change, ...] = ()
    proposed: tuple[Change, ...] = ()
    proposals: tuple[Proposal, ...] = ()


class Store(Voting, Replacing, SavedResults):
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

    def load(self, *, principal: Principal | None = None) -> Portfolio:
        """The whole portfolio; for a ``principal``, what it may see of it."""
        with self.engine.connect() as connection:
            if connection.dialect.name == "postgresql":
                # One snapshot for every SELECT, as SQLite's transactions give anyway.
                connection.execution_options(isolation_level="REPEATABLE READ")
            with connection.begin():
                revision = connection.execute(select(t.store_state.c.revision)).scalar_one()
                portfolio = self._portfolio_at(connection, revision)
        return portfolio if principal is None else visible(principal, portfolio)

    def apply(
        self,
        changeset: Changeset,
        *,
        actor: str,
        principal: Principal | None = None,
        request_id: str | None = None,
        dry_run: bool = False,
    ) -> Outcome:
        """Apply ``changeset`` in one transaction, auditing every change.

        Each change is ruled by the access policy for ``principal`` (None: the operator
        at the command line, who may do anything): allowed changes are applied, changes
        to records that bind other parties become proposals, and any refused change
        raises :class:`~carveout.storage.proposals.ChangesRefused` listing them all
        (:class:`NotFound` for a record the principal may not know exists). Raises
        :class:`ValidationFailed` when the resulting portfolio has problems. Nothing is
        written when anything is raised, or on a ``dry_run``. Changes that leave a
        record as it is are skipped.
        """
        return self._write(
            changeset.changes,
            actor=actor,
            principal=principal,
            request_id=request_id,
            dry_run=dry_run,
        )

    def upsert(
        self,
        kind: str,
        record: Record,
        *,
        actor: str,
        principal: Principal | None = None,
        request_id: str | None = None,
        expected: Collection[str] | None = None,
    ) -> Change | None:
        """Add or replace one record; the change made, or None when it was already so (or
        it was proposed to the other parties: see :meth:`put`)."""
        done = self.put(
            kind, record, actor=actor, principal=principal, request_id=request_id, expected=expected
        )
        return done.applied[0] if done.applied else None

    def put(
        self,
        kind: str,
        record: Record,
        *,
        actor: str,
        principal: Principal | None = None,
        request_id: str | None = None,
        expected: Collection[str] | None = None,
    ) -> Outcome:
        """Add or replace one record, ruled as :meth:`apply` rules it. With ``expected``
        (the versions it was edited from, see :mod:`~carveout.storage.versions`), raise
        :class:`~carveout.errors.Conflict` unless the stored record is one of them, checked
        under the write lock so that no concurrent change is lost."""
        check_kind(kind, record)
        change = Change(kind, record.key, None, record)
        expect = (Expectation(kind, record.key, expected),) if expected is not None else ()
        return self._write(
            [change], actor=actor, principal=principal, request_id=request_id, expect=expect
        )

    def delete(
        self,
        kind: str,
        key: str,
        *,
        actor: str,
        principal: Principal | None = None,
        request_id: str | None = None,
        expected: Collection[str] | None = None,
    ) -> Outcome:
        """Remove one record; :class:`NotFound` when there is none with that key (that the
        ``principal`` may see), also when a concurrent delete removed it first, and
        :class:`~carveout.errors.Conflict` when it is not one of the ``expected`` versions.
        Both are checked under the write lock."""
        check_kind(kind)
        expect = Expectation(kind, key, expected, exists=True)
        return self._write(
            [Change(kind, key, None, None)],
            actor=actor,
            principal=principal,
            request_id=request_id,
            expect=(expect,),
        )

    def history(
        self, kind: str | None = None, key: str | None = None, limit: int = 50
    ) -> list[AuditEntry]:
        """The audit trail, newest first, for one kind or one record if given."""
        with self.engine.connect() as connection:
            return read_history(connection, kind=kind, key=key, limit=limit)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def _write(
        self,
        changes: Sequence[Change] | Plan,
        *,
        actor: str,
        principal: Principal | None,
        request_id: str | None = None,
        dry_run: bool = False,
        expect: Sequence[Expectation] = (),
    ) -> Outcome:
        """The one place the portfolio is written: rule, validate, write, audit, in one
        transaction (after checking under the lock that each record is as ``expect`` says)."""
        with self._locked() as (connection, revision, current):
            if callable(changes):  # worked out from the portfolio as it is under the lock
                changes = changes(current)
            for change in changes:
                check_change(change)
            for expectation in expect:
                expectation.check(current, principal)
            requested, result = resolve(current, changes)
            sorted_ = Sorted(allowed=requested)
            if principal is not None:
                sorted_ = sort_changes(principal, requested, current, result)
            proposed = [(c, r) for c, r in sorted_.proposed if c.before != c.after]
            effective = [c for c in sorted_.allowed if c.before != c.after]
            if proposed:
                # What is proposed must fit the portfolio too, and is not applied now.
                raise_problems(result)
                _, result = resolve(current, effective)
            if (not effective and not proposed) or dry_run:
                connection.rollback()
                return Outcome(tuple(effective), tuple(c for c, _ in proposed))
            raise_problems(result)
            self._commit(
                connection,
                effective,
                result,
                actor=actor,
                organisation=principal.organisation if principal else None,
                principal=principal,
                request_id=request_id,
            )
            made = tuple(
                p.insert(
                    connection,
                    change,
                    needs=ruling.needs,
                    principal=principal,
                    at=datetime.now(UTC),
                    request_id=request_id,
                )
                for change, ruling in proposed
                if principal is not None
            )
        self._cached = (revision, result)
        return Outcome(tuple(effective), tuple(c for c, _ in proposed), made)

    @contextmanager
    def _locked(self) -> Iterator[tuple[Connection, int, Portfolio]]:
        """A transaction holding the store's lock, with its revision and the portfolio."""
        with self.engine.connect() as connection, connection.begin():
            revision = lock(connection)
            yield connection, revision, self._portfolio_at(connection, revision - 1)

    def _commit(
        self,
        connection: Connection,
        effective: Sequence[Change],
        result: Portfolio,
        *,
        actor: str,
        organisation: str | None,
        principal: Principal | None,
        request_id: str | None,
        applying: int | None = None,
    ) -> None:
        """Write ``effective``, audit it, and supersede the proposals it made stale (other than
        the one ``applying``)."""
        at = datetime.now(UTC)
        write_changes(connection, effective)
        write_audit(
            connection,
            effective,
            actor=actor,
            at=at,
            organisation=organisation,
            request_id=request_id,
        )
        p.supersede_stale(
            connection,
            effective,
            result,
            principal=principal,
            at=at,
            request_id=request_id,
            keep=applying,
        )

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
        seal_unchained(engine)  # a store from before the hash chain: its entries join it
    except OperationalError as error:
        engine.dispose()
        reason = str(error.orig).strip().splitlines()[0] if error.orig else str(error)
        raise CarveoutError(
            f"Cannot open the database at {describe(url)}: {reason}. Check that the server is "
            "running or the folder exists, or set CARVEOUT_DATABASE_URL to another database."
        ) from error
    return Store(engine, migrated=migrated)
