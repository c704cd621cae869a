"""The governance pack's section on charges under agreements: invoices against the terms."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict

from carveout.charges.report import charges_view
from carveout.domain import Portfolio
from carveout.domain.dates import is_to_date
from carveout.planning.plan import Plan


class _Part(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class ChargeFlag(_Part):
    """One service and month whose invoice differs from the expected charge."""

    agreement: str
    service: str
    month: date
    expected: float
    invoiced: float
    reason: str


class ChargeBudget(_Part):
    """What one party pays under one agreement, against its budget (None: no budget)."""

    agreement: str
    party: str
    invoiced: float
    expected: float
    budget: float | None
    credits: float = 0.0
    net: float = 0.0


class ChargesSection(_Part):
    """Invoices received against the charges the terms and the plan expect, before the data date.

    ``expected_to_date`` and ``invoiced_to_date`` cover the months before it.
    """

    basis: str
    invoices: int
    expected_to_date: float
    invoiced_to_date: float
    flags: tuple[ChargeFlag, ...]
    budgets: tuple[ChargeBudget, ...]
    later: str = ""


def charges_section(
    *, portfolio: Portfolio, plan: Plan | None, as_of: date
) -> ChargesSection | None:
    """The section, or None when the portfolio has neither schedule lines nor invoices."""
    if not portfolio.schedule_lines and not portfolio.invoice_lines:
        return None
    view = charges_view(portfolio=portfolio, plan=plan, as_of=as_of)
    past = [m for m in view.matches if is_to_date(m.month, as_of)]
    return ChargesSection(
        basis=view.basis,
        invoices=len(portfolio.invoice_lines) - view.later,
        later=view.later_note or "",
        expected_to_date=round(sum(m.expected for m in past), 2),
        invoiced_to_date=round(sum(m.invoiced for m in past), 2),
        flags=tuple(
            ChargeFlag(
                agreement=m.agreement,
                service=m.service,
                month=m.month,
                expected=m.expected,
                invoiced=m.invoiced,
                reason=str(m.reason),
            )
            for m in view.flagged
        ),
        budgets=tuple(
            ChargeBudget(
                agreement=b.agreement,
                party=b.party,
                invoiced=b.invoiced,
                expected=b.expected,
                budget=b.budget,
                credits=b.credits,
                net=b.net,
            )
            for b in view.budgets
        ),
    )
