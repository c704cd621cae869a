"""Invoices against the expected charges: what differs, by service and month, and why."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from carveout.charges.expected import Expected
from carveout.domain.dates import is_to_date
from carveout.domain.schedule import InvoiceLine

TOLERANCE = 1.0
"""Pounds an invoice may differ from the expected charge without being flagged."""


class Reason(StrEnum):
    """Why an invoiced amount differs from the expected charge."""

    AFTER_EXIT = "charged after exit"
    WRONG_RATE = "wrong rate"
    MISSING_STEP_UP = "missing step-up"
    UNKNOWN_SERVICE = "unknown service"
    NOT_INVOICED = "not invoiced"


@dataclass(frozen=True, slots=True)
class Match:
    """One service and month under one agreement: expected, invoiced and any flag."""

    agreement: str
    service: str
    month: date
    expected: float
    invoiced: float
    invoices: tuple[str, ...]
    reason: Reason | None

    @property
    def variance(self) -> float:
        """Invoiced minus expected: positive when over-charged."""
        return round(self.invoiced - self.expected, 2)


def match_invoices(
    expected: Iterable[Expected],
    invoices: Iterable[InvoiceLine],
    *,
    as_of: date,
    tolerance: float = TOLERANCE,
) -> list[Match]:
    """Every (agreement, service, month) expected or invoiced, with the reason it differs.

    Months before the data date expect an invoice ("not invoiced" when none came);
    later months are flagged only when something was invoiced for them.
    """
    due: dict[tuple[str, str, date], list[Expected]] = defaultdict(list)
    for row in expected:
        due[(row.agreement, row.service, row.month)].append(row)
    billed: dict[tuple[str, str, date], list[InvoiceLine]] = defaultdict(list)
    for invoice in invoices:
        billed[(invoice.agreement, invoice.service, invoice.month)].append(invoice)
    covered = {(a, s) for a, s, _ in due}
    matches: list[Match] = []
    for key in sorted(due.keys() | billed.keys()):
        agreement, service, month = key
        rows, bills = due.get(key, []), billed.get(key, [])
        owed = round(sum(r.amount for r in rows), 2)
        step_up = round(sum(r.step_up for r in rows), 2)
        paid = round(sum(b.amount for b in bills), 2)
        if not bills and not is_to_date(month, as_of):
            reason = None
        else:
            reason = _reason(
                owed, step_up, paid, known=(agreement, service) in covered, tolerance=tolerance
            )
        matches.append(
            Match(agreement, service, month, owed, paid, tuple(b.code for b in bills), reason)
        )
    return matches


def _reason(
    owed: float, step_up: float, paid: float, *, known: bool, tolerance: float
) -> Reason | None:
    if abs(paid - owed) <= tolerance:
        return None
    if not known:
        return Reason.UNKNOWN_SERVICE
    if owed == 0:
        return Reason.AFTER_EXIT
    if paid == 0:
        return Reason.NOT_INVOICED
    if step_up > 0 and abs(paid - (owed - step_up)) <= tolerance:
        return Reason.MISSING_STEP_UP
    return Reason.WRONG_RATE


def flagged(matches: Iterable[Match]) -> list[Match]:
    """The matches that differ by more than the tolerance."""
    return [m for m in matches if m.reason is not None]
