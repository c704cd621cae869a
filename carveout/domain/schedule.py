"""Per-service terms of an agreement (schedule lines) and the invoices received under it."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from pydantic import field_validator, model_validator

from carveout.domain.agreements import Tranche
from carveout.domain.base import Code, Record, Window
from carveout.domain.ranges import Day, Money, MonthsCount, Quantity


class Pricing(StrEnum):
    """How a schedule line's monthly charge follows from its rate."""

    FIXED = "fixed"
    """``rate`` pounds a month."""
    COST_PLUS = "cost_plus"
    """The host's actual monthly cost (``quantity``) plus a margin of ``rate`` (0.1 = 10%)."""
    PER_FTE = "per_fte"
    """``rate`` pounds per full-time person a month, for ``quantity`` people."""
    PER_TRANSACTION = "per_transaction"
    """``rate`` pounds per transaction, for ``quantity`` transactions a month."""


class Direction(StrEnum):
    """Who serves whom under a schedule line."""

    HOST_TO_RECIPIENT = "host_to_recipient"
    """The agreement's provider hosts the service for its recipients, who pay."""
    REVERSE = "reverse"
    """A recipient serves the provider, who pays: not part of the hosting charge."""


class RatePeriod(Window):
    """The rate of a schedule line from ``start`` to ``end`` (whole months).

    ``quantity`` is the host's monthly cost (cost plus), the people (per FTE) or the
    transactions a month (per transaction) the rate applies to; 1 for a fixed charge.
    """

    rate: Money
    quantity: Quantity = 1.0

    def monthly(self, pricing: Pricing) -> float:
        """The charge for one month of this period under ``pricing``."""
        if pricing is Pricing.FIXED:
            return self.rate
        if pricing is Pricing.COST_PLUS:
            return self.quantity * (1 + self.rate)
        return self.rate * self.quantity


class ScheduleLine(Record):
    """One service under one tranche: how it is priced, for how long, and how it may end.

    ``minimum_term_months`` are charged from the line's first rate period whatever
    happens; leaving before the tranche ends needs ``notice_months`` of notice (None:
    the agreement's notice), and the charge stops at the end of the notice (see
    :mod:`carveout.planning.hosting`).
    """

    code: Code
    tranche: Code
    service: Code
    pricing: Pricing = Pricing.FIXED
    direction: Direction = Direction.HOST_TO_RECIPIENT
    minimum_term_months: MonthsCount = 0
    notice_months: MonthsCount | None = None
    rates: tuple[RatePeriod, ...] = ()

    @field_validator("rates")
    @classmethod
    def _in_order(cls, rates: tuple[RatePeriod, ...]) -> tuple[RatePeriod, ...]:
        return tuple(sorted(rates, key=lambda r: r.start))

    @model_validator(mode="after")
    def _priced(self) -> ScheduleLine:
        if not self.rates:
            raise ValueError("needs at least one rate period (a row of line_rates)")
        return self

    @property
    def start(self) -> date:
        return self.rates[0].start

    @property
    def end(self) -> date:
        return max(r.end for r in self.rates)

    def period(self, day: date) -> RatePeriod | None:
        """The rate period in force on ``day`` (None outside every period)."""
        return next((r for r in self.rates if r.contains(day)), None)

    def monthly(self, day: date) -> float:
        """The charge for the month holding ``day`` (0 outside every period)."""
        period = self.period(day)
        return 0.0 if period is None else period.monthly(self.pricing)


class InvoiceLine(Record):
    """A charge invoiced under ``agreement`` for ``service`` in ``month``."""

    code: Code
    agreement: Code
    service: Code
    month: Day
    amount: Money
    volume: Quantity | None = None
    reference: str = ""

    @model_validator(mode="after")
    def _first_of_month(self) -> InvoiceLine:
        if self.month.day != 1:
            object.__setattr__(self, "month", self.month.replace(day=1))
        return self


def line_total(lines: tuple[ScheduleLine, ...] | list[ScheduleLine], day: date) -> float:
    """What the recipients pay a month under ``lines`` in the month of ``day``."""
    return sum(line.monthly(day) for line in lines if line.direction is Direction.HOST_TO_RECIPIENT)


def with_derived_charges(
    tranches: tuple[Tranche, ...], lines: tuple[ScheduleLine, ...]
) -> tuple[Tranche, ...]:
    """``tranches``, each with schedule lines charging their total in its first month.

    A tranche without lines keeps the monthly charge it was given.
    """
    by_tranche: dict[str, list[ScheduleLine]] = {}
    for line in lines:
        by_tranche.setdefault(line.tranche, []).append(line)
    derived: list[Tranche] = []
    for tranche in tranches:
        own = by_tranche.get(tranche.code)
        if own:
            total = round(line_total(own, tranche.start), 2)
            if total != tranche.monthly_charge:
                tranche = tranche.model_copy(update={"monthly_charge": total})
        derived.append(tranche)
    return tuple(derived)


__all__ = [
    "Direction",
    "InvoiceLine",
    "Pricing",
    "RatePeriod",
    "ScheduleLine",
    "with_derived_charges",
]
