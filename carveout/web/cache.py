"""Keep the loaded portfolio and parsed results between requests.

Loading the whole portfolio costs a few queries per table; a page needs it on
every request. The cache key is the id of the store's newest audit entry: every
write audits, so a new id means the portfolio changed and must be reloaded.
Results are immutable once saved, so they are cached by their result id.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, Protocol, TypeVar

from pydantic import BaseModel, ValidationError

from carveout.domain import Portfolio
from carveout.errors import CarveoutError

T = TypeVar("T", bound=BaseModel)


class _Info(Protocol):
    id: int
    scenario: str
    kind: str


class StoreLike(Protocol):
    """The part of the storage contract the dashboard reads."""

    def load(self) -> Portfolio: ...
    def history(
        self, kind: str | None = None, key: str | None = None, limit: int = 50
    ) -> list[Any]: ...
    def results(self, kind: str | None = None) -> list[Any]: ...
    def latest_result(self, *, scenario: str, kind: str) -> dict[str, Any] | None: ...


class PortfolioCache:
    """The portfolio as of the store's last audit entry, reloaded only when that changes."""

    def __init__(self, store: StoreLike) -> None:
        self._store = store
        self._lock = threading.Lock()
        self._version: int | None = None
        self._portfolio: Portfolio | None = None
        self._derived: dict[str, Any] = {}

    def version(self) -> int:
        latest = self._store.history(limit=1)
        return max((int(entry.id) for entry in latest), default=0)

    def get(self) -> Portfolio:
        version = self.version()
        with self._lock:
            if self._portfolio is None or version != self._version:
                self._portfolio = self._store.load()
                self._version = version
                self._derived = {}
            return self._portfolio

    def derived(self, name: str, build: Callable[[Portfolio], T]) -> T:
        """``build(portfolio)``, computed once per portfolio version (e.g. a graph layout)."""
        portfolio = self.get()
        with self._lock:
            hit = self._derived.get(name)
            if hit is not None and hit[0] is portfolio:
                value: T = hit[1]
                return value
        value = build(portfolio)
        with self._lock:
            self._derived[name] = (portfolio, value)
        return value

    def invalidate(self) -> None:
        with self._lock:
            self._portfolio = None
            self._derived = {}


class ResultCache:
    """The latest stored result of each (scenario, kind), parsed once per result id."""

    def __init__(self, store: StoreLike) -> None:
        self._store = store
        self._lock = threading.Lock()
        self._parsed: dict[tuple[str, str], tuple[int, Any]] = {}

    def scenarios_with(self, kind: str) -> list[str]:
        """Scenario codes that have a stored result of ``kind``, newest first."""
        infos = sorted(self._store.results(kind), key=lambda i: -int(i.id))
        seen: dict[str, None] = {}
        for info in infos:
            seen.setdefault(str(info.scenario))
        return list(seen)

    def latest_id(self, *, scenario: str, kind: str) -> int | None:
        ids = [int(i.id) for i in self._store.results(kind) if i.scenario == scenario]
        return max(ids, default=None)

    def get(self, *, scenario: str, kind: str, parse: Callable[[dict[str, Any]], T]) -> T | None:
        """The newest ``kind`` result of ``scenario`` parsed by ``parse``, or None if none."""
        result_id = self.latest_id(scenario=scenario, kind=kind)
        if result_id is None:
            return None
        with self._lock:
            cached = self._parsed.get((scenario, kind))
            if cached is not None and cached[0] == result_id:
                value: T = cached[1]
                return value
        payload = self._store.latest_result(scenario=scenario, kind=kind)
        if payload is None:
            return None
        try:
            parsed = parse(payload)
        except ValidationError as error:
            raise CarveoutError(
                f"The stored {kind} result of scenario {scenario} cannot be read "
                f"({error.error_count()} problem(s)); run it again to replace it."
            ) from error
        with self._lock:
            self._parsed[(scenario, kind)] = (result_id, parsed)
        return parsed
