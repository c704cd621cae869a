"""Drivers in days and pounds, measured on common random numbers."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from carveout.risk.calendars import build_blackouts
from carveout.risk.distributions import Shape
from carveout.risk.drivers import ESTIMATE, RISK, DriverImpact, rank_drivers, top_drivers
from carveout.risk.engine import simulate
from carveout.risk.events import RiskEvent
from carveout.risk.impacts import risk_impacts
from carveout.risk.model import RiskModel
from carveout.risk.network import build_network
from carveout.risk.paired import paired_runs
from carveout.risk.sampling import SamplingOptions, draw
from carveout.risk.variants import at_most_likely, with_events, without_risks

from .conftest import START, hosting


def chain_model(events: tuple[RiskEvent, ...], *, priced: bool = True) -> RiskModel:
    """``a`` then ``c`` is the only long chain; ``b`` (short) runs beside it."""
    net = build_network(
        names=["a", "b", "c"],
        estimates=[(20, 40, 90), (1, 2, 3), (20, 40, 90)],
        edges=[("a", "c")],
        shape=Shape.TRIANGULAR,
    )
    return RiskModel(
        scenario="t",
        start=START,
        network=net,
        sampling=SamplingOptions(events=events),
        resource_aware=False,
        hosting=hosting(3) if priced else None,
        fixed_cost=100.0,
    )


def index(model: RiskModel, name: str) -> int:
    return model.network.names.index(name)


A, B, C = (index(chain_model(()), n) for n in "abc")


def test_switching_a_risk_off_leaves_every_other_draw_bit_identical() -> None:
    base = chain_model((RiskEvent("R1", 0.4, (10.0,), (A,)), RiskEvent("R2", 0.5, (5.0,), (C,))))
    off = without_risks(base, ("R1",))
    seed = np.random.SeedSequence(7)
    before = draw(base.network, seed=seed, n=2000, options=base.sampling)
    after = draw(off.network, seed=seed, n=2000, options=off.sampling)
    struck = before.happened[:, 0]
    assert 0 < struck.sum() < 2000
    assert np.array_equal(before.durations[~struck], after.durations[~struck])
    assert np.array_equal(before.happened[:, 1], after.happened[:, 1])
    assert not after.happened[:, 0].any()
    assert not np.array_equal(before.durations[struck], after.durations[struck])


def test_a_risk_that_cannot_reach_the_critical_path_contributes_nothing() -> None:
    # The short activity beside the chain: 3 days at most, plus 5, is never critical.
    model = chain_model((RiskEvent("R1", 0.5, (5.0,), (B,)),))
    found = {d.name: d for d in risk_impacts(model, runs=4000, seed=2).drivers}
    assert found["R1"].days == 0.0
    assert found["R1"].cost == 0.0


def test_a_certain_delay_on_the_only_chain_moves_the_p80_by_exactly_that_delay() -> None:
    model = chain_model((RiskEvent("R1", 1.0, (17.0,), (A,)),))
    found = {d.name: d for d in risk_impacts(model, runs=3000, seed=5).drivers}
    assert found["R1"].days == pytest.approx(17.0, abs=1e-9)


def test_the_base_runs_are_the_engines_runs_for_the_same_seed() -> None:
    model = chain_model((RiskEvent("R1", 0.3, (12.0,), (A,), cost=700.0),))
    samples = simulate(model, runs=3000, seed=4, batch_size=1000)
    base, [off] = paired_runs(
        model, [without_risks(model, ("R1",))], runs=3000, seed=4, batch_size=1000
    )
    assert np.allclose(base.finish, samples.programme, atol=1e-4)
    assert samples.cost is not None and base.cost is not None
    assert np.allclose(base.cost, samples.cost, rtol=1e-12)
    # Without the risk, a run changes only where the risk happened, and never gets later.
    assert np.all(off.finish <= base.finish + 1e-9)
    assert 0 < np.mean(off.finish < base.finish) < 1


def test_fixing_an_estimate_at_its_most_likely_uses_the_mode_in_every_run() -> None:
    model = chain_model(())
    a = index(model, "a")
    fixed = at_most_likely(model, a)
    d = draw(fixed.network, seed=np.random.SeedSequence(1), n=500, options=fixed.sampling)
    assert np.all(d.durations[:, a] == model.network.mode[a])
    other = draw(model.network, seed=np.random.SeedSequence(1), n=500, options=model.sampling)
    rest = [j for j in range(model.network.size) if j != a]
    assert np.array_equal(d.durations[:, rest], other.durations[:, rest])


def test_drivers_are_ranked_by_days_then_pounds() -> None:
    model = chain_model(
        (
            RiskEvent("SMALL", 0.5, (3.0,), (A,), cost=50.0),
            RiskEvent("BIG", 0.5, (30.0,), (C,), cost=10.0),
            RiskEvent("NEVER", 0.5, (1.0,), (B,)),
        )
    )
    drivers = risk_impacts(model, runs=4000, seed=3).drivers
    risks = [d.name for d in drivers if d.kind == RISK]
    assert risks == ["BIG", "SMALL", "NEVER"]
    assert [d.kind for d in drivers].count(ESTIMATE) == 3
    assert drivers == tuple(rank_drivers(drivers))


def test_rank_breaks_ties_on_pounds_and_top_drivers_leave_out_what_moves_nothing() -> None:
    def d(name: str, days: float, cost: float) -> DriverImpact:
        return DriverImpact(name=name, kind=RISK, title="", days=days, cost=cost)

    ranked = rank_drivers([d("A", 5, 10), d("B", 5, 900), d("C", 0, 0), d("D", 9, 0)])
    assert [x.name for x in ranked] == ["D", "B", "A", "C"]
    assert [x.name for x in top_drivers(ranked, 2)] == ["D", "B"]
    assert [x.name for x in top_drivers(ranked, 10)] == ["D", "B", "A"]


def test_unpriced_models_give_days_without_pounds() -> None:
    model = chain_model((RiskEvent("R1", 1.0, (4.0,), (0,)),), priced=False)
    impacts = risk_impacts(model, runs=1000, seed=1)
    assert impacts.cost_p80 is None
    assert all(d.cost is None for d in impacts.drivers)


def test_a_variant_may_not_drop_or_reorder_risks() -> None:
    model = chain_model((RiskEvent("R1", 0.3, (4.0,), (0,)), RiskEvent("R2", 0.3, (4.0,), (0,))))
    with pytest.raises(ValueError, match="no risk event"):
        with_events(model, {"R9": RiskEvent("R9", 0.1, (), ())})
    with pytest.raises(ValueError, match="cannot be replaced"):
        with_events(model, {"R1": RiskEvent("R2", 0.1, (), ())})
    dropped = dataclasses.replace(model, sampling=SamplingOptions(events=model.sampling.events[1:]))
    with pytest.raises(ValueError, match="in place"):
        paired_runs(model, [dropped], runs=10)


def test_with_blackouts_and_a_window_risk_the_base_runs_are_still_the_engines() -> None:
    window = RiskEvent("W1", 0.5, (9.0,), (C,), cost=400.0, window=(60.0, 120.0))
    plain = RiskEvent("R1", 0.3, (12.0,), (A,), cost=700.0)
    model = dataclasses.replace(
        chain_model((plain, window)),
        blackouts=build_blackouts([[], [], [(85.0, 95.0)]]),
    )
    samples = simulate(model, runs=2000, seed=6, batch_size=1000)
    base, [off] = paired_runs(
        model, [without_risks(model, ("W1",))], runs=2000, seed=6, batch_size=1000
    )
    assert np.allclose(base.finish, samples.programme, atol=1e-4)
    assert samples.cost is not None and base.cost is not None
    assert np.allclose(base.cost, samples.cost, rtol=1e-12)
    assert np.all(off.finish <= base.finish + 1e-9) and np.any(off.finish < base.finish)


def test_a_risk_on_work_that_holds_the_only_people_delays_the_next_job_by_its_delay() -> None:
    # One person, two jobs: the second waits for the first, so a delay to the first is the
    # programme's delay, though no precedence arc joins them.
    net = build_network(
        names=["first", "second"],
        estimates=[(10, 20, 40), (10, 20, 40)],
        shape=Shape.TRIANGULAR,
        teams={"T": [(0.0, 1.0)]},
        team_of=["T", "T"],
        demand=[1.0, 1.0],
    )
    risk = RiskEvent("R1", 1.0, (8.0,), (net.names.index("first"),))
    model = RiskModel(
        scenario="t",
        start=START,
        network=net,
        sampling=SamplingOptions(events=(risk,)),
        resource_aware=True,
    )
    samples = simulate(model, runs=2000, seed=2, batch_size=1000)
    base, [off] = paired_runs(
        model, [without_risks(model, ("R1",))], runs=2000, seed=2, batch_size=1000
    )
    assert np.allclose(base.finish, samples.programme, atol=1e-4)
    assert np.allclose(base.finish - off.finish, 8.0)
