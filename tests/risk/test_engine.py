import dataclasses
import warnings
from collections.abc import Callable

import numpy as np
import pytest

from carveout.risk.branches import ExtensionCharge
from carveout.risk.calendars import build_blackouts
from carveout.risk.correlation import group_correlation
from carveout.risk.engine import simulate
from carveout.risk.events import RiskEvent
from carveout.risk.model import RiskModel
from carveout.risk.sampling import SamplingOptions

from .conftest import START, hosting, triangular

# distributed's LocalCluster may warn about ports and event-loop details in CI sandboxes.
pytestmark = [
    pytest.mark.filterwarnings("ignore::ResourceWarning"),
    pytest.mark.filterwarnings("ignore::UserWarning:distributed.*"),
]


def _model() -> RiskModel:
    names = [f"a{i}" for i in range(6)]
    net = triangular(
        names,
        1,
        3,
        8,
        edges=[("a0", "a2"), ("a1", "a2"), ("a2", "a3")],
        teams={"T": [(0.0, 2.0)], "U": [(0.0, 1.0)]},
        team_of=["T", "T", "U", "T", "U", "U"],
    )
    events = (RiskEvent("R", 0.2, (5.0,), (3,)),)
    options = SamplingOptions(
        latin_hypercube=True,
        correlation=group_correlation([int(t) for t in net.team], 0.5),
        events=events,
    )
    return RiskModel(scenario="t", start=START, network=net, sampling=options, hosting=hosting(6))


def _calendar_model() -> RiskModel:
    """The model above with blackouts, a window risk and a risk that exercises an extension."""
    base = _model()
    events = (
        *base.sampling.events,
        RiskEvent("W", 0.5, (9.0, 4.0), (2, 4), cost=700.0, window=(2.0, 9.0)),
        RiskEvent("X", 0.3, (3.0,), (5,), extension="OPT"),
    )
    extension = ExtensionCharge(
        code="OPT",
        tranche="T",
        rows=np.array([3, 5, -1]),
        months=np.array([0, 1, 1]),
        charge=np.array([500.0, 250.0, 100.0]),
    )
    return dataclasses.replace(
        base,
        sampling=dataclasses.replace(base.sampling, events=events),
        blackouts=build_blackouts([[(3, 4)], [], [(5, 8)], [(6, 6), (10, 12)], [], []]),
        extensions=(extension,),
    )


def test_the_same_seed_reproduces_a_run_exactly_and_another_seed_does_not() -> None:
    a = simulate(_model(), runs=3000, seed=11, batch_size=1000)
    b = simulate(_model(), runs=3000, seed=11, batch_size=1000)
    c = simulate(_model(), runs=3000, seed=12, batch_size=1000)
    assert np.array_equal(a.finish, b.finish) and np.array_equal(a.critical, b.critical)
    assert not np.array_equal(a.finish, c.finish)


@pytest.mark.parametrize("make", [_model, _calendar_model], ids=["plain", "calendars"])
def test_dask_batches_give_the_same_result_as_local_batches(make: Callable[[], RiskModel]) -> None:
    distributed = pytest.importorskip("distributed")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        cluster = distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
        )
        client = distributed.Client(cluster)
    try:
        remote = simulate(make(), runs=4000, seed=5, batch_size=1000, client=client)
    finally:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            client.close()
            cluster.close()
    local = simulate(make(), runs=4000, seed=5, batch_size=1000)
    assert np.array_equal(remote.finish, local.finish)
    assert np.array_equal(remote.risk_cost, local.risk_cost)
    assert remote.extension is not None and local.extension is not None
    assert np.array_equal(remote.extension, local.extension)
    assert np.array_equal(remote.happened, local.happened)
    assert remote.cost is not None and np.array_equal(remote.cost, local.cost)
    assert remote.convergence == local.convergence


def test_a_run_stops_early_once_the_p80_has_converged() -> None:
    net = triangular(["a", "b"], 0, 5, 10)
    model = RiskModel(scenario="t", start=START, network=net, resource_aware=False)
    samples = simulate(
        model, runs=200_000, seed=1, batch_size=5000, tolerance=0.05, stop_early=True
    )
    conv = samples.convergence
    assert conv.converged and conv.stable and samples.runs < 200_000 and conv.batches >= 3
    assert abs(conv.p80_history[-1] - conv.p80_history[-2]) < 0.05
    whole = simulate(model, runs=200_000, seed=1, batch_size=5000)
    assert np.array_equal(whole.finish[: samples.runs], samples.finish)


def test_blackouts_windows_and_branches_change_a_run_and_a_seed_reproduces_it() -> None:
    a = simulate(_calendar_model(), runs=3000, seed=11, batch_size=1000)
    b = simulate(_calendar_model(), runs=3000, seed=11, batch_size=1000)
    plain = simulate(_model(), runs=3000, seed=11, batch_size=1000)
    assert np.array_equal(a.finish, b.finish) and np.array_equal(a.critical, b.critical)
    assert a.cost is not None and b.cost is not None and np.array_equal(a.cost, b.cost)
    assert not np.array_equal(a.finish, plain.finish)
    assert a.extension is not None and 0 < np.count_nonzero(a.extension) < a.runs
    struck = a.happened[:, 1]
    assert 0 < struck.mean() < 0.5  # the window risk happens in half the runs, strikes in fewer
