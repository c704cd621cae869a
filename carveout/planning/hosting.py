"""What keeping a service hosted by the other party costs, month by month.

A service listed in a tranche of a transitional agreement costs its share of
the tranche's monthly charge (the charge divided by the services listed) in
every month of the tranche. After the tranche ends, each extension option of
the tranche applies in turn (ordered by code) for its length, compounding its
step-up; past the last option the last price continues, as if extended again on
the same terms. Months before the tranche starts, and every month of a service
that no tranche covers, cost the service's annual cost / 12. A service is
charged for every month in which it is still hosted on at least one day.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from datetime import date

from carveout.domain import Portfolio, Service, Tranche
from carveout.planning.calendar import add_months, month_start, months_between


@dataclass(frozen=True, slots=True)
class Rate:
    """From month ``first`` on: ``base`` pounds a month plus ``step_up`` for extensions."""

    first: date
    base: float
    step_up: float = 0.0


@dataclass(frozen=True, slots=True)
class HostingTerms:
    """The monthly price of keeping ``service`` hosted by ``host``, as a step function."""

    service: str
    host: str
    tranche: str | None
    rates: tuple[Rate, ...]

    def monthly(self, month: date) -> Rate:
        """The rate that applies in ``month`` (any day of it)."""
        firsts = [r.first for r in self.rates]
        index = max(0, bisect_right(firsts, month_start(month)) - 1)
        return self.rates[index]

    def cost(self, *, start: date, cutover: date) -> tuple[float, float]:
        """``(base, step_up)`` pounds from ``start``'s month to ``cutover``'s month inclusive."""
        base = step_up = 0.0
        for month in months_between(start, cutover):
            rate = self.monthly(month)
            base += rate.base
            step_up += rate.step_up
        return base, step_up

    def cumulative(self, *, start: date, last: date) -> list[float]:
        """Total cost (base and step-up) for a cut-over in each month from ``start`` to ``last``."""
        totals: list[float] = []
        running = 0.0
        for month in months_between(start, last):
            rate = self.monthly(month)
            running += rate.base + rate.step_up
            totals.append(running)
        return totals


def _tranche_of(portfolio: Portfolio) -> dict[str, Tranche]:
    """The tranche covering each service; the first listed wins when several do."""
    found: dict[str, Tranche] = {}
    for tranche in portfolio.tranches:
        for code in tranche.services:
            found.setdefault(code, tranche)
    return found


def _rates(service: Service, tranche: Tranche | None, portfolio: Portfolio) -> tuple[Rate, ...]:
    own = service.annual_cost() / 12
    if tranche is None:
        return (Rate(date.min, own),)
    share = tranche.monthly_charge / max(1, len(tranche.services))
    rates = [Rate(date.min, own), Rate(month_start(tranche.start), share)]
    options = sorted(
        (e for e in portfolio.extension_options if e.tranche == tranche.code),
        key=lambda e: e.code,
    )
    first, factor = add_months(tranche.end, 1), 1.0
    for option in options:
        factor *= 1 + option.step_up
        rates.append(Rate(first, share, share * (factor - 1)))
        first = add_months(first, option.length_months)
    return tuple(rates)


def hosting_terms(portfolio: Portfolio) -> dict[str, HostingTerms]:
    """The hosting terms of every service that moves, by service code."""
    tranches = _tranche_of(portfolio)
    terms: dict[str, HostingTerms] = {}
    for service in portfolio.services:
        if not service.moves:
            continue
        tranche = tranches.get(service.code)
        terms[service.code] = HostingTerms(
            service=service.code,
            host=service.host,
            tranche=tranche.code if tranche else None,
            rates=_rates(service, tranche, portfolio),
        )
    return terms


def contract_ends(portfolio: Portfolio, host: str) -> list[date]:
    """The dates a tranche or an extension of ``host``'s agreements ends, in order."""
    providers = {a.code for a in portfolio.agreements if a.provider == host}
    ends: set[date] = set()
    for tranche in portfolio.tranches:
        if tranche.agreement not in providers:
            continue
        ends.add(tranche.end)
        first = add_months(tranche.end, 1)
        options = sorted(
            (e for e in portfolio.extension_options if e.tranche == tranche.code),
            key=lambda e: e.code,
        )
        for option in options:
            first = add_months(first, option.length_months)
            ends.add(_day_before(first))
    return sorted(ends)


def _day_before(day: date) -> date:
    return date.fromordinal(day.toordinal() - 1)
