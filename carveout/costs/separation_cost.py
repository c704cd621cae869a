"""The cost of separating, in four kinds, by month and party: actual, forecast and budget.

- **one-time**: the migration work, each migration's most-likely effort times its
  team's recorded day rate, or a day rate given for every team instead; work whose
  team has no rate is counted in person-days and never priced at nought. It is spread
  evenly over its months and borne by the service's destination (else its team's
  party, else its host);
- **transitional**: the charges under agreements, from
  :mod:`carveout.charges` — invoices before the data date, the expected charge
  (the plan's hosting cost) from it on;
- **dis-synergy**: the running cost of a replicated service (the hosting
  module's running cost, its annual cost over twelve) borne by its destination
  once it runs its own copy, for ``period`` months after its cut-over;
- **stranded**: the share of a service's fixed cost its host can no longer
  recover once a consumer leaves, for ``period`` months after that consumer's exit.

A month before the data date's first month to go is *actual*, the rest *forecast*.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from carveout.charges.expected import exits
from carveout.charges.report import ChargesView
from carveout.domain import Disposition, Portfolio
from carveout.domain.dates import first_month_to_go
from carveout.planning.calendar import months_between
from carveout.planning.plan import Plan

STRANDED_MONTHS = 12
"""Months after an exit that stranded costs and dis-synergies are counted for by default."""


class RateSource(StrEnum):
    """Where the one-time kind's day rates came from."""

    GIVEN = "given"
    """One rate given for every team, whatever the teams record."""
    TEAMS = "teams"
    """Each team's recorded rate, and every team with migration work has one."""
    PARTLY = "partly"
    """Some teams with migration work record a rate; the others' days are not priced."""
    NONE = "none"
    """No team with migration work records a rate: the work is counted in days only."""


class Kind(StrEnum):
    ONE_TIME = "one_time"
    TRANSITIONAL = "transitional"
    DIS_SYNERGY = "dis_synergy"
    STRANDED = "stranded"


KIND_LABELS = {
    Kind.ONE_TIME: "One-time (migration work)",
    Kind.TRANSITIONAL: "Transitional charges",
    Kind.DIS_SYNERGY: "Dis-synergies (running apart)",
    Kind.STRANDED: "Stranded costs (left with the host)",
}


@dataclass(frozen=True, slots=True)
class CostLine:
    """``amount`` pounds of ``kind`` borne by ``party`` in ``month``, traced to its record.

    ``service`` and ``source`` (an agreement, a team, a host) name the record;
    ``days`` is the effort behind a one-time line and ``rate`` the pounds per person-day
    it is priced at (None: unpriced, its amount is nought); ``actual`` is False for a
    forecast.
    """

    kind: Kind
    party: str
    month: date
    amount: float
    service: str
    source: str
    actual: bool
    days: float = 0.0
    rate: float | None = None

    @property
    def unpriced(self) -> bool:
        """A one-time line whose team records no day rate and none was given."""
        return self.kind is Kind.ONE_TIME and self.rate is None


@dataclass(frozen=True, slots=True)
class SeparationCost:
    """Every cost line, and each party's budget for its transitional charges.

    ``day_rate`` is the rate given for every team (None: each team's own is used).
    """

    as_of: date
    period: int
    day_rate: float | None
    lines: tuple[CostLine, ...]
    budgets: dict[str, float]

    def total(self, *, kind: Kind | None = None, party: str | None = None) -> float:
        return round(
            sum(
                line.amount
                for line in self.lines
                if (kind is None or line.kind is kind) and (party is None or line.party == party)
            ),
            2,
        )

    @property
    def rate_source(self) -> RateSource:
        if self.day_rate is not None:
            return RateSource.GIVEN
        work = [x for x in self.lines if x.kind is Kind.ONE_TIME and x.days > 0]
        priced = [x for x in work if not x.unpriced]
        if not priced:
            return RateSource.NONE
        return RateSource.TEAMS if len(priced) == len(work) else RateSource.PARTLY

    @property
    def unpriced_days(self) -> float:
        """Person-days of migration work with no day rate (not in any amount)."""
        return round(sum((x.days for x in self.lines if x.unpriced), 0.0), 2)

    @property
    def unpriced_teams(self) -> tuple[str, ...]:
        """The teams whose migration work has no day rate, by code."""
        return tuple(sorted({x.source for x in self.lines if x.unpriced and x.days > 0}))

    def by_month(self) -> dict[tuple[date, Kind, str], float]:
        """Pounds per month, kind and party (the stacked chart's data)."""
        out: dict[tuple[date, Kind, str], float] = {}
        for line in self.lines:
            key = (line.month, line.kind, line.party)
            out[key] = round(out.get(key, 0.0) + line.amount, 2)
        return dict(sorted(out.items()))


def _months(first: date, last: date) -> list[date]:
    return months_between(first.replace(day=1), last.replace(day=1))


def _after(day: date, period: int) -> list[date]:
    first = day.replace(day=1)
    index = first.year * 12 + first.month  # the month after ``day``
    return [date((index + k) // 12, (index + k) % 12 + 1, 1) for k in range(period)]


def _one_time(
    portfolio: Portfolio, plan: Plan | None, first: date, day_rate: float | None
) -> list[CostLine]:
    planned = {m.service: m for m in plan.migrations} if plan is not None else {}
    teams = {t.code: t for t in portfolio.teams}
    lines: list[CostLine] = []
    for migration in portfolio.migrations:
        service = portfolio.service_by_code.get(migration.service)
        found = planned.get(migration.service)
        start = migration.actual_start or (found.start if found else None)
        end = migration.actual_end or (found.cutover if found else None)
        if service is None or start is None or end is None:
            continue
        team = teams.get(migration.team)
        rate = day_rate if day_rate is not None else (team.day_rate if team else None)
        party = service.destination or (team.party if team else None) or service.host
        if party not in portfolio.party_by_code:
            party = service.host
        months = _months(start, max(start, end))
        days = migration.effort.most_likely / len(months)
        for month in months:
            lines.append(
                CostLine(
                    kind=Kind.ONE_TIME,
                    party=party,
                    month=month,
                    amount=round(days * rate, 2) if rate is not None else 0.0,
                    service=service.code,
                    source=migration.team,
                    actual=month < first,
                    days=days,
                    rate=rate,
                )
            )
    return lines


def _transitional(view: ChargesView, first: date) -> list[CostLine]:
    payer = {(e.agreement, e.service): e.payer for e in view.expected}
    lines = [
        CostLine(Kind.TRANSITIONAL, e.payer, e.month, e.amount, e.service, e.agreement, False)
        for e in view.expected
        if e.month >= first
    ]
    for m in view.matches:
        if m.month < first:
            who = payer.get((m.agreement, m.service))
            if who is not None:
                lines.append(
                    CostLine(
                        Kind.TRANSITIONAL, who, m.month, m.invoiced, m.service, m.agreement, True
                    )
                )
    return lines


def _leaving(
    portfolio: Portfolio, exit_of: Mapping[str, date], period: int, first: date
) -> list[CostLine]:
    lines: list[CostLine] = []
    for service in portfolio.services:
        leaves = exit_of.get(service.code)
        if leaves is None or service.disposition is Disposition.STAY_HOSTED:
            continue
        gone = [p for p in service.consumers if p != service.host]
        usage = sum(service.usage.values())
        for consumer in gone:
            # without usage, each consumer is taken to pay an equal part
            share = (
                service.usage.get(consumer, 0.0) / usage
                if usage > 0
                else 1 / len(service.consumers)
            )
            stranded = service.fixed_cost * share / 12
            for month in _after(leaves, period):
                if stranded > 0:
                    lines.append(
                        CostLine(
                            Kind.STRANDED,
                            service.host,
                            month,
                            round(stranded, 2),
                            service.code,
                            consumer,
                            month < first,
                        )
                    )
        if service.disposition is Disposition.REPLICATE and service.destination:
            running = service.annual_cost(service.usage.get(service.destination, 0.0)) / 12
            for month in _after(leaves, period):
                lines.append(
                    CostLine(
                        Kind.DIS_SYNERGY,
                        service.destination,
                        month,
                        round(running, 2),
                        service.code,
                        service.host,
                        month < first,
                    )
                )
    return lines


def separation_cost(
    *,
    portfolio: Portfolio,
    plan: Plan | None,
    view: ChargesView,
    day_rate: float | None = None,
    period: int = STRANDED_MONTHS,
) -> SeparationCost:
    """The four kinds of separation cost of ``portfolio`` as of ``view.as_of``.

    ``day_rate``, when given, prices every team's migration work instead of the
    teams' recorded rates.

    ``view`` is the charges view of the same plan and data date (see
    :func:`carveout.charges.report.charges_view`); exits are actual cut-overs,
    else the plan's.
    """
    first = first_month_to_go(view.as_of)
    cutovers = {m.service: m.cutover for m in plan.migrations} if plan is not None else {}
    # a service with no cut-over leaves when its charges stop: the end of its last month
    exit_of: dict[str, date] = {}
    for row in view.expected:
        last = _after(row.month, 1)[0] - timedelta(days=1)
        exit_of[row.service] = max(exit_of.get(row.service, last), last)
    exit_of.update(exits(portfolio, cutovers))
    lines = [
        *_one_time(portfolio, plan, first, day_rate),
        *_transitional(view, first),
        *_leaving(portfolio, exit_of, period, first),
    ]
    budgets: dict[str, float] = {}
    for agreement in portfolio.agreements:
        for party, amount in agreement.budgets.items():
            budgets[party] = budgets.get(party, 0.0) + amount
    return SeparationCost(
        as_of=view.as_of,
        period=period,
        day_rate=day_rate,
        lines=tuple(sorted(lines, key=lambda x: (x.month, x.kind, x.party, x.service))),
        budgets=budgets,
    )
