"""The store's replace: the portfolio (or some kinds of it) becomes a given one, the difference
worked out under the write lock from what the caller sees."""

from __future__ import annotations

from datetime import date

import pytest

from carveout.access import Principal, Role
from carveout.domain import Portfolio, RaidEntry, Scenario
from carveout.errors import CarveoutError
from carveout.storage import Store
from carveout.storage.replacing import MassDeletion, mass_deletions, replacement
from tests.conftest import build_small_portfolio

WMP_EDITOR = Principal(name="ann@wmp", organisation="WMP", role=Role.EDITOR)


def _raid(count: int) -> tuple[RaidEntry, ...]:
    return tuple(RaidEntry(code=f"R-{n}", kind="risk", title=f"Risk {n}") for n in range(count))


def test_replace_makes_the_store_hold_exactly_the_target_and_says_what_changed(
    store: Store,
) -> None:
    target = build_small_portfolio()
    first = store.replace(target, actor="tester")
    assert store.load() == target
    assert len(first.applied) == sum(1 for _ in target.items())
    assert store.replace(target, actor="tester").applied == ()


def test_replacing_some_kinds_leaves_the_others_as_they_are(store: Store) -> None:
    store.replace(build_small_portfolio(), actor="tester")
    done = store.replace(Portfolio(raid=_raid(1)), kinds={"raid"}, actor="tester")
    assert {(c.kind, c.action) for c in done.applied} == {("raid", "added"), ("raid", "removed")}
    assert store.load() == build_small_portfolio().replace(raid=_raid(1))


def test_a_principal_s_replacement_is_worked_out_from_what_it_may_see(store: Store) -> None:
    private = Scenario(
        code="WAR-PLAN", name="Ours", start=date(2022, 1, 1), owner="WAR", private=True
    )
    portfolio = build_small_portfolio()
    store.replace(portfolio.replace(scenarios=(*portfolio.scenarios, private)), actor="setup")
    seen = store.load(principal=WMP_EDITOR)
    assert "WAR-PLAN" not in seen.by_key("scenario")
    cad = seen.service_by_code["CAD"].model_copy(update={"name": "CAD (renamed)"})
    target = seen.replace(services=tuple(cad if s.code == "CAD" else s for s in seen.services))
    done = store.replace(target, actor=WMP_EDITOR.name, principal=WMP_EDITOR)
    assert [(c.kind, c.key, c.action) for c in done.applied] == [("service", "CAD", "changed")]
    assert "WAR-PLAN" in store.load().by_key("scenario")  # not the editor's to remove


def test_a_replacement_removing_most_of_a_kind_is_refused_unless_any_share_is_allowed(
    store: Store,
) -> None:
    store.replace(Portfolio(raid=_raid(10)), actor="tester")
    with pytest.raises(MassDeletion) as refused:
        store.replace(Portfolio(raid=_raid(3)), actor="tester")
    assert refused.value.removals == {"raid": (7, 10)}
    assert len(store.load().raid) == 10
    store.replace(Portfolio(raid=_raid(3)), actor="tester", max_deletion_share=None)
    assert store.load() == Portfolio(raid=_raid(3))


def test_mass_deletions_counts_a_kind_only_past_both_the_share_and_the_floor() -> None:
    current = Portfolio(raid=_raid(40))
    for kept, expected in ((34, {}), (33, {"raid": (7, 40)}), (0, {"raid": (40, 40)})):
        changes = replacement(current, Portfolio(raid=_raid(kept)))
        assert mass_deletions(current, changes, share=0.15) == expected
    few = Portfolio(raid=_raid(5))
    assert mass_deletions(few, replacement(few, Portfolio()), share=0.2) == {}


def test_replacing_an_unknown_kind_is_refused(store: Store) -> None:
    with pytest.raises(CarveoutError, match="gadget"):
        store.replace(Portfolio(), kinds={"gadget"}, actor="tester")
