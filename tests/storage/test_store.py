from collections.abc import Callable
from datetime import date

import pytest

from carveout.domain import COLLECTIONS, Dependency, Party, Portfolio, Service, Tranche
from carveout.domain.changes import Change, Changeset, diff
from carveout.errors import CarveoutError, NotFound, ValidationFailed
from carveout.storage import Store, open_store

Factory = Callable[..., Portfolio]


def _fill(store: Store, portfolio: Portfolio) -> None:
    store.apply(diff(store.load(), portfolio), actor="alice")


def _reopened(store: Store) -> Portfolio:
    """The portfolio as a fresh process reads it (no cache)."""
    with open_store(str(store.engine.url.render_as_string(hide_password=False))) as other:
        return other.load()


def test_every_kind_round_trips_unchanged(store: Store, small_portfolio: Factory) -> None:
    portfolio = small_portfolio()
    _fill(store, portfolio)
    loaded = _reopened(store)
    for kind, collection in COLLECTIONS.items():
        assert loaded.records(kind), f"the sample portfolio should hold a {kind}"
        assert getattr(loaded, collection) == getattr(portfolio, collection), kind
    assert loaded == portfolio


def test_an_empty_store_loads_an_empty_portfolio(store: Store) -> None:
    assert store.load() == Portfolio()


def test_upsert_changes_one_record_and_audits_before_and_after(
    store: Store, small_portfolio: Factory
) -> None:
    _fill(store, small_portfolio())
    cad = store.load().service_by_code["CAD"]
    cheaper = cad.model_copy(update={"fixed_cost": 99.0, "consumers": ("WMP",), "usage": {}})

    change = store.upsert("service", cheaper, actor="bob")

    assert change is not None and change.action == "changed"
    assert _reopened(store).service_by_code["CAD"] == cheaper
    assert _reopened(store).service_by_code["RMS"] == small_portfolio().service_by_code["RMS"]
    entry, creation = store.history("service", "CAD")
    assert (creation.actor, creation.action) == ("alice", "added")
    assert (entry.actor, entry.action) == ("bob", "changed")
    assert entry.before is not None and entry.after is not None
    assert entry.before["fixed_cost"] == 250_000 and entry.after["fixed_cost"] == 99.0
    assert entry.before["consumers"] == ["WMP", "WAR"] and entry.after["consumers"] == ["WMP"]
    assert set(entry.changed_fields) == {"fixed_cost", "consumers", "usage"}
    assert entry.at.tzinfo is not None


def test_upsert_of_an_identical_record_changes_and_audits_nothing(
    store: Store, small_portfolio: Factory
) -> None:
    _fill(store, small_portfolio())
    audited = len(store.history(limit=1000))

    assert store.upsert("party", small_portfolio().parties[0], actor="bob") is None
    assert len(store.history(limit=1000)) == audited


def test_upsert_adds_a_new_record_at_the_end_of_its_kind(
    store: Store, small_portfolio: Factory
) -> None:
    _fill(store, small_portfolio())
    police = Party(code="CMPG", name="Central Motorway Policing Group")

    change = store.upsert("party", police, actor="bob")

    assert change is not None and change.action == "added"
    assert _reopened(store).parties[-1] == police


def test_delete_removes_the_record_and_audits_it(store: Store, small_portfolio: Factory) -> None:
    _fill(store, small_portfolio())

    store.delete("blackout", "XMAS", actor="carol")

    assert "XMAS" not in _reopened(store).by_key("blackout")
    entry = store.history("blackout", "XMAS")[0]
    assert (entry.action, entry.actor, entry.after) == ("removed", "carol", None)
    assert entry.before is not None and entry.before["reason"] == "Holidays"


def test_deleting_an_unknown_record_is_not_found(store: Store) -> None:
    with pytest.raises(NotFound, match="no service 'NOPE'"):
        store.delete("service", "NOPE", actor="carol")


def test_deleting_a_record_others_refer_to_is_refused_and_writes_nothing(
    store: Store, small_portfolio: Factory
) -> None:
    _fill(store, small_portfolio())
    audited = store.history(limit=1000)

    with pytest.raises(ValidationFailed, match="RMS"):
        store.delete("service", "RMS", actor="carol")

    assert _reopened(store) == small_portfolio()
    assert store.history(limit=1000) == audited


def test_apply_with_a_validation_problem_writes_nothing(
    store: Store, small_portfolio: Factory
) -> None:
    _fill(store, small_portfolio())
    audited = store.history(limit=1000)
    orphan = Dependency(service="CAD", depends_on="GHOST", coupling="before")
    extra = Service(code="NEW", name="New", kind="application", host="WMP")
    changes = Changeset(
        (Change("service", "NEW", None, extra), Change("dependency", orphan.key, None, orphan))
    )

    with pytest.raises(ValidationFailed) as raised:
        store.apply(changes, actor="dave")

    assert [(p.kind, p.field, p.value) for p in raised.value.problems] == [
        ("dependency", "depends_on", "GHOST")
    ]
    assert _reopened(store) == small_portfolio()
    assert store.history(limit=1000) == audited


def test_one_apply_can_add_and_remove_records_that_refer_to_each_other(
    store: Store, small_portfolio: Factory
) -> None:
    _fill(store, small_portfolio())
    before = store.load()
    newcomer = Party(code="CMPG", name="Central Motorway Policing Group")
    roads = Service(
        code="ROADS", name="Roads policing", kind="operational", host="CMPG", consumers=("CMPG",)
    )
    first = before.tranche_by_code["THA-1"]
    # The tranche stops listing RMS, the bridge to FILES goes, and RMS itself goes.
    after = small_portfolio(
        parties=(*before.parties, newcomer),
        services=(*(s for s in before.services if s.code != "RMS"), roads),
        dependencies=(),
        tranches=(first.model_copy(update={"services": ("CAD", "ROADS")}), before.tranches[1]),
        cost_pools=tuple(
            c.model_copy(update={"services": ("CAD",)}) if c.code == "IT" else c
            for c in before.cost_pools
        ),
        raid=tuple(r.model_copy(update={"services": ()}) for r in before.raid),
    )

    store.apply(diff(before, after), actor="erin")

    assert _reopened(store) == after
    assert store.load() == after


def test_a_record_cannot_change_its_key(store: Store, small_portfolio: Factory) -> None:
    _fill(store, small_portfolio())
    party = Party(code="OTHER", name="Other")
    with pytest.raises(CarveoutError, match="key cannot change"):
        store.apply(Changeset((Change("party", "WMP", None, party),)), actor="x")


def test_upsert_rejects_an_unknown_kind_or_the_wrong_record_type(store: Store) -> None:
    party = Party(code="P", name="P")
    with pytest.raises(CarveoutError, match="Unknown kind 'widget'"):
        store.upsert("widget", party, actor="x")
    with pytest.raises(CarveoutError, match="must be a Service"):
        store.upsert("service", party, actor="x")


def test_another_process_sees_changes_made_elsewhere(
    store: Store, small_portfolio: Factory
) -> None:
    url = store.engine.url.render_as_string(hide_password=False)
    with open_store(url) as other:
        assert other.load() == Portfolio()  # now cached by ``other``
        _fill(store, small_portfolio())
        assert other.load() == small_portfolio()


def test_history_filters_by_kind_and_key_newest_first(
    store: Store, small_portfolio: Factory
) -> None:
    _fill(store, small_portfolio())
    store.delete("blackout", "XMAS", actor="carol")

    everything = store.history(limit=1000)
    services = store.history("service")
    one = store.history("blackout", "XMAS")

    assert len(everything) == sum(1 for _ in small_portfolio().items()) + 1
    assert [e.id for e in everything] == sorted((e.id for e in everything), reverse=True)
    assert {e.kind for e in services} == {"service"}
    assert [e.key for e in reversed(services)] == ["CAD", "RMS", "PAY", "FILES"]
    assert [e.action for e in one] == ["removed", "added"]
    assert len(store.history(limit=3)) == 3


def test_results_keep_history_and_latest_returns_the_newest(store: Store) -> None:
    first = store.save_result(scenario="BASE", kind="plan", payload={"n": 1}, actor="a")
    second = store.save_result(
        scenario="BASE", kind="plan", payload={"n": 2, "x": [1.5]}, actor="b"
    )
    store.save_result(scenario="BASE", kind="risk", payload={"p80": "2023-01-01"}, actor="a")
    store.save_result(scenario="FAST", kind="plan", payload={"n": 3}, actor="a")

    assert second > first
    assert store.latest_result(scenario="BASE", kind="plan") == {"n": 2, "x": [1.5]}
    assert store.latest_result(scenario="BASE", kind="costs") is None
    plans = store.results("plan")
    assert [(r.scenario, r.actor) for r in plans] == [("FAST", "a"), ("BASE", "b"), ("BASE", "a")]
    assert len(store.results()) == 4
    assert all(r.created.tzinfo is not None for r in plans)


def test_dates_and_floats_survive_exactly(store: Store, small_portfolio: Factory) -> None:
    tranche = Tranche(
        code="ODD", agreement="THA", start=date(2024, 2, 29), end=date(2024, 2, 29),
        monthly_charge=0.1 + 0.2,
    )  # fmt: skip
    _fill(store, small_portfolio())
    store.upsert("tranche", tranche, actor="x")
    assert _reopened(store).tranche_by_code["ODD"] == tranche
