"""The CP-SAT model honours every constraint kind and reports status, bound and gap."""

from __future__ import annotations

from ortools.sat.python import cp_model

from carveout.planning.rcpsp import (
    Activity,
    Instance,
    Precedence,
    Progress,
    Resource,
    ScheduleModel,
    SolverConfig,
    violations,
)

FAST = SolverConfig(time_limit=5.0, workers=2, seed=1)


def job(name: str, duration: int, demand: int = 1, **extra: object) -> Activity:
    return Activity(name, duration, (demand,), **extra)  # type: ignore[arg-type]


def solve_makespan(instance: Instance, config: SolverConfig = FAST) -> tuple[int, tuple[int, ...]]:
    model = ScheduleModel(instance, config)
    model.minimise_makespan()
    solution = model.solve()
    assert solution.status == "optimal", solution
    assert solution.makespan is not None
    assert violations(instance, solution.starts) == []
    return solution.makespan, solution.starts


def test_hand_checked_optimum_with_a_crew_that_cannot_run_both_big_jobs(
    chain_and_pair: Instance,
) -> None:
    span, starts = solve_makespan(chain_and_pair)
    assert span == 8
    c, d = starts[2], starts[3]
    assert abs(c - d) >= 4


def test_optimal_solution_reports_a_bound_equal_to_the_objective_and_no_gap(
    chain_and_pair: Instance,
) -> None:
    model = ScheduleModel(chain_and_pair, FAST)
    model.minimise_makespan()
    solution = model.solve()
    assert solution.bound == solution.objective == 8
    assert solution.gap == 0.0
    assert solution.heuristic_makespan is not None and solution.heuristic_makespan >= 8


def test_three_unit_jobs_on_a_crew_of_two_need_two_periods() -> None:
    instance = Instance(tuple(job(n, 1) for n in "ABC"), (Resource("crew", 2),))
    assert solve_makespan(instance)[0] == 2


def test_release_date_delays_the_start() -> None:
    instance = Instance((job("A", 2, release=5), job("B", 1)), (Resource("crew", 1),))
    span, starts = solve_makespan(instance)
    assert starts[0] >= 5 and span == 7


def test_deadline_forces_the_order_on_a_single_crew() -> None:
    # Without the deadline either order is optimal; with it, B must go first.
    instance = Instance((job("A", 3), job("B", 2, deadline=2)), (Resource("crew", 1),))
    span, starts = solve_makespan(instance)
    assert starts[1] == 0 and starts[0] == 2 and span == 5


def test_fixed_start_is_kept_even_when_earlier_would_be_shorter() -> None:
    instance = Instance((job("A", 2, fixed_start=4), job("B", 2)), (Resource("crew", 1),))
    _, starts = solve_makespan(instance)
    assert starts[0] == 4


def test_forbidden_end_window_pushes_the_cut_over_past_the_blackout() -> None:
    instance = Instance((job("A", 3, forbidden_ends=((2, 6),)),), (Resource("crew", 1),))
    span, starts = solve_makespan(instance)
    assert starts[0] == 3 and span == 6


def test_capacity_profile_with_a_holiday_gap_moves_work_after_it() -> None:
    # The crew is away on [1, 4): a 2-period job cannot fit before, so it starts at 4.
    crew = Resource("crew", 1, profile=((1, 4, 0),))
    instance = Instance((job("A", 2),), (crew,))
    span, starts = solve_makespan(instance)
    assert starts[0] == 4 and span == 6


def test_capacity_profile_with_extra_people_lets_jobs_run_in_parallel() -> None:
    # Two people only on [0, 3): both 3-period jobs fit there together.
    crew = Resource("crew", 1, profile=((0, 3, 2),))
    instance = Instance((job("A", 3), job("B", 3)), (crew,))
    assert solve_makespan(instance)[0] == 3


def test_together_group_starts_at_the_same_time() -> None:
    instance = Instance(
        (job("A", 2), job("B", 1, release=3), job("C", 4)),
        (Resource("crew", 3),),
        together=((0, 1),),
    )
    _, starts = solve_makespan(instance)
    assert starts[0] == starts[1] == 3


def test_precedence_lag_keeps_a_gap_after_the_predecessor_ends() -> None:
    instance = Instance(
        (job("A", 2), job("B", 1)), (Resource("crew", 2),), (Precedence(0, 1, lag=3),)
    )
    span, starts = solve_makespan(instance)
    assert starts[1] == 5 and span == 6


def test_negative_lag_lets_the_successor_overlap_its_predecessor() -> None:
    instance = Instance(
        (job("A", 4, 0), job("B", 2, 0)), (Resource("crew", 1),), (Precedence(0, 1, lag=-3),)
    )
    span, starts = solve_makespan(instance)
    assert starts[1] == 1 and span == 4


def test_impossible_deadline_reports_infeasible_without_a_schedule() -> None:
    instance = Instance(
        (job("A", 3), job("B", 3, deadline=4)), (Resource("crew", 1),), (Precedence(0, 1),)
    )
    model = ScheduleModel(instance, FAST)
    model.minimise_makespan()
    solution = model.solve()
    assert solution.status == "infeasible"
    assert solution.starts == () and solution.makespan is None


def test_demand_above_any_capacity_is_infeasible() -> None:
    instance = Instance((job("A", 1, demand=3),), (Resource("crew", 2),))
    model = ScheduleModel(instance, FAST)
    model.minimise_makespan()
    assert model.solve().status == "infeasible"


def test_custom_objective_built_from_ends_is_minimised() -> None:
    # Weighted completion: the heavy job B should go first on the single crew.
    instance = Instance((job("A", 2), job("B", 2)), (Resource("crew", 1),))
    model = ScheduleModel(instance, FAST)
    model.minimise(model.ends[0] + 10 * model.ends[1])
    solution = model.solve()
    assert solution.status == "optimal"
    assert solution.starts == (2, 0)
    assert solution.objective == 4 + 10 * 2


def test_assumptions_name_the_constraint_that_makes_the_plan_impossible() -> None:
    instance = Instance((job("A", 3), job("B", 3)), (Resource("crew", 1),))
    model = ScheduleModel(instance, SolverConfig(time_limit=5.0, workers=1))
    early_a = model.model.new_bool_var("A by 3")
    early_b = model.model.new_bool_var("B by 3")
    harmless = model.model.new_bool_var("B after 0")
    model.model.add(model.ends[0] <= 3).only_enforce_if(early_a)
    model.model.add(model.ends[1] <= 3).only_enforce_if(early_b)
    model.model.add(model.starts[1] >= 0).only_enforce_if(harmless)
    solution = model.solve(assumptions=[early_a, early_b, harmless])
    assert solution.status == "infeasible"
    core = set(model.sufficient_assumptions_for_infeasibility())
    assert {early_a.index, early_b.index} <= core
    assert harmless.index not in core


def test_progress_is_reported_for_improving_solutions(chain_and_pair: Instance) -> None:
    seen: list[Progress] = []
    model = ScheduleModel(chain_and_pair, SolverConfig(time_limit=5.0, warm_start=False))
    model.minimise_makespan()
    model.solve(on_progress=seen.append)
    assert seen and seen[-1].objective == 8
    assert all(p.bound <= p.objective for p in seen)


def test_hint_from_a_previous_plan_is_accepted_and_solution_stays_valid(
    chain_and_pair: Instance,
) -> None:
    config = SolverConfig(time_limit=5.0, hint=(0, 3, 0, 4))
    span, _ = solve_makespan(chain_and_pair, config)
    assert span == 8


def test_same_instance_and_seed_give_the_same_schedule(chain_and_pair: Instance) -> None:
    config = SolverConfig(time_limit=5.0, seed=7, deterministic=True)
    first = solve_makespan(chain_and_pair, config)
    second = solve_makespan(chain_and_pair, config)
    assert first == second


def test_callers_can_add_constraints_to_the_model_directly() -> None:
    instance = Instance((job("A", 2), job("B", 2)), (Resource("crew", 2),))
    model = ScheduleModel(instance, FAST)
    model.model.add(model.starts[1] >= model.ends[0])
    model.minimise_makespan()
    solution = model.solve()
    assert solution.makespan == 4
    assert isinstance(model.model, cp_model.CpModel)


def test_hints_on_callers_own_variables_survive_every_solve(chain_and_pair: Instance) -> None:
    model = ScheduleModel(chain_and_pair, SolverConfig(time_limit=5.0, hint=(0, 3, 0, 4)))
    paid = model.model.new_bool_var("bridge paid")
    model.add_hint(paid, 1)
    model.add_hint(model.starts[1], 5)  # the caller's value wins over the start hint
    model.minimise_makespan()
    for _ in range(2):
        assert model.solve().feasible
        hint = model.model.proto.solution_hint
        pairs = list(zip(hint.vars, hint.values, strict=True))
        assert (paid.index, 1) in pairs
        assert (model.starts[0].index, 0) in pairs
        assert [v for v, _ in pairs].count(model.starts[1].index) == 1
        assert (model.starts[1].index, 5) in pairs


def test_capacity_below_its_peak_is_reserved_piece_by_piece() -> None:
    # Base 2; 4 on [3, 6); 1 on [8, 10); an entry before the origin is clipped to it.
    team = Resource("team", 2, ((3, 6, 4), (8, 10, 1), (-2, 1, 3)))

    assert team.peak == 4
    assert team.below_peak(12) == [(0, 1, 3), (1, 3, 2), (6, 8, 2), (8, 10, 1), (10, 12, 2)]
    assert Resource("flat", 3).below_peak(5) == []
    assert Resource("gone", 2, ((0, 5, -1),)).below_peak(5) == [(0, 5, 0)]
