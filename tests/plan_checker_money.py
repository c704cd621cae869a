"""The plan checker's money: transitional hosting, its step-ups and running cost, to go.

From docs/concepts.md ("Money: one definition of each figure"), written anew:

- a service is charged for every month it is hosted on at least one day, up to
  and including the month it cuts over; *to go* are the months from the first
  that begins on or after the data date;
- in a month, the tranche charging it is the one that lists it and covers the
  month (of an agreement that exists), the latest-starting if several (then the
  lowest code); its monthly charge is shared equally by the services it lists;
- after the last tranche that charged it, that tranche's extension options
  apply in turn (in code order), each compounding its step-up, the last price
  continuing past the last option; what the step-ups add is "of which step-ups";
- outside any tranche (before the first, or with none) it costs its running
  cost instead: its annual cost (fixed + variable × all usage) / 12.

Monthly rates are taken in whole pennies, as money is charged, so sums over
months agree with the plan's to the pound.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from carveout.domain import Portfolio, Service, Tranche

if TYPE_CHECKING:
    from tests.plan_checker import View

TO_THE_POUND = 1.0


@dataclass(frozen=True)
class Money:
    """Transitional hosting (step-ups included), of which step-ups, and running cost."""

    hosting: float = 0.0
    step_up: float = 0.0
    running: float = 0.0

    def __add__(self, other: Money) -> Money:
        return Money(
            self.hosting + other.hosting, self.step_up + other.step_up, self.running + other.running
        )


def month(day: date) -> int:
    """A month as a number: months since year 0."""
    return day.year * 12 + day.month - 1


def first_month_to_go(as_of: date) -> int:
    """The first month that begins on or after the data date."""
    return month(as_of) + (0 if as_of.day == 1 else 1)


def _listing(portfolio: Portfolio, code: str) -> list[Tranche]:
    agreements = {a.code for a in portfolio.agreements}
    return [t for t in portfolio.tranches if code in t.services and t.agreement in agreements]


def _charging(tranches: list[Tranche], when: int) -> Tranche | None:
    covering = [t for t in tranches if month(t.start) <= when <= month(t.end)]
    return min(covering, key=lambda t: (-t.start.toordinal(), t.code), default=None)


def _share(tranche: Tranche) -> float:
    return tranche.monthly_charge / max(1, len(tranche.services))


def monthly(portfolio: Portfolio, service: Service, when: int) -> Money:
    """What keeping ``service`` hosted costs in month ``when``."""
    tranches = _listing(portfolio, service.code)
    tranche = _charging(tranches, when)
    if tranche is not None:
        return Money(hosting=round(_share(tranche), 2))
    ended = [month(t.end) for t in tranches if month(t.end) < when]
    if not ended:
        annual = service.fixed_cost + service.variable_cost * sum(service.usage.values())
        return Money(running=round(annual / 12, 2))
    last = max(ended)
    tranche = _charging(tranches, last)
    assert tranche is not None
    options = sorted(
        (o for o in portfolio.extension_options if o.tranche == tranche.code), key=lambda o: o.code
    )
    factor, into = 1.0, when - last - 1
    for option in options:
        factor *= 1 + option.step_up
        if into < option.length_months:
            break
        into -= option.length_months
    share = _share(tranche)
    return Money(hosting=round(share * factor, 2), step_up=round(share * factor - share, 2))


def charges(portfolio: Portfolio, service: Service, first: int, last: int) -> Money:
    """The charges for ``service`` from month ``first`` to month ``last``, both included."""
    total = Money()
    for when in range(first, last + 1):
        total = total + monthly(portfolio, service, when)
    return total


def to_go(portfolio: Portfolio, cutovers: dict[str, date], as_of: date) -> Money:
    """Hosting, step-ups and running cost to go for services leaving on ``cutovers``."""
    services = portfolio.service_by_code
    first = first_month_to_go(as_of)
    total = Money()
    for code, cutover in sorted(cutovers.items()):
        if code in services:
            total = total + charges(portfolio, services[code], first, month(cutover))
    return total


def check_money(view: View) -> list[str]:
    plan = view.plan
    cutovers = {s.code: s.row.cutover for s in view.rows() if s.row is not None}
    mine = to_go(view.portfolio, cutovers, view.as_of)
    found = []
    for what, expected, said in (
        ("transitional hosting", mine.hosting, plan.hosting_cost),
        ("of which step-ups", mine.step_up, plan.step_up_cost),
        ("running cost", mine.running, plan.running_cost),
    ):
        if abs(expected - said) > TO_THE_POUND:
            found.append(
                f"{what} to go is £{expected:,.2f} by the docs' definition, "
                f"the plan says £{said:,.2f}"
            )
    return found
