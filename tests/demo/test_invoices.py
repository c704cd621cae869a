"""The demonstration's invoices carry exactly the three planted mistakes."""

from datetime import date

from carveout.charges.expected import exits, expected_charges
from carveout.charges.matching import Reason, flagged, match_invoices
from carveout.demo import demo_portfolio
from carveout.demo.invoices import demo_invoices

AS_OF = date(2021, 10, 1)


def test_the_tranches_derived_from_the_lines_keep_the_demonstrations_charges() -> None:
    charges = {t.code: t.monthly_charge for t in demo_portfolio().tranches}

    assert (charges["TSA-T1"], charges["TSA-T2"], charges["TSA-SUPPORT"]) == (
        215_000,
        148_000,
        96_000,
    )


def test_a_years_invoices_differ_from_the_terms_in_three_planted_ways() -> None:
    portfolio = demo_portfolio()
    # Hosted services leave in February 2022, support ones in January; three stay longer.
    leaves = {
        code: date(2022, 1, 20) if code in portfolio.tranche_by_code["TSA-SUPPORT"].services
        else date(2022, 2, 20)
        for t in portfolio.tranches
        for code in t.services
    }  # fmt: skip
    leaves["CAD"] = date(2022, 8, 1)
    leaves[portfolio.tranche_by_code["TSA-SUPPORT"].services[0]] = date(2022, 3, 10)
    expected = expected_charges(portfolio, exit_of=exits(portfolio, leaves), as_of=AS_OF)
    invoices = demo_invoices(expected)

    found = flagged(match_invoices(expected, invoices, as_of=AS_OF))

    assert sorted(m.reason for m in found) == sorted(
        [Reason.AFTER_EXIT, Reason.WRONG_RATE, Reason.MISSING_STEP_UP]
    )
    assert {i.month for i in invoices} <= {date(2021 + (9 + m) // 12, (9 + m) % 12 + 1, 1)
                                           for m in range(12)}  # fmt: skip
    assert all(i.reference.startswith("SYNTHETIC") for i in invoices)
