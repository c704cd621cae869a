"""The demonstration's exit readiness gates: 30 applications, one gate that holds the plan."""

import math
from datetime import date, timedelta

from carveout.demo.portfolio import demo_portfolio
from carveout.demo.readiness import HELD, HELD_UNTIL, RECORDED
from carveout.domain import validate
from carveout.domain.readiness import earliest_cutovers, service_gates
from carveout.planning.prepare import build_separation


def test_every_application_of_the_second_tranche_has_a_gate_and_the_portfolio_is_valid() -> None:
    portfolio = demo_portfolio()
    gates = service_gates(portfolio.exit_criteria, portfolio.exit_decisions)
    assert set(gates) == set(portfolio.tranche_by_code["TSA-T2"].services)
    assert len(gates) == 30
    states = {g.state for g in gates.values()}
    assert {"go", "no_go", "not_ready"} <= states
    assert validate(portfolio) == []


def test_only_the_evidence_system_gate_falls_due_after_the_work_could_finish() -> None:
    portfolio = demo_portfolio()
    for service, day in earliest_cutovers(portfolio.exit_criteria).items():
        migration = portfolio.migration_by_service[service]
        weeks = max(1, math.ceil(migration.duration.most_likely / 5))
        finish = RECORDED + timedelta(days=7 * weeks - 1)
        assert (day > finish) == (service == HELD), service
    assert earliest_cutovers(portfolio.exit_criteria)[HELD] == HELD_UNTIL


def test_plans_as_of_dates_before_the_gates_were_recorded_do_not_see_them() -> None:
    portfolio = demo_portfolio()
    for code, held in (("extended", False), ("tsa-2023", True)):
        separation = build_separation(
            portfolio=portfolio, scenario=portfolio.scenario_by_code[code]
        )
        move = next(m for m in separation.moves if m.service == HELD)
        cut = separation.calendar.cutover(move.release + move.duration)
        assert (cut >= HELD_UNTIL) == held, code
    assert date(2022, 2, 24) < HELD_UNTIL  # the cut-over the 2023 plan gave DEMS without its gate
