"""The transitional hosting agreement's schedule lines: each service's own terms.

SYNTHETIC: every line's figures. Each tranche's charge is shared out over the
services it lists in whole pennies (the first lines take the odd pennies), so
the tranches' totals are the charges in :mod:`carveout.demo.contracts`; each
line needs a month's notice to leave before its tranche ends (served on the
demonstration's data date, 1 October 2021, it ends on 31 October: a service
leaving in October pays for October anyway, so the demonstration's figures as
of that date are those it had before services had their own terms).
"""

from __future__ import annotations

from carveout.domain import RatePeriod, ScheduleLine, Tranche
from carveout.domain.schedule import Pricing

NOTICE_MONTHS = 1
"""Months of notice a service needs to leave a tranche early."""


def schedule_lines(tranches: tuple[Tranche, ...]) -> tuple[ScheduleLine, ...]:
    """One fixed-price line per service of each transitional tranche."""
    lines: list[ScheduleLine] = []
    for tranche in tranches:
        if tranche.agreement != "TSA-2021" or not tranche.services:
            continue
        pennies = round(tranche.monthly_charge * 100)
        each, odd = divmod(pennies, len(tranche.services))
        for index, service in enumerate(tranche.services):
            amount = (each + (1 if index < odd else 0)) / 100
            lines.append(
                ScheduleLine(
                    code=f"{tranche.code}/{service}",
                    tranche=tranche.code,
                    service=service,
                    pricing=Pricing.FIXED,
                    notice_months=NOTICE_MONTHS,
                    rates=(RatePeriod(start=tranche.start, end=tranche.end, rate=amount),),
                )
            )
    return tuple(lines)
