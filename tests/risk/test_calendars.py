"""Blackouts move cut-overs and window risks strike only inside their windows."""

import numpy as np
import pytest

from carveout.risk.calendars import build_blackouts, calendar_for, merge_days, no_blackouts
from carveout.risk.engine import run_batch, simulate
from carveout.risk.events import RiskEvent
from carveout.risk.model import RiskModel
from carveout.risk.network import build_network
from carveout.risk.precedence import forward_pass, forward_pass_numpy, simulate_finish
from carveout.risk.resources import schedule
from carveout.risk.sampling import SamplingOptions
from carveout.risk.sgs_oracle import schedule_python

from .conftest import START, hosting, triangular


def _pair(**kw: object):  # type: ignore[no-untyped-def]
    """a (10 days) before b (5 days), and c (6 days) on a's team of one."""
    return build_network(
        names=["a", "b", "c"],
        estimates=[(10, 10, 10), (5, 5, 5), (6, 6, 6)],
        edges=[("a", "b")],
        teams={"T": [(0.0, 1.0)]},
        team_of=["T", "T", "T"],
        **kw,  # type: ignore[arg-type]
    )


def _finish(model: RiskModel) -> np.ndarray:
    return np.asarray(simulate(model, runs=8, seed=1, batch_size=4).finish[0], dtype=np.float64)


def test_overlapping_and_touching_blackouts_merge_into_one_run() -> None:
    assert merge_days([(11, 14), (8, 10), (20, 21), (12, 13)]) == [(8, 14), (20, 21)]


@pytest.mark.parametrize("resource_aware", [False, True])
def test_a_cut_over_landing_in_a_blackout_moves_to_the_next_allowed_day(
    resource_aware: bool,
) -> None:
    net = _pair()
    # a would cut over on day 9 (finish 10): days 8 to 14 are blacked out for it.
    blackouts = build_blackouts([[(8, 10), (11, 14)], [], []])
    model = RiskModel(
        scenario="t", start=START, network=net, resource_aware=resource_aware, blackouts=blackouts
    )
    a, b, c = _finish(model)
    assert a == 16.0  # day 15, the first day after the blackout, at the same time of day
    assert b == 21.0
    # a starts later (day 6) instead of holding its people: c fits before it on a team of one
    assert c == 6.0
    plain = _finish(RiskModel(scenario="t", start=START, network=net, resource_aware=False))
    assert plain.tolist() == [10.0, 15.0, 6.0]


def test_a_cut_over_outside_every_blackout_does_not_move() -> None:
    net = _pair()
    blackouts = build_blackouts([[(10, 14)], [(0, 14)], []])
    model = RiskModel(
        scenario="t", start=START, network=net, resource_aware=False, blackouts=blackouts
    )
    # a cuts over on day 9, before its blackout; b on day 14, the last blacked-out day: day 15
    assert _finish(model).tolist() == [10.0, 16.0, 6.0]


def test_the_sampling_kernel_honours_blackouts_like_the_forward_pass() -> None:
    net = triangular([f"a{i}" for i in range(5)], 2, 6, 15, edges=[("a0", "a1"), ("a1", "a2")])
    blackouts = build_blackouts([[(3, 5)], [(9, 12)], [(14, 20)], [], [(4, 4), (6, 9)]])
    fast = simulate_finish(net, key=7, n=500, parallel=False, blackouts=blackouts)
    from carveout.risk.sampling import sample_durations

    durations = sample_durations(net, key=7, n=500, stride=net.size)
    model = calendar_for(blackouts, (), np.zeros((500, 0), dtype=np.bool_), net.size)
    assert model is not None
    full = forward_pass(durations, net, calendar=model)
    np.testing.assert_array_equal(fast, full.max(axis=1))
    np.testing.assert_allclose(forward_pass_numpy(durations, net, calendar=model), full)
    assert not np.array_equal(full, forward_pass(durations, net))


def _window_model(window: tuple[float, float], probability: float = 1.0) -> RiskModel:
    net = triangular(["a", "b"], 10, 10, 10, edges=[("a", "b")])
    event = RiskEvent("W", probability, (20.0,), (0,), cost=5000.0, window=window)
    return RiskModel(
        scenario="t",
        start=START,
        network=net,
        resource_aware=False,
        sampling=SamplingOptions(events=(event,)),
        hosting=hosting(2),
    )


def test_a_window_risk_does_not_strike_work_cutting_over_outside_its_window() -> None:
    batch = run_batch(_window_model((0, 5)), 0, np.random.SeedSequence(1), 100)
    assert np.all(batch.finish[:, 0] == 10.0) and np.all(batch.finish[:, 1] == 20.0)
    assert not batch.happened.any() and np.all(batch.risk_cost == 0)


def test_a_window_risk_strikes_work_cutting_over_inside_its_window_once() -> None:
    # a cuts over on day 9, inside days 5-12: 20 days later (day 29, outside: struck once)
    batch = run_batch(_window_model((5, 12)), 0, np.random.SeedSequence(1), 100)
    assert np.all(batch.finish[:, 0] == 30.0) and np.all(batch.finish[:, 1] == 40.0)
    assert batch.happened.all() and np.all(batch.risk_cost == 5000.0)
    # a cuts over in January, b (day 39) in February: £1,000 + £2,000 of hosting, £5,000 risk
    assert batch.cost is not None and np.all(batch.cost == 3000.0 + 5000.0)


def test_a_window_risk_strikes_with_its_probability() -> None:
    samples = simulate(_window_model((5, 12), 0.3), runs=20_000, seed=3, batch_size=5000)
    struck = samples.finish[:, 0] == 30.0
    assert np.all(samples.finish[~struck, 0] == 10.0)
    assert struck.mean() == pytest.approx(0.3, abs=4 * np.sqrt(0.21 / 20_000))
    assert samples.risk_cost.mean() == pytest.approx(5000.0 * struck.mean())


def _random(seed: int, capacity: float):  # type: ignore[no-untyped-def]
    rng = np.random.default_rng(seed)
    m = 20
    names = [f"s{i}" for i in range(m)]
    edges = [(names[i], names[j]) for j in range(m) for i in rng.choice(m, 2) if i < j]
    net = build_network(
        names=names,
        estimates=[(2, 5, 14)] * m,
        edges=edges,
        teams={"A": [(0.0, capacity)], "B": [(0.0, capacity), (30.0, 2 * capacity)]},
        team_of=[("A", "B")[i % 2] for i in range(m)],
        demand=rng.integers(1, 3, m),
    )
    firsts = rng.integers(5, 60, m)
    spans = [[(float(a), float(a + rng.integers(0, 6)))] if a % 2 else [] for a in firsts]
    events = (
        RiskEvent("W1", 0.5, (7.0, 4.0), (1, 5), window=(10.0, 30.0)),
        RiskEvent("W2", 0.4, (3.0,), (5,), window=(0.0, 40.0)),
        RiskEvent("R", 0.3, (6.0,), (2,)),
    )
    happened = rng.random((40, 3)) < [0.5, 0.4, 0.3]
    durations = rng.uniform(2, 14, (40, m))
    return net, build_blackouts(spans), events, happened, durations


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_compiled_passes_match_their_plain_oracles_with_calendars(seed: int) -> None:
    net, blackouts, events, happened, durations = _random(seed, 2.0)
    fast = calendar_for(blackouts, events, happened, net.size)
    slow = calendar_for(blackouts, events, happened, net.size)
    assert fast is not None and slow is not None
    scheduled = schedule(durations, net, calendar=fast)
    for s in range(durations.shape[0]):
        oracle = schedule_python(list(durations[s]), net, calendar=slow, sample=s)
        np.testing.assert_array_equal(oracle, scheduled[s])
    np.testing.assert_array_equal(fast.struck, slow.struck)
    passed = calendar_for(blackouts, events, happened, net.size)
    numpy = calendar_for(blackouts, events, happened, net.size)
    assert passed is not None and numpy is not None
    np.testing.assert_array_equal(
        forward_pass(durations, net, calendar=passed),
        forward_pass_numpy(durations, net, calendar=numpy),
    )
    np.testing.assert_array_equal(passed.struck, numpy.struck)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_with_people_to_spare_both_passes_agree_on_blackouts_and_windows(seed: int) -> None:
    net, blackouts, events, happened, durations = _random(seed, 100.0)
    one = calendar_for(blackouts, events, happened, net.size)
    two = calendar_for(blackouts, events, happened, net.size)
    assert one is not None and two is not None
    np.testing.assert_array_equal(
        schedule(durations, net, calendar=one), forward_pass(durations, net, calendar=two)
    )
    np.testing.assert_array_equal(one.struck, two.struck)
    assert one.struck.any() and not one.struck.all()


def test_no_blackout_and_no_window_gives_no_calendar() -> None:
    happened = np.zeros((3, 1), dtype=np.bool_)
    assert calendar_for(None, (RiskEvent("R", 0.5, (1.0,), (0,)),), happened, 2) is None
    assert calendar_for(no_blackouts(2), (), happened[:, :0], 2) is None


@pytest.mark.parametrize("capacity", [2.0, 100.0])
def test_no_cut_over_lands_in_one_of_its_blackouts(capacity: float) -> None:
    net, blackouts, events, happened, durations = _random(4, capacity)
    calendar = calendar_for(blackouts, events, happened, net.size)
    assert calendar is not None
    for finish in (
        schedule(durations, net, calendar=calendar),
        forward_pass(durations, net, calendar=calendar),
    ):
        day = np.ceil(finish - 1e-9) - 1
        for j in range(net.size):
            for b in range(blackouts.ptr[j], blackouts.ptr[j + 1]):
                inside = (day[:, j] >= blackouts.first[b]) & (day[:, j] <= blackouts.last[b])
                assert not inside.any()
    moved = forward_pass(durations, net, calendar=calendar) != forward_pass(durations, net)
    assert moved.any()
