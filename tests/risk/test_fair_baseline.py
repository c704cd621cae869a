"""The benchmark's fair NumPy baseline computes the same finishes as the compiled pass and
samples the same Beta-PERT distribution, so the speed ratio compares like with like."""

from __future__ import annotations

import numpy as np

from benchmarks.risk_sim import fair_numpy
from carveout.risk.network import Network, build_network
from carveout.risk.precedence import forward_pass, simulate_finish


def _network(release: bool = False) -> Network:
    names = ["a", "b", "c", "d", "e"]
    edges = [("a", "b"), ("a", "c"), ("b", "d"), ("c", "d"), ("a", "d"), ("d", "e")]
    estimates = [(2.0, 3.0, 6.0), (1.0, 1.0, 1.0), (4.0, 5.0, 9.0), (0.0, 0.0, 0.0), (1, 2, 4)]
    return build_network(
        names=names,
        estimates=estimates,
        edges=edges,
        release=[0.0, 0.0, 7.5, 0.0, 0.0] if release else None,
    )


def _shapes(net: Network) -> tuple[np.ndarray, np.ndarray]:
    """Beta-PERT (λ = 4) shape parameters, worked out here rather than taken from the code."""
    standard = (net.mode - net.low) / np.where(net.high > net.low, net.high - net.low, 1.0)
    return (1 + 4 * standard)[:, None], (5 - 4 * standard)[:, None]


def _same_draws(net: Network, n: int, seed: int) -> np.ndarray:
    """The durations the baseline draws for one chunk of ``n`` samples, samples × activities."""
    alpha, beta = _shapes(net)
    drawn = np.random.default_rng(seed).beta(alpha, beta, size=(net.size, n))
    return np.ascontiguousarray((drawn * (net.high - net.low)[:, None] + net.low[:, None]).T)


def test_the_fair_baseline_finishes_as_the_compiled_pass_on_the_same_durations() -> None:
    for net in (_network(), _network(release=True)):
        durations = _same_draws(net, 3000, seed=5)

        expected = forward_pass(durations, net).max(axis=1)

        assert np.array_equal(fair_numpy(net, 3000, seed=5, chunk=3000), expected)


def test_the_fair_baseline_samples_the_distribution_the_compiled_pass_samples() -> None:
    net = _network()
    n = 200_000

    fair = fair_numpy(net, n, seed=1, chunk=10_000)
    compiled = simulate_finish(net, key=1, n=n)

    # Means within sampling error (sd about 1.3 days: 4 standard errors of the difference).
    assert abs(fair.mean() - compiled.mean()) < 4 * fair.std() * (2 / n) ** 0.5
    assert np.allclose(np.quantile(fair, [0.5, 0.8]), np.quantile(compiled, [0.5, 0.8]), atol=0.03)


def test_the_table_baseline_draws_what_the_compiled_sampler_draws_from_the_same_uniforms() -> None:
    from benchmarks.risk_sim import fair_draw_table
    from carveout.risk.sampling import durations_from_uniforms

    net = _network()
    u = np.random.default_rng(9).random((net.size, 1000))

    drawn = fair_draw_table(net, np.random.default_rng(9), 1000)

    assert np.allclose(drawn.T, durations_from_uniforms(net, u.T), rtol=0, atol=1e-12)
