from collections.abc import Callable
from datetime import date, timedelta

import pytest

from carveout.domain import (
    Blackout,
    Coupling,
    Dependency,
    MigrationStatus,
    Objective,
    Portfolio,
)
from carveout.errors import CarveoutError
from carveout.planning.incumbent import hint_model
from carveout.planning.plan import Plan
from carveout.planning.planner import plan_scenario
from carveout.planning.prepare import build_separation
from carveout.planning.rcpsp import SolverConfig
from carveout.planning.terms import build_model

Build = Callable[..., Portfolio]
START = date(2019, 1, 7)


def _plan(portfolio: Portfolio, time_limit: float = 3, **kwargs: object) -> Plan:
    return plan_scenario(
        portfolio=portfolio,
        scenario=portfolio.scenarios[0],
        time_limit=time_limit,
        **kwargs,  # type: ignore[arg-type]
    )


def _cut(plan: Plan) -> dict[str, date]:
    return {m.service: m.cutover for m in plan.migrations}


def _week(n: int) -> date:
    """The cut-over date of a migration ending after ``n`` weeks."""
    return START + timedelta(days=7 * n - 1)


def test_one_person_does_the_work_one_migration_after_another(build: Build) -> None:
    portfolio = build(
        work={"A": (10, 10), "B": (5, 5), "C": (15, 15)},
        scenario={"objective": Objective.FINISH},
    )
    plan = _plan(portfolio)
    assert plan.status == "optimal"
    assert plan.finish == _week(6)  # 30 person-days by one person = 6 weeks
    assert plan.objective_value == plan.bound == 6


def test_two_people_run_two_migrations_side_by_side(build: Build) -> None:
    portfolio = build(
        work={"A": (10, 10), "B": (10, 10)}, teams={"T": 2.0}, scenario={"objective": "finish"}
    )
    assert set(_cut(_plan(portfolio)).values()) == {_week(2)}


def test_services_coupled_together_cut_over_on_the_same_day(build: Build) -> None:
    portfolio = build(
        work={"A": (5, 5), "B": (5, 15), "C": (5, 5)},
        teams={"T": 3.0},
        dependencies=[Dependency(service="A", depends_on="B", coupling=Coupling.TOGETHER)],
    )
    cut = _cut(_plan(portfolio))
    assert cut["A"] == cut["B"] == _week(3)
    assert cut["C"] == _week(1)


def test_a_before_dependency_makes_the_dependent_wait_for_the_cutover(build: Build) -> None:
    portfolio = build(
        work={"A": (5, 5), "B": (10, 10)},
        teams={"T": 5.0},
        dependencies=[Dependency(service="A", depends_on="B", coupling=Coupling.BEFORE)],
    )
    plan = _plan(portfolio)
    by = {m.service: m for m in plan.migrations}
    assert by["A"].start > by["B"].cutover
    assert plan.critical_chain == ("B", "A")


@pytest.mark.parametrize(("bridge_cost", "bridged"), [(100, True), (1_000_000, False)])
def test_a_bridgeable_dependency_is_bridged_only_when_cheaper_than_waiting(
    build: Build, bridge_cost: float, bridged: bool
) -> None:
    # Waiting would keep A hosted 10 weeks longer (about £10,000 at £52,000 a year).
    dependency = Dependency(
        service="A",
        depends_on="B",
        coupling=Coupling.BRIDGEABLE,
        bridge_cost=bridge_cost,
        bridge_effort=2,
    )
    portfolio = build(
        work={"A": (5, 5), "B": (50, 50)}, teams={"T": 2.0}, dependencies=[dependency]
    )
    plan = _plan(portfolio)
    assert (plan.bridged == ("A->B",)) is bridged
    assert plan.bridge_cost == (bridge_cost if bridged else 0)
    cut = _cut(plan)
    assert (cut["A"] < cut["B"]) is bridged


def test_bridge_effort_loads_the_dependent_service_team(build: Build) -> None:
    dependency = Dependency(
        service="A", depends_on="B", coupling=Coupling.BRIDGEABLE, bridge_cost=1, bridge_effort=5
    )
    portfolio = build(
        work={"A": (5, 5), "B": (50, 50)},
        teams={"T": 1.0, "U": 1.0},
        team_of={"B": "U"},
        dependencies=[dependency],
        scenario={"objective": "finish"},
    )
    plan = _plan(portfolio)
    by = {m.service: m for m in plan.migrations}
    # A bridged alongside B would need two people of team T for a week: it must wait or bridge
    # over two weeks' worth of team T, so it cannot finish in its first week.
    assert by["A"].cutover > _week(1) or plan.bridged == ()


def test_no_service_cuts_over_in_a_blackout(build: Build) -> None:
    blackout = Blackout(code="XMAS", start=_week(1) - timedelta(days=3), end=_week(3))
    portfolio = build(work={"A": (5, 5)}, blackouts=(blackout,))
    cut = _cut(_plan(portfolio))
    assert cut["A"] == _week(4)


def test_work_under_way_stays_at_its_actual_start(build: Build) -> None:
    portfolio = build(
        work={"A": (10, 10), "B": (10, 10), "C": (5, 5)},
        migrations={
            "B": {
                "status": MigrationStatus.IN_PROGRESS,
                "actual_start": START + timedelta(days=21),
            },
            "C": {
                "status": MigrationStatus.CUT_OVER,
                "actual_start": date(2018, 11, 1),
                "actual_end": date(2018, 12, 1),
            },
        },
    )
    as_of = START + timedelta(days=28)
    plan = _plan(portfolio, as_of=as_of)
    by = {m.service: m for m in plan.migrations}
    assert plan.as_of == as_of
    assert by["B"].start == START + timedelta(days=21) and by["B"].frozen
    assert by["C"].cutover == date(2018, 12, 1) and by["C"].wave == 0
    assert all(m.start >= as_of for m in plan.migrations if not m.frozen)
    first_month = [h for h in plan.burn_down if h.month == date(2019, 1, 1)]
    assert [h.services for h in first_month] == [2]  # C left before the scenario began


def test_an_impossible_deadline_names_the_deadline_and_the_team_capacity(build: Build) -> None:
    portfolio = build(
        work={"Custody": (20, 10), "Crime": (20, 10), "Pay": (5, 5)},
        teams={"Infrastructure": 1.0},
        scenario={"deadline": date(2019, 2, 3)},
    )
    plan = _plan(portfolio)
    assert plan.status == "infeasible"
    assert not plan.migrations
    text = " ".join(f"{c.constraint} {c.detail}" for c in plan.conflicts)
    assert "deadline 03 Feb 2019" in text
    assert "Infrastructure team in 2019 Q1" in text
    assert "has 20" in text
    assert plan.earliest_feasible_deadline == _week(9)  # 45 person-days by one person


def test_a_soft_deadline_lets_the_plan_finish_late_and_pay_for_it(build: Build) -> None:
    portfolio = build(
        work={"A": (10, 10), "B": (10, 10)},
        scenario={"deadline": _week(3), "lateness_penalty": 10},
    )
    plan = _plan(portfolio)
    assert plan.feasible
    late = [m for m in plan.migrations if m.late_days]
    assert [m.late_days for m in late] == [7]
    assert plan.lateness_cost == 70


def test_the_plan_lists_hosting_tranches_nested_by_end_date(build: Build) -> None:
    portfolio = build(work={"A": (20, 20), "B": (20, 20), "C": (20, 60)})
    plan = _plan(portfolio)
    ends = [t.until for t in plan.tranches]
    assert ends == sorted(ends)
    sizes = [len(t.services) for t in plan.tranches]
    assert sizes == sorted(sizes, reverse=True) and sizes[0] == 3
    # No tranche lists them: still shared, they cost running cost, not transitional hosting.
    assert plan.hosting_cost == 0 and plan.running_cost > 0
    # Contracted to the quarter end after each cut-over: never less than the plan's own cost.
    assert sum(t.cost for t in plan.tranches) >= plan.running_cost


def test_the_same_inputs_and_seed_give_the_same_plan(build: Build) -> None:
    portfolio = build(
        work={f"S{i}": (5 + i % 4 * 5, 5 + i % 3 * 5) for i in range(12)}, teams={"T": 2.0}
    )
    first = _plan(portfolio, time_limit=0.3, seed=3)
    second = _plan(portfolio, time_limit=0.3, seed=3)
    assert first.migrations == second.migrations


def test_replanning_after_one_estimate_changes_moves_few_other_services(build: Build) -> None:
    work = {f"S{i:02d}": (5.0 + i % 3 * 5, 5.0 + i % 3 * 5) for i in range(10)}
    before = _plan(build(work=work, teams={"T": 2.0}), time_limit=1)
    work["S05"] = (work["S05"][0] + 5, work["S05"][1] + 5)
    after = _plan(build(work=work, teams={"T": 2.0}), time_limit=1, previous=before)
    old, new = _cut(before), _cut(after)
    moved = [s for s in old if s != "S05" and old[s] != new[s]]
    assert len(moved) <= 2
    assert all(abs((new[s] - old[s]).days) <= 7 for s in moved)


def test_a_before_dependency_inside_a_together_group_is_reported_as_a_loop(build: Build) -> None:
    portfolio = build(
        work={"A": (5, 5), "B": (5, 5)},
        dependencies=[
            Dependency(service="A", depends_on="B", coupling=Coupling.TOGETHER),
            Dependency(service="B", depends_on="A", coupling=Coupling.BEFORE),
        ],
    )
    with pytest.raises(CarveoutError, match="A before B form a loop"):
        _plan(portfolio)


def test_a_chain_too_long_for_the_deadline_is_named_in_order(build: Build) -> None:
    portfolio = build(
        work={"A": (10, 50), "B": (10, 50)},
        teams={"T": 5.0},
        dependencies=[Dependency(service="B", depends_on="A", coupling=Coupling.BEFORE)],
        scenario={"deadline": _week(15)},
    )
    plan = _plan(portfolio)
    assert plan.status == "infeasible"
    assert any("the chain A → B cannot cut over before" in c.detail for c in plan.conflicts)
    assert plan.earliest_feasible_deadline == _week(20)


@pytest.mark.parametrize(("a_start", "paid"), [(0, 1), (20, 0)])
def test_a_bridge_is_hinted_as_paid_only_when_the_hinted_dates_need_it(
    build: Build, a_start: int, paid: int
) -> None:
    dependency = Dependency(
        service="A", depends_on="B", coupling=Coupling.BRIDGEABLE, bridge_cost=100
    )
    portfolio = build(
        work={"A": (5, 5), "B": (50, 50)}, teams={"T": 2.0}, dependencies=[dependency]
    )
    separation = build_separation(portfolio=portfolio, scenario=portfolio.scenarios[0])
    model = build_model(separation, SolverConfig(time_limit=1.0, warm_start=False))
    index = {m.service: m.index for m in separation.moves}
    hint = [0, 0]
    hint[index["A"]] = a_start
    hint_model(model, tuple(hint))
    model.core.minimise(model.cost())
    model.core.solve()
    given = model.core.model.proto.solution_hint
    assert (model.bridged[0].index, paid) in zip(given.vars, given.values, strict=True)


def test_a_replans_bound_is_a_bound_on_cost_not_on_cost_plus_the_moving_penalty(
    build: Build,
) -> None:
    """Regression: a replan reported CP-SAT's bound of cost + the penalty for moving as its
    lower bound on cost, above what a plan from scratch was proven to cost."""
    work = {f"S{i:02d}": (5.0 + i % 3 * 5, 5.0 + i % 3 * 5) for i in range(10)}
    before = _plan(build(work=work, teams={"T": 2.0}), time_limit=1)
    work["S05"] = (work["S05"][0] + 10, work["S05"][1] + 10)
    work["S01"] = (1.0, 1.0)
    changed = build(work=work, teams={"T": 2.0})
    replanned = _plan(changed, time_limit=1, previous=before)
    fresh = _plan(changed, time_limit=5)
    assert fresh.status == "optimal" and fresh.objective_value is not None
    assert replanned.bound is not None and replanned.objective_value is not None
    assert replanned.bound <= fresh.objective_value < replanned.objective_value
    assert replanned.status == "feasible"  # proven best for cost + penalty, not for cost
