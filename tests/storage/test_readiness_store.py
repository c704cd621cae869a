"""Exit readiness gates in the store: kept as given, and a premature go refused."""

from collections.abc import Callable
from datetime import date

import pytest

from carveout.domain import Portfolio
from carveout.domain.changes import diff
from carveout.domain.readiness import ExitDecision, GateDecision
from carveout.errors import ValidationFailed
from carveout.storage import Store

Factory = Callable[..., Portfolio]


def test_a_go_before_the_criteria_are_met_is_refused_and_nothing_is_written(
    store: Store, small_portfolio: Factory
) -> None:
    store.apply(diff(store.load(), small_portfolio()), actor="alice")
    audited = store.history(limit=1000)
    early = ExitDecision(
        code="CAD/go",
        service="CAD",
        decision=GateDecision.GO,
        approver="SRO",
        decided=date(2021, 9, 30),
    )

    with pytest.raises(ValidationFailed) as raised:
        store.upsert("exit_decision", early, actor="bob")

    assert [(p.kind, p.key, p.field) for p in raised.value.problems] == [
        ("exit_decision", "CAD/go", "decision")
    ]
    assert "CAD/train (in_progress)" in str(raised.value.problems[0])
    assert store.load() == small_portfolio()
    assert store.history(limit=1000) == audited


def test_a_no_go_is_recorded_while_criteria_are_open(
    store: Store, small_portfolio: Factory
) -> None:
    store.apply(diff(store.load(), small_portfolio()), actor="alice")
    wait = ExitDecision(
        code="CAD/wait",
        service="CAD",
        decision=GateDecision.NO_GO,
        approver="SRO",
        decided=date(2021, 9, 30),
    )
    store.upsert("exit_decision", wait, actor="bob")
    assert wait in store.load().exit_decisions
