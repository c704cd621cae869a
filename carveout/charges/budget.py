"""Cumulative cost under each agreement, by paying party, against its budget."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from carveout.charges.expected import Expected
from carveout.domain import Portfolio
from carveout.domain.dates import is_to_date
from carveout.domain.schedule import InvoiceLine


@dataclass(frozen=True, slots=True)
class BudgetLine:
    """What ``party`` pays under ``agreement``: invoiced so far, expected in all, budget.

    ``expected_to_date`` covers the months before the data date, ``expected`` every
    month; ``credits`` are the service credits set off against those charges
    (:mod:`carveout.charges.credits`), so ``net`` is what is owed; ``budget`` is None
    when the party set none.
    """

    agreement: str
    party: str
    invoiced: float
    expected_to_date: float
    expected: float
    budget: float | None
    credits: float = 0.0

    @property
    def net(self) -> float:
        """The expected charges less the service credits set off against them."""
        return round(self.expected - self.credits, 2)

    @property
    def headroom(self) -> float | None:
        """Budget left once every charge owed is paid (negative: over budget)."""
        return None if self.budget is None else round(self.budget - self.net, 2)


def budget_lines(
    portfolio: Portfolio,
    expected: Iterable[Expected],
    invoices: Iterable[InvoiceLine],
    *,
    as_of: date,
    credits: Mapping[tuple[str, str], float] | None = None,
) -> list[BudgetLine]:
    """One line per agreement and paying party, in order of agreement then party.

    ``credits`` are the service credits by agreement and paying party.
    """
    totals: dict[tuple[str, str], list[float]] = {}
    payer_of: dict[tuple[str, str], str] = {}
    for row in expected:
        payer_of.setdefault((row.agreement, row.service), row.payer)
        sums = totals.setdefault((row.agreement, row.payer), [0.0, 0.0, 0.0])
        sums[2] += row.amount
        if is_to_date(row.month, as_of):
            sums[1] += row.amount
    for invoice in invoices:
        agreement = portfolio.agreement_by_code.get(invoice.agreement)
        if agreement is None:
            continue
        payer = payer_of.get((invoice.agreement, invoice.service), agreement.recipients[0])
        sums = totals.setdefault((invoice.agreement, payer), [0.0, 0.0, 0.0])
        sums[0] += invoice.amount
    for agreement in portfolio.agreements:
        for party in agreement.budgets:
            totals.setdefault((agreement.code, party), [0.0, 0.0, 0.0])
    lines: list[BudgetLine] = []
    for (code, party), (paid, to_date, owed) in sorted(totals.items()):
        budgets = portfolio.agreement_by_code[code].budgets
        lines.append(
            BudgetLine(
                agreement=code,
                party=party,
                invoiced=round(paid, 2),
                expected_to_date=round(to_date, 2),
                expected=round(owed, 2),
                budget=budgets.get(party),
                credits=(credits or {}).get((code, party), 0.0),
            )
        )
    return lines
