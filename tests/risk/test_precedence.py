import itertools

import numpy as np

from carveout.risk.distributions import Shape
from carveout.risk.network import build_network
from carveout.risk.precedence import (
    forward_pass,
    forward_pass_numpy,
    forward_pass_python,
    simulate_finish,
)
from carveout.risk.sampling import durations_from_uniforms, sample_durations
from carveout.risk.streams import uniforms

from .conftest import programme, series, triangular


def test_two_parallel_triangular_activities_finish_by_their_mode_a_quarter_of_the_time() -> None:
    finish = programme(triangular(["a", "b"], 0, 5, 10), 200_000)
    # P(max ≤ 5) = P(X ≤ 5)² = 0.5² exactly.
    assert abs(np.mean(finish <= 5) - 0.25) < 0.005


def test_ten_triangular_activities_in_series_sum_their_means_and_variances() -> None:
    finish = programme(series(10, 2, 4, 9), 200_000)
    mean = (2 + 4 + 9) / 3
    var = (4 + 16 + 81 - 8 - 18 - 36) / 18
    assert abs(finish.mean() - 10 * mean) < 0.05
    assert abs(finish.var() - 10 * var) / (10 * var) < 0.03
    assert abs(10 * var - 21.667) < 1e-3


def test_merging_paths_make_the_critical_path_estimate_optimistic() -> None:
    # Four equal parallel PERT paths of three activities merge into one finish.
    names, edges = [], []
    for p in range(4):
        chain = [f"p{p}a{i}" for i in range(3)]
        names += chain
        edges += list(itertools.pairwise(chain))
    net = build_network(names=names, estimates=[(2, 4, 12)] * len(names), edges=edges)
    cpm_mean = 3 * (2 + 4 * 4 + 12) / 6
    cpm_sd = np.sqrt(3) * (12 - 2) / 6
    finish = programme(net, 50_000)
    target = cpm_mean + 0.5 * cpm_sd
    cpm_probability = 0.6915  # Φ(0.5): what the classical method claims
    assert finish.mean() > cpm_mean + 0.5
    assert np.mean(finish <= target) < cpm_probability - 0.2


def test_compiled_numpy_and_python_passes_agree_on_the_same_uniforms() -> None:
    rng = np.random.default_rng(4)
    names = [f"x{i}" for i in range(30)]
    edges = [(names[i], names[j]) for j in range(30) for i in rng.choice(30, 2) if i < j]
    net = build_network(names=names, estimates=[(1, 2, 6)] * 30, edges=edges)
    key = 12345
    drawn = sample_durations(net, key=key, n=500, stride=net.size)
    numpy_drawn = durations_from_uniforms(net, uniforms(key, 0, 500, net.size, net.size))
    assert np.array_equal(drawn, numpy_drawn)
    fast = forward_pass(drawn, net)
    assert np.array_equal(fast, forward_pass_numpy(numpy_drawn, net))
    assert np.array_equal(fast, forward_pass(drawn, net, parallel=False))
    assert np.array_equal(fast.max(axis=1), simulate_finish(net, key=key, n=500))
    assert np.array_equal(fast.max(axis=1), simulate_finish(net, key=key, n=500, parallel=False))
    preds = [list(net.predecessors(j)) for j in range(net.size)]
    slow = forward_pass_python(drawn[:20].tolist(), net.release.tolist(), preds)
    assert np.allclose(slow, fast[:20].max(axis=1))


def test_release_dates_hold_activities_back() -> None:
    net = build_network(
        names=["a", "b"],
        estimates=[(1, 1, 1), (2, 2, 2)],
        edges=[("a", "b")],
        shape=Shape.TRIANGULAR,
        release=[0, 10],
    )
    assert forward_pass(np.array([[1.0, 2.0]]), net).tolist() == [[1.0, 12.0]]
