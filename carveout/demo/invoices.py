"""A year of the transitional hosting agreement's invoices, October 2021 to September 2022.

SYNTHETIC: West Mercia invoices each service each month for what the terms and the
2023 plan expect (:mod:`carveout.charges.expected`), except for three planted
mistakes of the kind such invoices carry: one service charged for the month after
it left, one month charged at the wrong rate (8% over), and one extension month
charged without its step-up. Made when the demo runs, from the plan it makes.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from carveout.charges.expected import Expected
from carveout.domain import InvoiceLine
from carveout.planning.calendar import add_months

AGREEMENT = "TSA-2021"
FIRST, LAST = date(2021, 10, 1), date(2022, 9, 1)
REFERENCE = "SYNTHETIC demonstration invoice"


def demo_invoices(expected: Iterable[Expected]) -> tuple[InvoiceLine, ...]:
    """The year's invoice lines, with the three planted mistakes."""
    rows = sorted(
        (e for e in expected if e.agreement == AGREEMENT and FIRST <= e.month <= LAST),
        key=lambda e: (e.month, e.service),
    )
    amounts = {(e.service, e.month): e.amount for e in rows}
    last: dict[str, Expected] = {}
    for row in rows:
        last[row.service] = row
    stayed = next((r for r in last.values() if add_months(r.month, 1) <= LAST), None)
    if stayed is not None:
        amounts[(stayed.service, add_months(stayed.month, 1))] = stayed.amount
    missing = next((e for e in rows if e.step_up > 0), None)
    if missing is not None:
        amounts[(missing.service, missing.month)] = round(missing.amount - missing.step_up, 2)
    planted = {r.service for r in (stayed, missing) if r is not None}
    wrong = next(
        (e for e in rows if e.month == date(2022, 1, 1) and e.service not in planted), None
    )
    if wrong is not None:
        amounts[(wrong.service, wrong.month)] = round(wrong.amount * 1.08, 2)
    return tuple(
        InvoiceLine(
            code=f"WM-{month:%Y%m}-{service}",
            agreement=AGREEMENT,
            service=service,
            month=month,
            amount=amount,
            reference=REFERENCE,
        )
        for (service, month), amount in sorted(amounts.items(), key=lambda kv: (kv[0][1], kv[0][0]))
    )
