import numpy as np
from scipy import stats

from carveout.risk.correlation import group_correlation, iman_conover, rank_correlation
from carveout.risk.distributions import Shape, latin_hypercube, pert_ppf, quantile_table
from carveout.risk.events import RiskEvent
from carveout.risk.model import RiskModel
from carveout.risk.network import build_network
from carveout.risk.sampling import SamplingOptions, draw

from .conftest import START, run, triangular


def test_pert_table_matches_the_beta_distribution_at_every_tabulated_probability() -> None:
    table = quantile_table(Shape.PERT, 0.25)
    grid = np.linspace(0, 1, table.size)
    assert np.allclose(table[1:-1], stats.beta(2, 4).ppf(grid[1:-1]), atol=1e-9)
    assert np.allclose(pert_ppf(np.array([0.5]), 0.25), stats.beta(2, 4).median())


def test_latin_hypercube_puts_one_sample_in_each_stratum_of_every_column() -> None:
    rng = np.random.default_rng(2)
    u = latin_hypercube(rng.random((1000, 3)), rng)
    for column in u.T:
        assert sorted(np.floor(column * 1000).astype(int)) == list(range(1000))


def test_latin_hypercube_keeps_pert_marginals() -> None:
    net = build_network(names=["a"], estimates=[(10, 20, 40)])
    sample = draw(
        net, seed=np.random.SeedSequence(3), n=2000, options=SamplingOptions(latin_hypercube=True)
    ).durations[:, 0]
    scaled = (sample - 10) / 30
    assert stats.kstest(scaled, stats.beta(1 + 4 / 3, 1 + 8 / 3).cdf).pvalue > 0.01
    assert abs(sample.mean() - (10 + 80 + 40) / 6) < 0.05  # stratified: very close


def test_iman_conover_reaches_the_target_rank_correlation_and_keeps_values() -> None:
    rng = np.random.default_rng(5)
    u = rng.random((20_000, 4))
    target = group_correlation([0, 0, 1, -1], 0.6)
    out = iman_conover(u, target, rng)
    assert np.allclose(np.sort(out, axis=0), np.sort(u, axis=0))
    achieved = rank_correlation(out)
    assert abs(achieved[0, 1] - 0.6) < 0.03
    assert abs(achieved[0, 2]) < 0.03 and abs(achieved[2, 3]) < 0.03


def test_a_risk_event_shifts_the_mean_finish_by_probability_times_delay() -> None:
    net = triangular(["a", "b"], 4, 5, 6, edges=[("a", "b")])
    event = RiskEvent("R1", probability=0.3, delay=(10.0,), activities=(0,), cost=1000)
    with_risk = RiskModel(
        scenario="t",
        start=START,
        network=net,
        resource_aware=False,
        sampling=SamplingOptions(events=(event,)),
    )
    without = RiskModel(scenario="t", start=START, network=net, resource_aware=False)
    a, b = run(with_risk, 40_000), run(without, 40_000)
    assert abs((a.programme.mean() - b.programme.mean()) - 3.0) < 0.15
    assert abs(a.risk_cost.mean() - 300) < 15
    assert abs(a.happened.mean() - 0.3) < 0.01
