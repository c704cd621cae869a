"""One view of the charges under agreements: the command, page, API and pack all show it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from carveout.charges.budget import BudgetLine, budget_lines
from carveout.charges.credits import service_credits
from carveout.charges.expected import Expected, exits, expected_charges
from carveout.charges.matching import TOLERANCE, Match, match_invoices
from carveout.domain import Portfolio
from carveout.domain.dates import is_to_date
from carveout.formatting import after_data_date
from carveout.planning.plan import Plan


@dataclass(frozen=True, slots=True)
class ChargesView:
    """Expected charges and invoices, matched by service and month, and each party's budget.

    ``basis`` says where the exits come from: the plan of a scenario, or the contract
    (every service to its last tranche's end) when there is no plan. Invoices are facts
    as of the data date: only those for months that began before it are matched and
    counted; ``later`` is how many lines the store holds for months from it on.
    """

    as_of: date
    basis: str
    tolerance: float
    expected: tuple[Expected, ...]
    matches: tuple[Match, ...]
    budgets: tuple[BudgetLine, ...]
    later: int = 0

    @property
    def later_note(self) -> str | None:
        """What the view leaves out, in a sentence, or None when nothing is left out."""
        note = after_data_date(
            self.later, ("invoice line", "invoice lines"), self.as_of, "not counted as of this date"
        )
        return note or None

    @property
    def flagged(self) -> tuple[Match, ...]:
        return tuple(m for m in self.matches if m.reason is not None)

    @property
    def months(self) -> tuple[date, ...]:
        return tuple(sorted({m.month for m in self.matches}))

    @property
    def services(self) -> tuple[str, ...]:
        return tuple(sorted({m.service for m in self.matches}))


def charges_view(
    *,
    portfolio: Portfolio,
    plan: Plan | None,
    as_of: date,
    agreement: str | None = None,
    month: date | None = None,
    tolerance: float = TOLERANCE,
) -> ChargesView:
    """The charges of every agreement (or of ``agreement``), of every month (or ``month``'s)."""
    cutovers = {m.service: m.cutover for m in plan.migrations} if plan is not None else {}
    expected = expected_charges(portfolio, exit_of=exits(portfolio, cutovers), as_of=as_of)
    invoices = list(portfolio.invoice_lines)
    if agreement is not None:
        expected = [e for e in expected if e.agreement == agreement]
        invoices = [i for i in invoices if i.agreement == agreement]
    known = [i for i in invoices if is_to_date(i.month, as_of)]
    later, invoices = len(invoices) - len(known), known
    matches = match_invoices(expected, invoices, as_of=as_of, tolerance=tolerance)
    credits = service_credits(portfolio, expected, as_of=as_of).by_payer()
    budgets = budget_lines(portfolio, expected, invoices, as_of=as_of, credits=credits)
    if agreement is not None:
        budgets = [b for b in budgets if b.agreement == agreement]
    if month is not None:
        first = month.replace(day=1)
        expected = [e for e in expected if e.month == first]
        matches = [m for m in matches if m.month == first]
    basis = f"the plan of {plan.scenario} as of {plan.as_of:%d %b %Y}" if plan else "the contract"
    return ChargesView(
        as_of=as_of,
        basis=basis,
        tolerance=tolerance,
        expected=tuple(expected),
        matches=tuple(matches),
        budgets=tuple(budgets),
        later=later,
    )
