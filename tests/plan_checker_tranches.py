"""The hosting tranches a plan implies, worked out again from docs/planning.md.

"Per host, each service needs hosting until the first date on or after its
cut-over that is a tranche or extension end of the host's agreements or a
quarter end, grouped into nested tranches ("48 services until 31 Mar 2022, 30
of them until 31 Mar 2023") with monthly charge and cost", counted from the
first month to go: each tranche holds every service still needed at its end,
runs from the day after the previous one (the first from the first month to
go), costs its services' monthly charges (hosting and running) over its months,
and its monthly charge is theirs in its last month.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from carveout.domain import Portfolio
from carveout.planning.plan import Plan
from tests.plan_checker_money import charges, first_month_to_go, month, monthly


@dataclass(frozen=True)
class Implied:
    host: str
    start: date
    until: date
    services: tuple[str, ...]
    monthly_charge: float
    cost: float


def _last_day(index: int) -> date:
    """The last day of month ``index`` (months since year 0)."""
    following = index + 1
    return date(following // 12, following % 12 + 1, 1) - timedelta(days=1)


def contract_ends(portfolio: Portfolio, host: str) -> set[date]:
    """The ends of the host's tranches and of each extension option taken in turn."""
    provided = {a.code for a in portfolio.agreements if a.provider == host}
    ends: set[date] = set()
    for tranche in portfolio.tranches:
        if tranche.agreement not in provided:
            continue
        ends.add(tranche.end)
        last = month(tranche.end)
        for option in sorted(
            (o for o in portfolio.extension_options if o.tranche == tranche.code),
            key=lambda o: o.code,
        ):
            last += option.length_months
            ends.add(_last_day(last))
    return ends


def quarter_end(day: date) -> date:
    return _last_day(day.year * 12 + (day.month - 1) // 3 * 3 + 2)


def implied_tranches(portfolio: Portfolio, plan: Plan) -> list[Implied]:
    services = portfolio.service_by_code
    first = first_month_to_go(plan.as_of)
    needed: dict[str, dict[str, date]] = {}
    for row in plan.migrations:
        if month(row.cutover) < first:
            continue
        host = services[row.service].host
        ends = [d for d in contract_ends(portfolio, host) if d >= row.cutover]
        needed.setdefault(host, {})[row.service] = min([*ends, quarter_end(row.cutover)])
    found: list[Implied] = []
    for host in sorted(needed):
        start = date(first // 12, first % 12 + 1, 1)
        for until in sorted(set(needed[host].values())):
            codes = tuple(sorted(c for c, d in needed[host].items() if d >= until))
            cost = rate = 0.0
            for code in codes:
                spent = charges(portfolio, services[code], month(start), month(until))
                price = monthly(portfolio, services[code], month(until))
                cost += spent.hosting + spent.running
                rate += price.hosting + price.running
            found.append(Implied(host, start, until, codes, rate, cost))
            start = until + timedelta(days=1)
    return found
