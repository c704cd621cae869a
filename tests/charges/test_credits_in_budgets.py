"""Service credits reach the charges view: each party's budget line is owed net of them."""

from datetime import date

import pytest

from carveout.charges.credits import service_credits
from carveout.charges.expected import exits, expected_charges
from carveout.charges.report import charges_view
from carveout.demo import demo_portfolio
from carveout.demo.service_levels import demo_measurements

AS_OF = date(2022, 10, 1)


def test_each_budget_line_sets_off_its_partys_credits_and_is_owed_net_of_them() -> None:
    portfolio = demo_portfolio()
    expected = expected_charges(portfolio, exit_of=exits(portfolio, {}), as_of=AS_OF)
    made = demo_measurements(portfolio.service_levels, portfolio.schedule_lines, expected)
    measured = portfolio.replace(service_level_measurements=made)

    view = charges_view(portfolio=measured, plan=None, as_of=AS_OF)
    due = service_credits(measured, expected, as_of=AS_OF)

    with_credit = [b for b in view.budgets if b.credits]
    assert with_credit, "the planted breaches earn credits"
    assert sum(b.credits for b in view.budgets) == pytest.approx(due.total, abs=0.005)
    for b in view.budgets:
        assert b.net == pytest.approx(b.expected - b.credits, abs=0.005)
        if b.budget is not None:
            assert b.headroom == pytest.approx(b.budget - b.net, abs=0.005)
    # without measurements nothing is set off and what is owed is what is expected
    plain = charges_view(portfolio=portfolio, plan=None, as_of=AS_OF)
    assert all(b.credits == 0 and b.net == b.expected for b in plain.budgets)
