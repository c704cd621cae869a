"""The store's proposals: listing them, and the votes and withdrawals that decide them.

A mixin of :class:`carveout.storage.Store`, which provides the transaction holding the
store's lock (``_locked``) and the one write path (``_commit``).
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractContextManager
from datetime import UTC, datetime

from sqlalchemy import Connection, Engine

from carveout.access import Principal
from carveout.domain import Portfolio
from carveout.domain.changes import Change
from carveout.storage import proposals as p
from carveout.storage.proposal_records import Proposal
from carveout.storage.resolve import raise_problems, resolve


class Voting:
    """Proposals of changes that bind several parties, decided by those parties' votes."""

    engine: Engine
    _cached: tuple[int, Portfolio] | None

    def _locked(self) -> AbstractContextManager[tuple[Connection, int, Portfolio]]:
        raise NotImplementedError

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
        raise NotImplementedError

    def proposals(self, *, status: str | None = None) -> list[Proposal]:
        """Proposals, newest first: ``open``, ``decided``, or all (None)."""
        with self.engine.connect() as connection:
            return p.read(connection, status=status)

    def proposal(self, proposal_id: int) -> Proposal:
        """One proposal; :class:`NotFound` when there is none."""
        with self.engine.connect() as connection:
            return p.get(connection, proposal_id)

    def vote(
        self,
        proposal_id: int,
        *,
        principal: Principal,
        approve: bool,
        comment: str = "",
        request_id: str | None = None,
    ) -> Proposal:
        """``principal``'s party approves or rejects a proposal (audited). A rejection closes
        it; the last approval applies it to the portfolio as it is now, unless the record
        has changed since (the proposal is then superseded) or the change no longer
        validates (:class:`ValidationFailed`, and the vote is not recorded)."""
        now = datetime.now(UTC)
        with self._locked() as (connection, revision, current):
            voted, change = p.decide(
                connection,
                current,
                proposal_id,
                principal=principal,
                approve=approve,
                comment=comment,
                at=now,
                request_id=request_id,
            )
            if change is None:
                return voted
            requested, result = resolve(current, [change])
            effective = [c for c in requested if c.before != c.after]
            raise_problems(result)
            self._commit(
                connection,
                effective,
                result,
                actor=voted.author,
                organisation=voted.organisation,
                principal=principal,
                request_id=request_id,
                applying=voted.id,
            )
            self._cached = (revision, result)
            return p.close(
                connection, voted, "applied", principal=principal, at=now, request_id=request_id
            )

    def withdraw(
        self, proposal_id: int, *, principal: Principal, request_id: str | None = None
    ) -> Proposal:
        """The author withdraws an open proposal (audited)."""
        with self._locked() as (connection, _revision, _current):
            return p.withdraw(
                connection,
                proposal_id,
                principal=principal,
                at=datetime.now(UTC),
                request_id=request_id,
            )
