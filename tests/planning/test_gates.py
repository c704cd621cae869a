"""The planner holds a service's cut-over until its exit gate can pass."""

from collections.abc import Callable
from datetime import date, timedelta

from carveout.domain import Portfolio
from carveout.domain.readiness import CriterionStatus, ExitCriterion
from carveout.planning.planner import plan_scenario
from carveout.planning.prepare import build_separation

Build = Callable[..., Portfolio]
START = date(2019, 1, 7)


def _week(n: int) -> date:
    return START + timedelta(days=7 * n - 1)


def _criterion(code: str, service: str, due: date, status: CriterionStatus) -> ExitCriterion:
    return ExitCriterion(
        code=code, service=service, criterion="Users trained", due=due, status=status
    )


def _cutovers(portfolio: Portfolio) -> dict[str, date]:
    plan = plan_scenario(portfolio=portfolio, scenario=portfolio.scenarios[0], time_limit=3)
    return {m.service: m.cutover for m in plan.migrations}


def test_a_service_is_not_planned_to_cut_over_before_its_gate_can_pass(build: Build) -> None:
    gate = _week(8) - timedelta(days=2)
    criteria = (_criterion("A-1", "A", gate, CriterionStatus.IN_PROGRESS),)
    free = _cutovers(build(work={"A": (5, 5)}))
    held = _cutovers(build(work={"A": (5, 5)}, exit_criteria=criteria))
    assert free["A"] == _week(1)
    assert held["A"] >= gate
    assert held["A"] == _week(8)


def test_met_or_waived_criteria_hold_nothing(build: Build) -> None:
    criteria = (
        _criterion("A-1", "A", _week(8), CriterionStatus.MET),
        _criterion("A-2", "A", _week(9), CriterionStatus.WAIVED),
    )
    assert _cutovers(build(work={"A": (5, 5)}, exit_criteria=criteria))["A"] == _week(1)


def test_the_latest_unmet_due_date_is_the_earliest_cutover_and_is_noted(build: Build) -> None:
    criteria = (
        _criterion("A-1", "A", _week(3), CriterionStatus.NOT_STARTED),
        _criterion("A-2", "A", _week(5), CriterionStatus.IN_PROGRESS),
        _criterion("A-3", "A", _week(20), CriterionStatus.MET),
    )
    portfolio = build(work={"A": (5, 5)}, exit_criteria=criteria)
    separation = build_separation(portfolio=portfolio, scenario=portfolio.scenarios[0])
    move = separation.moves[0]
    assert move.release + move.duration == 5
    assert any("exit gate" in note and "A cannot cut over" in note for note in separation.notes)


def test_a_criterion_recorded_after_the_data_date_does_not_hold_the_plan(build: Build) -> None:
    later = ExitCriterion(
        code="A-1",
        service="A",
        criterion="Contract novated",
        due=_week(8),
        status=CriterionStatus.IN_PROGRESS,
        recorded=START + timedelta(days=30),
    )
    portfolio = build(work={"A": (5, 5)}, exit_criteria=(later,))
    assert _cutovers(portfolio)["A"] == _week(1)
    known = portfolio.replace(exit_criteria=(later.model_copy(update={"recorded": START}),))
    assert _cutovers(known)["A"] == _week(8)
