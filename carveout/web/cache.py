"""Keep the loaded portfolio and parsed results between requests.

Loading the whole portfolio costs a few queries per table; a page needs it on
every request. The cache key is the id of the store's newest audit entry: every
write audits, so a new id means the portfolio changed and must be reloaded.
Results are immutable once saved, so they are parsed once per result id.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any, Generic, Protocol, TypeVar

from pydantic import BaseModel, ValidationError

from carveout.domain import Portfolio

T = TypeVar("T")
M = TypeVar("M", bound=BaseModel)

DERIVED_LIMIT = 64
"""How many derived views are kept per portfolio version (each data date asked adds some)."""
PARSED_LIMIT = 128
"""How many parsed results are kept."""


class StoreLike(Protocol):
    """The part of the storage contract the dashboard reads."""

    def load(self) -> Portfolio: ...
    def history(
        self, kind: str | None = None, key: str | None = None, limit: int = 50
    ) -> list[Any]: ...
    def results(self, kind: str | None = None) -> list[Any]: ...
    def result(self, result_id: int) -> dict[str, Any] | None: ...
    def latest_result(
        self, *, scenario: str, kind: str, as_of: date | None = None
    ) -> dict[str, Any] | None: ...


class PortfolioCache:
    """The portfolio as of the store's last audit entry, reloaded only when that changes."""

    def __init__(self, store: StoreLike) -> None:
        self._store = store
        self._lock = threading.Lock()
        self._version: int | None = None
        self._portfolio: Portfolio | None = None
        self._derived: OrderedDict[str, tuple[Portfolio, Any]] = OrderedDict()

    def version(self) -> int:
        latest = self._store.history(limit=1)
        return max((int(entry.id) for entry in latest), default=0)

    def get(self) -> Portfolio:
        version = self.version()
        with self._lock:
            if self._portfolio is None or version != self._version:
                self._portfolio = self._store.load()
                self._version = version
                self._derived = OrderedDict()
            return self._portfolio

    def derived(self, name: str, build: Callable[[Portfolio], T]) -> T:
        """``build(portfolio)``, computed once per portfolio version (e.g. a graph layout)."""
        portfolio = self.get()
        with self._lock:
            hit = self._derived.get(name)
            if hit is not None and hit[0] is portfolio:
                self._derived.move_to_end(name)
                value: T = hit[1]
                return value
        value = build(portfolio)
        with self._lock:
            self._derived[name] = (portfolio, value)
            while len(self._derived) > DERIVED_LIMIT:
                self._derived.popitem(last=False)
        return value

    def invalidate(self) -> None:
        with self._lock:
            self._portfolio = None
            self._derived = OrderedDict()


@dataclass(frozen=True, slots=True)
class Stored(Generic[T]):
    """A stored result: what the store says about it (``info``, a ``ResultInfo``) and its value."""

    info: Any
    value: T

    @property
    def id(self) -> int:
        return int(self.info.id)


def reader(model: type[M]) -> Callable[[dict[str, Any]], M | None]:
    """Parse a payload as ``model``; one saved by an older version that no longer reads is
    None, treated as missing (run the engine again to replace it), never an error."""

    def parse(payload: dict[str, Any]) -> M | None:
        try:
            return model.model_validate(payload)
        except ValidationError:
            return None

    return parse


class ResultCache:
    """Stored results found by scenario, kind and data date, each parsed once per result id."""

    def __init__(self, store: StoreLike) -> None:
        self.store = store
        self._lock = threading.Lock()
        self._parsed: OrderedDict[int, Any] = OrderedDict()

    def infos(self, kind: str) -> list[Any]:
        """What is stored of ``kind`` (``ResultInfo``), newest first."""
        return sorted(self.store.results(kind), key=lambda i: -int(i.id))

    def scenarios_with(self, kind: str) -> list[str]:
        """Scenario codes that have a stored result of ``kind``, newest first."""
        return list(dict.fromkeys(str(i.scenario) for i in self.infos(kind)))

    def dates(self, *, scenario: str, kind: str) -> list[date]:
        """The data dates ``scenario`` has ``kind`` results for, latest date first."""
        found = {i.as_of for i in self.infos(kind) if i.scenario == scenario and i.as_of}
        return sorted(found, reverse=True)

    def get(
        self,
        *,
        scenario: str,
        kind: str,
        parse: Callable[[dict[str, Any]], T | None],
        as_of: date | None = None,
    ) -> Stored[T] | None:
        """The newest ``kind`` result of ``scenario`` (made as of ``as_of``, if given) parsed by
        ``parse``; None if there is none, or it no longer reads."""
        info = next(
            (
                i
                for i in self.infos(kind)
                if i.scenario == scenario and (as_of is None or i.as_of == as_of)
            ),
            None,
        )
        if info is None:
            return None
        key = int(info.id)
        with self._lock:
            if key in self._parsed:
                self._parsed.move_to_end(key)
                cached: T | None = self._parsed[key]
                return None if cached is None else Stored(info, cached)
        payload = self.store.result(key)
        value = parse(payload) if payload is not None else None
        with self._lock:
            self._parsed[key] = value
            while len(self._parsed) > PARSED_LIMIT:
                self._parsed.popitem(last=False)
        return None if value is None else Stored(info, value)
