"""The Charges page's services × months heat map, and its filter by tranche and paying party.

Every figure comes from :func:`carveout.charges.report.charges_view` (the charges' one
definition): a cell is the sum of the view's expected charges kept by the filter, and its
flag is the view's own match of invoices against the expected charge of that service and
month (invoices are matched by service and month, whoever pays). Months before the data date
are invoiced (actuals); from it on, forecast.
"""

from __future__ import annotations

import math
from collections import defaultdict
from datetime import date

from pydantic import BaseModel

from carveout.charges.expected import Expected
from carveout.charges.matching import Match
from carveout.charges.report import ChargesView
from carveout.domain.dates import is_to_date

SHADES = 5
"""Colour steps of the heat map, lightest to darkest."""

Key = tuple[str, str, date]


class HeatCell(BaseModel):
    """One service in one month: the expected charge kept by the filter, what was invoiced,
    the reason they differ (None: within the tolerance, or not yet due) and its colour step
    (0 for nothing expected)."""

    month: date
    expected: float
    invoiced: float
    variance: float
    reason: str | None
    actual: bool
    shade: int


class HeatRow(BaseModel):
    agreement: str
    service: str
    cells: list[HeatCell | None]
    """One per month of the grid, None where nothing is expected or invoiced."""
    expected: float
    invoiced: float


class HeatGrid(BaseModel):
    """The heat map: ``months`` as columns, a row per agreement and service, and the scale.

    ``first_forecast`` is the index of the first month on or after the data date (the line
    between actuals and forecast; ``len(months)`` when every month is past), ``steps`` the
    upper bound of each colour step in pounds (the darkest step last).
    """

    as_of: date
    months: list[date]
    first_forecast: int
    rows: list[HeatRow]
    steps: list[float]


def kept_matches(
    view: ChargesView, *, tranche: str | None, party: str | None
) -> list[tuple[Match, float]]:
    """The view's matches the filter keeps, each with its expected charge under the filter.

    Without a tranche or party every match is kept at its own expected charge. With one, a
    match is kept when some of its expected charge is the tranche's or the party's to pay, at
    that part; and so is an invoice where nothing is expected (charged after exit, say) for a
    service the tranche or party is charged for in some other month.
    """
    if tranche is None and party is None:
        return [(m, m.expected) for m in view.matches]
    chosen = [e for e in view.expected if _chosen(e, tranche=tranche, party=party)]
    amounts: dict[Key, float] = defaultdict(float)
    for row in chosen:
        amounts[(row.agreement, row.service, row.month)] += row.amount
    services = {(e.agreement, e.service) for e in chosen}
    kept: list[tuple[Match, float]] = []
    for match in view.matches:
        key = (match.agreement, match.service, match.month)
        if key in amounts:
            kept.append((match, round(amounts[key], 2)))
        elif match.expected == 0 and (match.agreement, match.service) in services:
            kept.append((match, 0.0))
    return kept


def _chosen(row: Expected, *, tranche: str | None, party: str | None) -> bool:
    return (tranche is None or row.tranche == tranche) and (party is None or row.payer == party)


def steps(amounts: list[float]) -> list[float]:
    """Upper bounds of the colour steps: equal slices from the least to the most expected in a
    month (pounds, rounded up), so that the usual charges are told apart; one step when every
    charge is the same."""
    shown = [a for a in amounts if a > 0]
    if not shown:
        return []
    low, high = min(shown), max(shown)
    bounds = [math.ceil(low + (high - low) * i / SHADES) for i in range(1, SHADES + 1)]
    return sorted(set(bounds))


def shade(amount: float, bounds: list[float]) -> int:
    """The colour step of ``amount`` (1 to :data:`SHADES`; 0 for nothing expected)."""
    if amount <= 0 or not bounds:
        return 0
    return next((i for i, b in enumerate(bounds, start=1) if amount <= b), len(bounds))


def heat_grid(kept: list[tuple[Match, float]], *, as_of: date) -> HeatGrid:
    """The kept matches as a services × months grid, coloured by expected charge."""
    months = sorted({m.month for m, _ in kept})
    bounds = steps([amount for _, amount in kept])
    by_row: dict[tuple[str, str], dict[date, HeatCell]] = defaultdict(dict)
    for match, amount in kept:
        by_row[(match.agreement, match.service)][match.month] = HeatCell(
            month=match.month,
            expected=amount,
            invoiced=match.invoiced,
            variance=match.variance,
            reason=None if match.reason is None else str(match.reason),
            actual=is_to_date(match.month, as_of),
            shade=shade(amount, bounds),
        )
    rows = [
        HeatRow(
            agreement=agreement,
            service=service,
            cells=[cells.get(m) for m in months],
            expected=round(sum(c.expected for c in cells.values()), 2),
            invoiced=round(sum(c.invoiced for c in cells.values()), 2),
        )
        for (agreement, service), cells in sorted(by_row.items())
    ]
    first = next((i for i, m in enumerate(months) if m >= as_of), len(months))
    return HeatGrid(as_of=as_of, months=months, first_forecast=first, rows=rows, steps=bounds)
