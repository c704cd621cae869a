"""Invoices matched to expected charges: each reason, the tolerance, budgets by party."""

from datetime import date

import pytest

from carveout.charges.budget import budget_lines
from carveout.charges.expected import expected_charges
from carveout.charges.matching import Reason, flagged, match_invoices
from carveout.charges.report import charges_view
from carveout.domain import InvoiceLine
from tests.charges.factories import line, tsa

AS_OF = date(2019, 4, 1)


def _invoice(service: str, month: date, amount: float) -> InvoiceLine:
    return InvoiceLine(
        code=f"{service}-{month:%Y%m}",
        agreement="TSA",
        service=service,
        month=month,
        amount=amount,
    )


def _reasons(*invoices: InvoiceLine, tolerance: float = 1.0) -> dict[tuple[str, int], Reason]:
    portfolio = tsa(line("A", 1_000), line("B", 2_000))
    expected = expected_charges(
        portfolio, exit_of={"A": date(2019, 2, 10), "B": date(2019, 8, 5)}, as_of=AS_OF
    )
    return {
        (m.service, m.month.month): m.reason
        for m in flagged(match_invoices(expected, invoices, as_of=AS_OF, tolerance=tolerance))
        if m.reason is not None
    }


def test_invoices_at_the_expected_charge_are_not_flagged() -> None:
    months = [date(2019, m, 1) for m in (1, 2, 3)]
    paid = [_invoice("A", m, 1_000) for m in months[:2]] + [_invoice("B", m, 2_000) for m in months]

    assert _reasons(*paid) == {}


def test_a_month_before_the_data_date_without_an_invoice_is_not_invoiced() -> None:
    assert _reasons()[("A", 1)] is Reason.NOT_INVOICED


def test_a_charge_after_the_service_left_is_flagged_as_such() -> None:
    assert _reasons(_invoice("A", date(2019, 3, 1), 1_000))[("A", 3)] is Reason.AFTER_EXIT


def test_an_extension_month_without_its_step_up_is_a_missing_step_up() -> None:
    found = _reasons(_invoice("B", date(2019, 7, 1), 2_000))

    assert found[("B", 7)] is Reason.MISSING_STEP_UP


def test_any_other_difference_is_a_wrong_rate_unless_within_the_tolerance() -> None:
    assert _reasons(_invoice("B", date(2019, 5, 1), 2_100))[("B", 5)] is Reason.WRONG_RATE
    assert ("B", 5) not in _reasons(_invoice("B", date(2019, 5, 1), 2_100), tolerance=100)


def test_a_service_the_agreement_does_not_cover_is_an_unknown_service() -> None:
    assert _reasons(_invoice("C", date(2019, 5, 1), 10))[("C", 5)] is Reason.UNKNOWN_SERVICE


def test_each_paying_party_sees_its_cost_against_its_budget() -> None:
    portfolio = tsa(line("A", 1_000))
    expected = expected_charges(portfolio, exit_of={"A": date(2019, 5, 1)}, as_of=AS_OF)

    [budget] = budget_lines(
        portfolio, expected, [_invoice("A", date(2019, 1, 1), 1_000)], as_of=AS_OF
    )

    assert (budget.agreement, budget.party) == ("TSA", "WW")
    assert (budget.invoiced, budget.expected_to_date, budget.expected) == (1_000, 3_000, 5_000)
    assert budget.budget == 50_000 and budget.headroom == pytest.approx(45_000)


def test_an_invoice_for_a_month_from_the_data_date_on_is_not_yet_a_fact() -> None:
    portfolio = tsa(line("B", 2_000)).replace(
        invoice_lines=(
            _invoice("B", date(2019, 1, 1), 2_000),
            _invoice("B", date(2019, 2, 1), 2_000),
            _invoice("B", date(2019, 3, 1), 2_100),
            _invoice("B", date(2019, 4, 1), 2_100),
            _invoice("B", date(2019, 5, 1), 2_100),
        )
    )

    now = charges_view(portfolio=portfolio, plan=None, as_of=AS_OF)
    later = charges_view(portfolio=portfolio, plan=None, as_of=date(2019, 6, 1))

    assert [m.month.month for m in now.flagged] == [3] and now.later == 2
    assert now.budgets[0].invoiced == 6_100 and now.later_note is not None
    assert "2 invoice lines" in now.later_note and "01 Apr 2019" in now.later_note
    assert [m.month.month for m in later.flagged] == [3, 4, 5] and later.later == 0
    assert later.budgets[0].invoiced == 10_300 and later.later_note is None
