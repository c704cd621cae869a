"""Each family of the relaxation's rows holds in every plan and lifts the bound where it binds."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import timedelta

import numpy as np
import pytest

from carveout.domain import Blackout, Coupling, Dependency, MigrationStatus, Portfolio
from carveout.planning import relaxation_bound as bound_module
from carveout.planning.relaxation_bound import relaxation_bound
from carveout.planning.relaxation_rows import Ends, packing_weights
from carveout.planning.terms import SeparationModel
from tests.planning.bound_cases import DEAR, proven_optimum, separation_model
from tests.planning.conftest import START

Build = Callable[..., Portfolio]


def _without(monkeypatch: pytest.MonkeyPatch, family: str) -> None:
    """Leave one family of rows out of the relaxation."""
    monkeypatch.setattr(bound_module, family, lambda *args, **kwargs: None)


def _bound(model: SeparationModel) -> int:
    value = relaxation_bound(model)
    assert value is not None
    return value


def _tight(bound: int | None, optimum: float) -> bool:
    """The bound is the optimum, less at most the unit that rounding the duals down may cost."""
    return bound is not None and optimum - 1 <= bound <= optimum


def _consumer(
    build: Build, *, provider_days: int, consumer_days: int, cost: float, **extra: object
) -> SeparationModel:
    """C, on U, may bridge to P, on T, at ``cost``; each needs its team's one person."""
    return separation_model(
        build(
            work={"P": (provider_days, provider_days), "C": (consumer_days, consumer_days)},
            teams={"T": 1.0, "U": 1.0},
            team_of={"C": "U"},
            dependencies=[
                Dependency(
                    service="C", depends_on="P", coupling=Coupling.BRIDGEABLE, bridge_cost=cost
                )
            ],
            **extra,
        )
    )


def test_services_that_start_together_are_bounded_at_the_later_start(
    build: Build, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A waits for X rather than pay a dear bridge; B, on U, starts with A, so it cuts over a
    # week later than it could alone.
    model = separation_model(
        build(
            work={"X": (50, 50), "A": (5, 5), "B": (5, 5)},
            teams={"T": 1.0, "U": 1.0},
            team_of={"B": "U"},
            dependencies=[
                Dependency(
                    service="A", depends_on="X", coupling=Coupling.BRIDGEABLE, bridge_cost=DEAR
                ),
                Dependency(service="B", depends_on="A", coupling=Coupling.TOGETHER),
            ],
        )
    )
    optimum = proven_optimum(model)
    assert _tight(relaxation_bound(model), optimum)
    _without(monkeypatch, "add_together")
    assert _bound(model) < optimum - 1


def test_a_blackout_moves_the_bounded_cut_over_past_it(
    build: Build, monkeypatch: pytest.MonkeyPatch
) -> None:
    # C waits for P rather than pay a dear bridge, and the week it would then cut over is
    # in a blackout.
    blackout = Blackout(
        code="XMAS", start=START + timedelta(weeks=3), end=START + timedelta(weeks=6)
    )
    model = _consumer(build, provider_days=15, consumer_days=5, cost=DEAR, blackouts=(blackout,))
    optimum = proven_optimum(model)
    assert _tight(relaxation_bound(model), optimum)
    _without(monkeypatch, "add_forbidden")
    assert _bound(model) < optimum - 1


def test_a_bridge_into_work_under_way_is_bounded_as_paid(
    build: Build, monkeypatch: pytest.MonkeyPatch
) -> None:
    # C started last week and P has not begun, so C's cut-over is set and the bridge is paid.
    under_way = {"status": MigrationStatus.IN_PROGRESS, "actual_start": START - timedelta(7)}
    model = _consumer(
        build, provider_days=25, consumer_days=10, cost=5_000, migrations={"C": under_way}
    )
    optimum = proven_optimum(model)
    assert _tight(relaxation_bound(model), optimum)
    monkeypatch.setattr(Ends, "ends_by_last", lambda self, j: 0)
    assert _bound(model) < optimum - 1


def test_two_loads_above_half_the_team_are_bounded_as_a_queue(
    build: Build, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Each needs 1.5 of T's 2 people for four weeks, so they cannot overlap; split across
    # end weeks in the plain rows, they could.
    model = separation_model(
        build(work={"A": (30, 20), "B": (30, 20)}, teams={"T": 2.0}, annual_cost=520_000.0)
    )
    optimum = proven_optimum(model)
    with_packing = relaxation_bound(model)
    assert with_packing is not None and with_packing <= optimum
    monkeypatch.setattr(
        "carveout.planning.relaxation_rows.packing_weights",
        lambda load, capacity, edge: np.full(len(capacity), load),
    )
    plain = relaxation_bound(model)
    assert plain is not None and plain < with_packing


@pytest.mark.parametrize("capacity", [3, 10, 20, 21, 30])
def test_loads_that_fit_together_have_packing_weights_that_fit_too(capacity: int) -> None:
    rng = random.Random(capacity)
    caps = np.array([capacity])
    for _ in range(500):
        loads: list[int] = []
        while (load := rng.randint(1, capacity)) + sum(loads) <= capacity:
            loads.append(load)
        for edge in range(capacity + 1):
            weights = [int(packing_weights(x, caps, np.array([edge]))[0]) for x in loads]
            assert sum(weights) <= capacity


def _wired(build: Build, seed: int) -> Portfolio:
    """Five services on two teams with 'before', 'together' and bridgeable links, a blackout
    and sometimes a deadline."""
    rng = random.Random(seed)
    codes = [f"S{i}" for i in range(5)]
    work = {c: (d * rng.choice([0.5, 1.0, 1.5]), d) for c in codes for d in [rng.choice([5, 10])]}
    dependencies = [
        Dependency(
            service=codes[j],
            depends_on=codes[i],
            coupling=rng.choice([Coupling.BEFORE, Coupling.TOGETHER, Coupling.BRIDGEABLE]),
            bridge_cost=rng.choice([500, 50_000]),
            bridge_effort=rng.choice([0, 2]),
        )
        for i in range(5)
        for j in range(i + 1, 5)
        if rng.random() < 0.3
    ]
    week = rng.randint(0, 3)
    blackout = Blackout(
        code="B", start=START + timedelta(weeks=week), end=START + timedelta(weeks=week + 1)
    )
    deadline = START + timedelta(weeks=rng.randint(8, 12)) if rng.random() < 0.5 else None
    return build(
        work=work,
        teams={"T": 1.0, "U": 2.0},
        team_of={c: rng.choice(["T", "U"]) for c in codes},
        dependencies=dependencies,
        blackouts=(blackout,),
        scenario={"deadline": deadline} if deadline else None,
    )


@pytest.mark.parametrize("seed", range(8))
def test_the_relaxation_with_every_family_never_exceeds_the_proven_optimum(
    build: Build, seed: int
) -> None:
    model = separation_model(_wired(build, seed))
    bounds = [relaxation_bound(model, bucket=b, until=u) for b in (1, 2, 3) for u in (None, 3)]
    optimum = proven_optimum(model)
    assert all(value is not None and value <= optimum for value in bounds)
