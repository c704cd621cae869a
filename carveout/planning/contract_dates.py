"""When a host's contracts end: each tranche's end and the end of each extension option
that may follow it, and when each option would start."""

from __future__ import annotations

from datetime import date

from carveout.domain import ExtensionOption, Portfolio
from carveout.planning.calendar import add_months


def contract_ends(portfolio: Portfolio, host: str) -> list[date]:
    """The dates a tranche or an extension of ``host``'s agreements ends, in order."""
    providers = {a.code for a in portfolio.agreements if a.provider == host}
    ends: set[date] = set()
    for tranche in portfolio.tranches:
        if tranche.agreement not in providers:
            continue
        ends.add(tranche.end)
        for option, start in extension_starts(portfolio, tranche.code, add_months(tranche.end, 1)):
            ends.add(_day_before(add_months(start, option.length_months)))
    return sorted(ends)


def extension_starts(
    portfolio: Portfolio, tranche: str, first: date
) -> list[tuple[ExtensionOption, date]]:
    """Each extension option of ``tranche`` with the day it starts, counting from ``first``
    (the tranche's end plus a month): the options follow one another in order of code,
    each for its length."""
    starts = []
    for option in sorted(
        (e for e in portfolio.extension_options if e.tranche == tranche), key=lambda e: e.code
    ):
        starts.append((option, first))
        first = add_months(first, option.length_months)
    return starts


def _day_before(day: date) -> date:
    return date.fromordinal(day.toordinal() - 1)
