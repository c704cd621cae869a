"""The solver settings follow the size of the network, the objective and determinism."""

from __future__ import annotations

from ortools.sat.python import cp_model

from carveout.planning.rcpsp import SolverConfig
from carveout.planning.rcpsp.parameters import SMALL_NETWORK, configure


def configured(config: SolverConfig, *, size: int, makespan: bool = False) -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    configure(solver.parameters, config, 10.0, size=size, makespan=makespan)
    return solver


def test_small_makespan_problem_splits_one_search_tree_between_the_workers() -> None:
    params = configured(SolverConfig(workers=2), size=SMALL_NETWORK, makespan=True).parameters
    assert params.shared_tree_num_workers == 2
    assert params.linearization_level == 0


def test_small_cost_problem_keeps_the_lp_and_a_lower_bound_search() -> None:
    params = configured(SolverConfig(workers=2), size=SMALL_NETWORK, makespan=False).parameters
    assert params.shared_tree_num_workers != 2
    assert list(params.subsolvers) == ["default_lp", "objective_lb_search"]


def test_deterministic_small_problem_does_not_share_a_tree() -> None:
    config = SolverConfig(workers=2, deterministic=True)
    params = configured(config, size=10, makespan=True).parameters
    assert params.shared_tree_num_workers != 2
    assert params.interleave_search
    assert list(params.subsolvers) == ["no_lp", "objective_lb_search"]


def test_one_worker_cannot_share_a_tree() -> None:
    params = configured(SolverConfig(workers=1), size=10, makespan=True).parameters
    assert params.num_workers == 1
    assert list(params.subsolvers) == ["no_lp", "objective_lb_search"]


def test_large_problem_leaves_out_the_subsolvers_that_do_not_help_it() -> None:
    params = configured(SolverConfig(workers=2), size=SMALL_NETWORK + 100, makespan=True).parameters
    assert "fj" in params.ignore_subsolvers
    assert params.shared_tree_num_workers != 2
