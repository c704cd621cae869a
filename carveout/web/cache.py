"""Keep the loaded portfolio and parsed results between requests, and hand each request
what its principal may see of them.

Loading the whole portfolio costs a few queries per table; a page needs it on
every request. The cache key is the id of the store's newest audit entry, read from
the database on every request: every write, from any process, audits each change in
the transaction that makes it, so a new id means the portfolio changed and must be
reloaded. Nothing is invalidated only in this process, which is why each worker
process of ``carveout serve --workers N`` may keep a cache of its own.
Results are immutable once saved, so they are parsed once per result id.

Access is a filter here, not a check in each route: :meth:`PortfolioCache.seen_by`
and :meth:`ResultCache.seen_by` give views of the caches that return only what a
principal may see (:func:`carveout.access.policy.visible`,
:func:`~carveout.access.policy.sees_result`). Principals who see alike share one
filtered portfolio and its derived views.
"""

from __future__ import annotations

import copy
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Generic, Protocol, TypeVar

from pydantic import BaseModel, ValidationError

from carveout.access import Principal
from carveout.access.policy import visibility, visible
from carveout.domain import Portfolio

T = TypeVar("T")
M = TypeVar("M", bound=BaseModel)

DERIVED_LIMIT = 128
"""How many derived views are kept per portfolio version (each data date asked adds some,
for each way of seeing the portfolio)."""
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


@dataclass
class _Loaded:
    """What every view of one :class:`PortfolioCache` shares."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    version: int | None = None
    portfolio: Portfolio | None = None
    seen: dict[str, Portfolio] = field(default_factory=dict)
    derived: OrderedDict[str, tuple[Portfolio, Any]] = field(default_factory=OrderedDict)


class PortfolioCache:
    """The portfolio as of the store's last audit entry, reloaded only when that changes.

    The cache itself returns the whole portfolio; :meth:`seen_by` gives the view a
    principal may see, sharing the loaded portfolio.
    """

    def __init__(self, store: StoreLike) -> None:
        self._store = store
        self._loaded = _Loaded()
        self._view = "*all*"
        self._principal: Principal | None = None

    def seen_by(self, principal: Principal) -> PortfolioCache:
        """This cache as ``principal`` sees it: without others' private scenarios."""
        view = copy.copy(self)
        view._principal = principal
        view._view = visibility(principal)
        return view

    def version(self) -> int:
        latest = self._store.history(limit=1)
        return max((int(entry.id) for entry in latest), default=0)

    def whole(self) -> Portfolio:
        """The whole portfolio, whoever the view is for (for the policy's own decisions)."""
        version = self.version()
        loaded = self._loaded
        with loaded.lock:
            if loaded.portfolio is None or version != loaded.version:
                loaded.portfolio = self._store.load()
                loaded.version = version
                loaded.seen = {}
                loaded.derived = OrderedDict()
            return loaded.portfolio

    def get(self) -> Portfolio:
        """The portfolio this view's principal may see (the whole one for the cache itself)."""
        whole = self.whole()
        if self._principal is None:
            return whole
        loaded = self._loaded
        with loaded.lock:
            if loaded.portfolio is whole and self._view in loaded.seen:
                return loaded.seen[self._view]
        seen = visible(self._principal, whole)
        with loaded.lock:
            if loaded.portfolio is whole:
                loaded.seen[self._view] = seen
        return seen

    def derived(self, name: str, build: Callable[[Portfolio], T]) -> T:
        """``build(portfolio)``, computed once per portfolio version and view (e.g. a graph
        layout)."""
        portfolio = self.get()
        key = f"{self._view}:{name}"
        loaded = self._loaded
        with loaded.lock:
            hit = loaded.derived.get(key)
            if hit is not None and hit[0] is portfolio:
                loaded.derived.move_to_end(key)
                value: T = hit[1]
                return value
        value = build(portfolio)
        with loaded.lock:
            loaded.derived[key] = (portfolio, value)
            while len(loaded.derived) > DERIVED_LIMIT:
                loaded.derived.popitem(last=False)
        return value


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


class _SeenStore:
    """A store's results as a principal may see them (``sees``: by scenario code)."""

    def __init__(self, store: StoreLike, sees: Callable[[str], bool]) -> None:
        self._store = store
        self._sees = sees

    def load(self) -> Portfolio:
        return self._store.load()

    def history(self, kind: str | None = None, key: str | None = None, limit: int = 50) -> Any:
        return self._store.history(kind, key, limit)

    def results(self, kind: str | None = None) -> list[Any]:
        return [i for i in self._store.results(kind) if self._sees(str(i.scenario))]

    def result(self, result_id: int) -> dict[str, Any] | None:
        return self._store.result(result_id)

    def latest_result(
        self, *, scenario: str, kind: str, as_of: date | None = None
    ) -> dict[str, Any] | None:
        if not self._sees(scenario):
            return None
        return self._store.latest_result(scenario=scenario, kind=kind, as_of=as_of)


class ResultCache:
    """Stored results found by scenario, kind and data date, each parsed once per result id.

    :meth:`seen_by` gives the view of one principal: results of scenarios it may not see
    are never listed, found or returned.
    """

    def __init__(self, store: StoreLike) -> None:
        self.store = store
        self._lock = threading.Lock()
        self._parsed: OrderedDict[int, Any] = OrderedDict()
        self._sees: Callable[[str], bool] = lambda _code: True

    def seen_by(self, sees: Callable[[str], bool]) -> ResultCache:
        """The results of the scenarios ``sees`` accepts (by code), sharing the parsed ones."""
        view = copy.copy(self)
        view.store = _SeenStore(self.store, sees)
        view._sees = sees
        return view

    def sees(self, scenario: str) -> bool:
        """Whether this view shows results (and runs) of ``scenario``."""
        return self._sees(scenario)

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
