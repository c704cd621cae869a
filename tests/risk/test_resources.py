import numpy as np

from carveout.risk.network import build_network
from carveout.risk.resources import schedule
from carveout.risk.sgs_oracle import schedule_python

from .conftest import programme, series, triangular


def test_one_unit_of_capacity_turns_two_parallel_activities_into_a_series() -> None:
    parallel = triangular(["a", "b"], 0, 5, 10, teams={"T": [(0.0, 1.0)]}, team_of=["T", "T"])
    constrained = programme(parallel, 50_000, resource_aware=True)
    chained = programme(series(2, 0, 5, 10), 50_000)
    # The same seed draws the same durations, so the finishes agree sample by sample.
    assert np.allclose(constrained, chained)
    assert abs(constrained.mean() - 10) < 0.05


def test_capacity_that_changes_over_time_is_respected() -> None:
    net = build_network(
        names=["a", "b", "c"],
        estimates=[(1, 2, 3)] * 3,
        teams={"T": [(0.0, 2.0), (5.0, 1.0)]},
        team_of=["T"] * 3,
        demand=[1, 1, 1],
    )
    finish = schedule(np.array([[2.0, 3.0, 4.0]]), net)
    # c fits beside b from day 2 (a done); from day 5 one person remains, enough for c alone.
    assert finish.tolist() == [[2.0, 3.0, 6.0]]


def test_compiled_schedule_matches_a_plain_python_oracle() -> None:
    rng = np.random.default_rng(8)
    m = 25
    names = [f"s{i}" for i in range(m)]
    edges = [(names[i], names[j]) for j in range(m) for i in rng.choice(m, 2) if i < j]
    net = build_network(
        names=names,
        estimates=[(2, 5, 14)] * m,
        edges=edges,
        teams={"A": [(0.0, 2.0), (20.0, 3.0)], "B": [(0.0, 1.0)]},
        team_of=[("A", "B")[i % 2] for i in range(m)],
        demand=rng.integers(1, 3, m),
    )
    durations = rng.uniform(2, 14, (30, m))
    fast = schedule(durations, net)
    assert np.array_equal(fast, schedule(durations, net, parallel=False))
    for s in range(30):
        assert np.allclose(schedule_python(list(durations[s]), net), fast[s])


def test_work_ready_before_the_clock_starts_is_scheduled_on_the_first_capacity_level() -> None:
    # A plan that began before its data date releases work at negative times; the team's
    # first level holds before its first step (this used to read outside the kernel's
    # arrays and crash the process).
    net = build_network(
        names=["a", "b"],
        estimates=[(1, 2, 3)] * 2,
        release=[-30.0, -10.0],
        teams={"T": [(0.0, 1.0), (5.0, 2.0)]},
        team_of=["T", "T"],
        demand=[1, 1],
    )
    durations = np.array([[25.0, 10.0]])
    finish = schedule(durations, net)
    # a runs -30 → -5; b waits for the one person until -5, then runs to 5.
    assert finish.tolist() == [[-5.0, 5.0]]
    assert schedule_python([25.0, 10.0], net) == [-5.0, 5.0]
