"""Convergence: checked at widening intervals, stopping once both P80s settle, said in words."""

from __future__ import annotations

import itertools

import pytest

from carveout.risk.convergence import (
    ConvergenceInfo,
    checkpoints,
    convergence_sentence,
    is_stable,
    runs_to_try,
)
from carveout.risk.engine import simulate
from carveout.risk.model import RiskModel

from .conftest import START, hosting, triangular


def test_checks_widen_so_their_number_grows_with_the_log_of_the_batches() -> None:
    assert checkpoints(1) == [1]
    assert checkpoints(2) == [1, 2] and checkpoints(4) == [2, 3, 4]
    assert checkpoints(12) == [3, 5, 8, 12]
    marks = checkpoints(1600)
    assert marks[-1] == 1600 and len(marks) < 20
    assert all(b / a <= 1.67 for a, b in itertools.pairwise(marks[1:-1]))


def test_stable_means_both_p80s_moved_less_than_their_tolerances() -> None:
    assert is_stable((100.0,), (1e6,), 1.0, 0.005) is None
    assert is_stable((100.0, 100.5), (1e6, 1.004e6), 1.0, 0.005)
    assert not is_stable((100.0, 101.5), (1e6, 1.0e6), 1.0, 0.005)
    assert not is_stable((100.0, 100.0), (1e6, 1.01e6), 1.0, 0.005)
    assert is_stable((100.0, 100.2), (), 1.0, 0.005)


def test_a_deterministic_model_stops_at_the_second_check_and_says_it_is_stable() -> None:
    model = RiskModel(
        scenario="t",
        start=START,
        network=triangular(["a", "b"], 10, 10, 10, edges=[("a", "b")]),
        resource_aware=False,
        hosting=hosting(2),
    )
    samples = simulate(model, runs=100_000, seed=1, batch_size=1000, stop_early=True)
    conv = samples.convergence
    assert samples.runs == 5000 and conv.checks == (3000, 5000)
    assert conv.converged and conv.stable and conv.requested == 100_000
    assert conv.cost_history == (2 * 1000.0,) * 2  # two services, cut over in January
    assert convergence_sentence(conv) == (
        "Stable: P80 finish moved less than 1 day and P80 cost less than 0.5% over the last "
        "2,000 of 5,000 runs (stopped early)."
    )


def test_without_stopping_early_every_run_runs_and_is_still_judged() -> None:
    model = RiskModel(
        scenario="t", start=START, network=triangular(["a"], 1, 5, 30), resource_aware=False
    )
    samples = simulate(model, runs=12_000, seed=1, batch_size=1000)
    conv = samples.convergence
    assert samples.runs == 12_000 and not conv.converged
    assert conv.checks == (3000, 5000, 8000, 12_000) and conv.stable is not None


def test_an_unsettled_result_says_how_many_runs_to_try() -> None:
    info = ConvergenceInfo(
        tolerance=1.0,
        batches=5,
        runs=50_000,
        converged=False,
        p80_history=(500.0, 503.0),
        cost_history=(1e6, 1.001e6),
        checks=(30_000, 50_000),
        stable=False,
    )
    sentence = convergence_sentence(info)
    assert sentence.startswith("Not yet stable: over the last 20,000 of 50,000 runs")
    assert "moved 3.0 days" in sentence and sentence.endswith("Run with --runs 500,000.")
    assert runs_to_try(info) == 500_000


def test_a_single_batch_is_not_judged_and_asks_for_more_runs() -> None:
    info = ConvergenceInfo(
        tolerance=1.0, batches=1, runs=1000, converged=False, p80_history=(5.0,), checks=(1000,)
    )
    assert convergence_sentence(info) == (
        "Not checked: 1,000 runs ran as one batch, too few to tell whether the P80 has "
        "settled. Run with --runs 10,000."
    )


@pytest.mark.parametrize("runs", [4000, 7000])
def test_stopping_early_keeps_the_first_runs_of_the_full_run(runs: int) -> None:
    model = RiskModel(
        scenario="t", start=START, network=triangular(["a"], 1, 5, 30), resource_aware=False
    )
    early = simulate(model, runs=runs, seed=3, batch_size=500, tolerance=50, stop_early=True)
    full = simulate(model, runs=runs, seed=3, batch_size=500)
    assert early.runs < runs
    assert (full.finish[: early.runs] == early.finish).all()
