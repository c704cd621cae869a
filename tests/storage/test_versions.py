"""Optimistic concurrency in the store: a write made against a version that is no longer the
stored one is refused under the write lock, so no update is ever lost, on either backend."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from threading import Barrier

import pytest

from carveout.domain import Portfolio, Service
from carveout.domain.changes import diff
from carveout.errors import Conflict, NotFound
from carveout.storage import Store
from carveout.storage.versions import ABSENT, ANY, version

Factory = Callable[..., Portfolio]
WRITERS = 24


def _filled(store: Store, small_portfolio: Factory) -> Service:
    store.apply(diff(store.load(), small_portfolio()), actor="alice")
    return store.load().service_by_code["CAD"]


def _race(count: int, attempt: Callable[[int], str]) -> list[str]:
    """Run ``attempt(i)`` on ``count`` threads released at once; what each returned."""
    start = Barrier(count)

    def run(i: int) -> str:
        start.wait()
        return attempt(i)

    with ThreadPoolExecutor(count) as pool:
        return list(pool.map(run, range(count)))


def test_a_version_is_the_same_for_equal_records_and_changes_with_any_field(
    small_portfolio: Factory,
) -> None:
    cad = small_portfolio().service_by_code["CAD"]
    assert version(cad) == version(cad.model_copy())
    assert version(cad) != version(cad.model_copy(update={"fixed_cost": 1.0}))
    assert version(cad) != version(cad.model_copy(update={"name": "CAD"}))


def test_a_write_against_the_stored_version_succeeds(
    store: Store, small_portfolio: Factory
) -> None:
    cad = _filled(store, small_portfolio)
    cheaper = cad.model_copy(update={"fixed_cost": 1.0})
    outcome = store.put("service", cheaper, actor="bob", expected={version(cad)})
    assert outcome.applied and store.load().service_by_code["CAD"] == cheaper


def test_a_write_against_an_older_version_is_a_conflict_carrying_the_current_record(
    store: Store, small_portfolio: Factory
) -> None:
    cad = _filled(store, small_portfolio)
    renamed = cad.model_copy(update={"name": "Dispatch"})
    store.upsert("service", renamed, actor="bob", expected={version(cad)})
    with pytest.raises(Conflict) as raised:
        store.upsert("service", cad.model_copy(update={"fixed_cost": 1.0}), actor="carol",
                     expected={version(cad)})  # fmt: skip
    assert raised.value.current == renamed and raised.value.version == version(renamed)
    assert store.load().service_by_code["CAD"] == renamed


def test_a_write_expecting_any_version_needs_the_record_to_exist(
    store: Store, small_portfolio: Factory
) -> None:
    cad = _filled(store, small_portfolio)
    store.upsert("service", cad.model_copy(update={"fixed_cost": 2.0}), actor="b", expected={ANY})
    new = cad.model_copy(update={"code": "NEW", "name": "New"})
    with pytest.raises(Conflict) as raised:
        store.upsert("service", new, actor="bob", expected={ANY})
    assert raised.value.current is None
    assert "NEW" not in store.load().service_by_code


def test_deleting_an_older_version_is_a_conflict_and_deletes_nothing(
    store: Store, small_portfolio: Factory
) -> None:
    _filled(store, small_portfolio)
    blackout = store.load().by_key("blackout")["XMAS"]
    store.upsert("blackout", blackout.model_copy(update={"reason": "Winter"}), actor="bob")
    with pytest.raises(Conflict):
        store.delete("blackout", "XMAS", actor="carol", expected={version(blackout)})
    assert "XMAS" in store.load().by_key("blackout")


def test_racing_writers_on_one_version_one_wins_and_the_rest_conflict(
    store: Store, small_portfolio: Factory
) -> None:
    cad = _filled(store, small_portfolio)
    read = {version(cad)}

    def attempt(i: int) -> str:
        try:
            store.upsert("service", cad.model_copy(update={"fixed_cost": float(i + 1)}),
                         actor=f"writer-{i}", expected=read)  # fmt: skip
        except Conflict:
            return "conflict"
        return f"writer-{i}"

    outcomes = _race(WRITERS, attempt)

    winners = [o for o in outcomes if o != "conflict"]
    assert len(winners) == 1 and outcomes.count("conflict") == WRITERS - 1
    winner = int(winners[0].removeprefix("writer-"))
    assert store.load().service_by_code["CAD"].fixed_cost == winner + 1
    changed = [e for e in store.history("service", "CAD") if e.action == "changed"]
    assert [e.actor for e in changed] == winners


def test_racing_read_modify_write_loops_lose_no_increment(
    store: Store, small_portfolio: Factory
) -> None:
    _filled(store, small_portfolio)

    def attempt(i: int) -> str:
        while True:
            cad = store.load().service_by_code["CAD"]
            more = cad.model_copy(update={"variable_cost": cad.variable_cost + 1})
            try:
                store.upsert("service", more, actor=f"writer-{i}", expected={version(cad)})
            except Conflict:
                continue  # someone else's increment landed first: read it and retry
            return "saved"

    assert _race(WRITERS, attempt) == ["saved"] * WRITERS

    assert store.load().service_by_code["CAD"].variable_cost == 12.5 + WRITERS
    changed = [e for e in store.history("service", "CAD", limit=500) if e.action == "changed"]
    assert sorted(e.actor for e in changed) == sorted(f"writer-{i}" for i in range(WRITERS))


def test_racing_deletes_remove_once_and_the_rest_are_not_found(
    store: Store, small_portfolio: Factory
) -> None:
    _filled(store, small_portfolio)

    def attempt(i: int) -> str:
        try:
            store.delete("blackout", "XMAS", actor=f"deleter-{i}")
        except NotFound:
            return "not found"
        return "deleted"

    outcomes = _race(WRITERS, attempt)

    assert outcomes.count("deleted") == 1 and outcomes.count("not found") == WRITERS - 1
    assert "XMAS" not in store.load().by_key("blackout")
    removals = [e for e in store.history("blackout", "XMAS") if e.action == "removed"]
    assert len(removals) == 1


def test_adding_a_record_expecting_none_is_a_conflict_once_someone_added_it(
    store: Store, small_portfolio: Factory
) -> None:
    cad = _filled(store, small_portfolio)
    new = cad.model_copy(update={"code": "NEW", "name": "New"})
    assert store.upsert("service", new, actor="ann", expected={ABSENT}) is not None
    with pytest.raises(Conflict) as raised:
        store.upsert("service", new.model_copy(update={"name": "Bob's"}), actor="bob",
                     expected={ABSENT})  # fmt: skip
    assert raised.value.current == new
