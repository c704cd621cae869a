"""What keeping a service hosted by the other party costs, month by month: the one definition.

Every figure of hosting cost in carveout (plan, simulation, overview, pack,
exports, API) is a sum of :meth:`HostingTerms.charge` over months.

- **Transitional hosting** is what a recipient pays its host under the
  agreement and tranche that cover the service that month: the service's own
  schedule line when the tranche has lines (a listed service without a line is
  then charged nothing by it), otherwise the tranche's monthly charge shared
  equally by the services it lists. A service is charged
  by exactly one tranche in any month: when tranches that list it overlap in
  time, the one that started last (then the one whose code sorts first) charges
  it, so nested tranches are never counted twice. After the last tranche that
  lists it has ended, its extension options apply in turn (ordered by code) for
  their length, each compounding its step-up; past the last option the last
  price continues, as if extended again on the same terms. Between two
  tranches that list it, the earlier one is extended the same way.
- **Running cost** is the service's own annual cost / 12 for every month it is
  still shared outside any transitional tranche (before its first tranche
  starts, or when no tranche lists it). It is a separate, separately named
  figure: the cost of not yet having separated, not a charge under a
  transitional agreement.

A service is charged for every month in which it is still hosted on at least
one day, up to and including the month it cuts over, or later when its
schedule line holds it (:mod:`carveout.planning.line_terms`): to the end of
the line's minimum term, and, leaving before the tranche ends, to the end of
the notice served on the data date (for a cut-over on or after it) — never
past the tranche's end. Figures *to go* count
the months that begin on or after the data date (:func:`~carveout.domain.dates.first_month_to_go`);
figures *to date* the months before it.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from datetime import date
from math import ceil

from carveout.domain import Portfolio, ScheduleLine, Service, Tranche
from carveout.planning.calendar import Calendar, add_months, month_start, months_between
from carveout.planning.contract_dates import extension_starts
from carveout.planning.line_terms import (
    Floor,
    floor_of,
    last_charged,
    lines_by_tranche,
    monthly_charges,
)


@dataclass(frozen=True, slots=True)
class Charge:
    """One month's (or a span's) charge for a service, in pounds, by kind.

    ``hosting`` is transitional hosting including the extension step-ups, of
    which ``step_up`` is the part due to step-ups; ``running`` is running cost.
    """

    hosting: float = 0.0
    step_up: float = 0.0
    running: float = 0.0

    @property
    def total(self) -> float:
        return self.hosting + self.running

    def __add__(self, other: Charge) -> Charge:
        return Charge(
            self.hosting + other.hosting, self.step_up + other.step_up, self.running + other.running
        )


def _pennies(charge: Charge) -> Charge:
    """Monthly rates in whole pennies, so that sums over months are exact to the pound."""
    return Charge(round(charge.hosting, 2), round(charge.step_up, 2), round(charge.running, 2))


@dataclass(frozen=True, slots=True)
class Rate:
    """From month ``first`` on: this charge each month, under ``tranche`` (None: running)."""

    first: date
    charge: Charge
    tranche: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "charge", _pennies(self.charge))


@dataclass(frozen=True, slots=True)
class HostingTerms:
    """The monthly price of keeping ``service`` hosted by ``host``, as a step function."""

    service: str
    host: str
    tranches: tuple[str, ...]
    rates: tuple[Rate, ...]
    floors: tuple[Floor, ...] = ()
    as_of: date | None = None

    @property
    def tranche(self) -> str | None:
        """The last tranche that lists the service (None when none does)."""
        return self.tranches[-1] if self.tranches else None

    def rate(self, month: date) -> Rate:
        """The rate that applies in ``month`` (any day of it)."""
        firsts = [r.first for r in self.rates]
        return self.rates[max(0, bisect_right(firsts, month_start(month)) - 1)]

    def charge(self, month: date) -> Charge:
        return self.rate(month).charge

    def last_charged(self, cutover: date) -> date:
        """The last month charged for a cut-over on ``cutover`` (its own, or a later one)."""
        return last_charged(self.floors, cutover, self.as_of)

    def between(self, first: date, cutover: date, *, until: date | None = None) -> Charge:
        """The charges from ``first``'s month for a cut-over on ``cutover``.

        To the last month charged, or to ``until``'s month when that is earlier.
        """
        last = self.last_charged(cutover)
        if until is not None:
            last = min(last, until)
        total = Charge()
        for month in months_between(first, last):
            total = total + self.charge(month)
        return total

    def cumulative(self, *, first: date, last: date) -> list[Charge]:
        """The charges from ``first``'s month for a cut-over in each month up to ``last``'s."""
        months = months_between(first, last)
        if not months:
            return []
        ends = [self.last_charged(m) for m in months]
        running = Charge()
        sums: dict[date, Charge] = {}
        for month in months_between(first, max(ends)):
            running = running + self.charge(month)
            sums[month] = running
        return [sums[end] for end in ends]


def _periods(service: Service, tranches: list[Tranche]) -> list[tuple[date, date, Tranche]]:
    """``(first month, last month, tranche)`` where each tranche charges the service.

    Overlaps go to the tranche that started last (then the lower code).
    """
    claimed: dict[date, Tranche] = {}
    # Applied in order of start, the lowest code last among equal starts: the last applied wins.
    by_code = sorted(tranches, key=lambda t: t.code, reverse=True)
    for tranche in sorted(by_code, key=lambda t: t.start):
        for month in months_between(tranche.start, tranche.end):
            claimed[month] = tranche
    periods: list[tuple[date, date, Tranche]] = []
    for month in sorted(claimed):
        tranche = claimed[month]
        if periods and periods[-1][2] is tranche and add_months(periods[-1][1], 1) == month:
            periods[-1] = (periods[-1][0], month, tranche)
        else:
            periods.append((month, month, tranche))
    return periods


def _rates(
    service: Service,
    tranches: list[Tranche],
    portfolio: Portfolio,
    lines: dict[str, dict[str, ScheduleLine]],
) -> tuple[Rate, ...]:
    running = Rate(date.min, Charge(running=service.annual_cost() / 12))
    periods = _periods(service, tranches)
    if not periods:
        return (running,)
    rates = [running]
    for index, (first, last, tranche) in enumerate(periods):
        share = tranche.monthly_charge / max(1, len(tranche.services))
        if tranche.code in lines:
            steps = monthly_charges(lines[tranche.code].get(service.code), first, last)
            rates.extend(Rate(m, Charge(hosting=v), tranche.code) for m, v in steps)
            share = steps[-1][1]
        else:
            rates.append(Rate(first, Charge(hosting=share), tranche.code))
        following = periods[index + 1][0] if index + 1 < len(periods) else None
        rates.extend(_extensions(tranche, share, add_months(last, 1), following, portfolio))
    return tuple(rates)


def _extensions(
    tranche: Tranche, share: float, first: date, until: date | None, portfolio: Portfolio
) -> list[Rate]:
    """The rates after ``tranche`` ends (from ``first``), up to the month ``until`` if any."""
    rates = [Rate(first, Charge(hosting=share), tranche.code)]
    factor = 1.0
    for option, start in extension_starts(portfolio, tranche.code, first):
        factor *= 1 + option.step_up
        step = share * (factor - 1)
        rates.append(Rate(start, Charge(hosting=share + step, step_up=step), tranche.code))
    rates = _latest_per_month(rates)
    return [r for r in rates if until is None or r.first < until]


def _latest_per_month(rates: list[Rate]) -> list[Rate]:
    by_month: dict[date, Rate] = {}
    for rate in rates:
        by_month[rate.first] = rate
    return [by_month[m] for m in sorted(by_month)]


def tranches_of(portfolio: Portfolio) -> dict[str, list[Tranche]]:
    """The tranches listing each service, of agreements that exist."""
    found: dict[str, list[Tranche]] = {}
    for tranche in portfolio.tranches:
        if tranche.agreement not in portfolio.agreement_by_code:
            continue
        for code in tranche.services:
            found.setdefault(code, []).append(tranche)
    return found


def _floors(
    service: Service,
    tranches: list[Tranche],
    lines: dict[str, dict[str, ScheduleLine]],
    portfolio: Portfolio,
    as_of: date | None,
) -> tuple[Floor, ...]:
    floors: list[Floor] = []
    for first, last, tranche in _periods(service, tranches):
        line = lines.get(tranche.code, {}).get(service.code)
        if line is None:
            continue
        agreed = portfolio.agreement_by_code[tranche.agreement].notice_months
        notice = line.notice_months if line.notice_months is not None else ceil(agreed)
        floor = floor_of(line, first, last, as_of, notice_months=notice)
        if floor is not None:
            floors.append(floor)
    return tuple(floors)


def hosting_terms(portfolio: Portfolio, *, as_of: date | None = None) -> dict[str, HostingTerms]:
    """The hosting terms of every service that moves, by service code.

    ``as_of`` is the data date on which notice to leave early is served at the
    latest (None: notice served in time, whenever the cut-over is).
    """
    listed = tranches_of(portfolio)
    lines = lines_by_tranche(portfolio)
    terms: dict[str, HostingTerms] = {}
    for service in portfolio.services:
        if not service.moves:
            continue
        tranches = listed.get(service.code, [])
        ordered = sorted(tranches, key=lambda t: (t.end, t.code))
        terms[service.code] = HostingTerms(
            service=service.code,
            host=service.host,
            tranches=tuple(t.code for t in ordered),
            rates=_rates(service, tranches, portfolio, lines),
            floors=_floors(service, tranches, lines, portfolio, as_of),
            as_of=as_of,
        )
    return terms


def cost_table(
    terms: HostingTerms, calendar: Calendar, horizon: int, first_month: date
) -> tuple[int, ...]:
    """Whole pounds to go for a cut-over at the end of each week ``0 .. horizon``.

    Hosting and running cost from ``first_month`` to the last month charged for
    the cut-over (by ``terms``, as the plan reports it); nothing when that is
    before ``first_month``.
    """
    days = [calendar.cutover(end) for end in range(horizon + 1)]
    ends = [terms.last_charged(day) for day in days]
    running = Charge()
    sums: dict[date, int] = {}
    for month in months_between(first_month, max([*ends, first_month])):
        running = running + terms.charge(month)
        sums[month] = round(running.total)
    return tuple(sums[end] if end >= first_month else 0 for end in ends)
