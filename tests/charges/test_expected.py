"""Expected charges come from the one hosting definition: they add up to the plan's cost."""

from datetime import date

import pytest

from carveout.charges.expected import exits, expected_charges
from carveout.domain.dates import first_month_to_go
from carveout.domain.schedule import Direction, RatePeriod, ScheduleLine
from carveout.planning.calendar import month_start
from carveout.planning.planner import plan_scenario
from tests.charges.factories import START, line, tsa


@pytest.mark.parametrize("as_of", [START, date(2019, 2, 15)])
def test_every_expected_charge_to_go_adds_up_to_the_plans_hosting_cost(as_of: date) -> None:
    portfolio = tsa(
        line("A", 1_000, notice_months=2),
        line("B", 2_000, minimum_term_months=4),
        line("C", 3_000, notice_months=1),
    )
    plan = plan_scenario(
        portfolio=portfolio, scenario=portfolio.scenarios[0], as_of=as_of, time_limit=5
    )
    cut = {m.service: m.cutover for m in plan.migrations}
    rows = expected_charges(portfolio, exit_of=exits(portfolio, cut), as_of=as_of)
    first = first_month_to_go(as_of)

    assert plan.status != "infeasible"
    assert plan.hosting_cost > 0
    assert sum(r.amount for r in rows if r.month >= first) == pytest.approx(plan.hosting_cost)
    assert sum(r.step_up for r in rows if r.month >= first) == pytest.approx(plan.step_up_cost)
    for service, month in {(r.service, r.month) for r in rows}:
        assert month <= max(month_start(cut[service]), month)


def test_a_service_without_an_exit_is_expected_to_its_last_tranche_end() -> None:
    portfolio = tsa(line("A", 1_000))
    rows = expected_charges(portfolio, exit_of={}, as_of=START)

    assert [r.month.month for r in rows if r.service == "A"] == [1, 2, 3, 4, 5, 6]
    assert {r.payer for r in rows} == {"WW"} and {r.payee for r in rows} == {"WM"}


def test_charges_past_the_tranche_carry_the_extension_step_up() -> None:
    portfolio = tsa(line("A", 1_000))
    rows = expected_charges(portfolio, exit_of={"A": date(2019, 8, 10)}, as_of=START)
    august = next(r for r in rows if r.service == "A" and r.month == date(2019, 8, 1))

    assert (august.amount, august.step_up) == (1_200, 200)


def test_a_reverse_line_is_paid_by_the_provider_for_every_month_of_its_rates() -> None:
    reverse = ScheduleLine(
        code="T1/C-back",
        tranche="T1",
        service="C",
        direction=Direction.REVERSE,
        rates=(RatePeriod(start=START, end=date(2019, 3, 31), rate=400),),
    )
    portfolio = tsa(line("A", 1_000), reverse)
    rows = [r for r in expected_charges(portfolio, exit_of={}, as_of=START) if r.service == "C"]

    assert [(r.payer, r.amount) for r in rows] == [("WM", 400)] * 3
