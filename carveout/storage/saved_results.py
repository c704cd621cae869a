"""Saved results (plans, forecasts, cost reports) of the store, as each principal may see them.

A mixin of :class:`carveout.storage.Store`: results are written apart from the portfolio's
one write path, since they never change a record, and read only where the access policy lets
the principal see the scenario they were made for.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Engine

from carveout.access import Principal
from carveout.access.policy import sees_result
from carveout.domain import Portfolio
from carveout.storage.results import (
    ResultInfo,
    insert_result,
    latest_payload,
    list_results,
    payload_by_id,
)


class SavedResults:
    """Saving and reading results; the store provides the engine and the portfolio."""

    engine: Engine

    def load(self, *, principal: Principal | None = None) -> Portfolio:
        raise NotImplementedError

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
        self,
        *,
        scenario: str,
        kind: str,
        as_of: date | None = None,
        principal: Principal | None = None,
    ) -> dict[str, Any] | None:
        """The newest ``kind`` result of ``scenario`` (made as of ``as_of`` if given); None
        also when ``principal`` may not see the scenario's results."""
        if not self._sees(principal, scenario):
            return None
        with self.engine.connect() as connection:
            return latest_payload(connection, scenario=scenario, kind=kind, as_of=as_of)

    def result(
        self, result_id: int, *, principal: Principal | None = None
    ) -> dict[str, Any] | None:
        """The payload of the saved result ``result_id`` (None if ``principal`` may not see it)."""
        if principal is not None:
            shown = {r.id for r in self.results(principal=principal)}
            if result_id not in shown:
                return None
        with self.engine.connect() as connection:
            return payload_by_id(connection, result_id)

    def results(
        self, kind: str | None = None, *, principal: Principal | None = None
    ) -> list[ResultInfo]:
        """Every saved result (of one kind if given) ``principal`` may see, newest first."""
        with self.engine.connect() as connection:
            found = list_results(connection, kind=kind)
        if principal is None:
            return found
        portfolio = self.load()
        return [r for r in found if sees_result(principal, r.scenario, portfolio)]

    def _sees(self, principal: Principal | None, scenario: str) -> bool:
        return principal is None or sees_result(principal, scenario, self.load())
