"""The Charges page and ``/api/charges``: expected charges and invoices, services × months.

The filter by agreement and month is the charges view's own; the filter by tranche and
paying party keeps the view's figures as :mod:`carveout.web.queries.charge_grid` says.
"""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel

from carveout.charges.matching import Match
from carveout.charges.report import charges_view
from carveout.web.deps import WebContext
from carveout.web.inputs import scope
from carveout.web.queries.charge_grid import HeatGrid, heat_grid, kept_matches
from carveout.web.queries.scope import ResultNote, ScenarioChoice


class Cell(BaseModel):
    """One service in one month: expected, invoiced, and why they differ (None: they agree)."""

    month: date
    expected: float
    invoiced: float
    variance: float
    reason: str | None


class ServiceRow(BaseModel):
    agreement: str
    service: str
    cells: list[Cell]
    expected: float
    invoiced: float


class BudgetRow(BaseModel):
    agreement: str
    party: str
    invoiced: float
    expected_to_date: float
    expected: float
    budget: float | None
    headroom: float | None
    credits: float = 0.0
    net: float = 0.0


class ChargesPage(BaseModel):
    """Everything the Charges page shows; ``flagged`` are the cells that differ, ``grid`` the
    services × months heat map, ``tranches`` and ``parties`` the choices of the filter."""

    scenario: ScenarioChoice
    plan: ResultNote | None
    basis: str
    tolerance: float
    agreement: str | None
    tranche: str | None = None
    party: str | None = None
    month: date | None
    agreements: list[str]
    tranches: list[str] = []
    parties: list[str] = []
    months: list[date]
    rows: list[ServiceRow]
    flagged: list[ServiceRow]
    budgets: list[BudgetRow]
    grid: HeatGrid | None = None
    later: str | None = None
    plan_from: date | None = None


def charges_page(
    ctx: WebContext,
    *,
    requested: str | None,
    as_of: date | None,
    agreement: str | None,
    month: date | None,
    tolerance: float,
    tranche: str | None = None,
    party: str | None = None,
    plan_from: date | None = None,
) -> ChargesPage:
    s = scope(ctx, requested=requested, as_of=as_of, plan_from=plan_from)
    view = charges_view(
        portfolio=s.seen,
        plan=s.plan_value,
        as_of=s.as_of,
        agreement=agreement,
        month=month,
        tolerance=tolerance,
    )
    kept = kept_matches(view, tranche=tranche, party=party)
    rows = _rows(kept)
    under = [t for t in s.seen.tranches if agreement is None or t.agreement == agreement]
    return ChargesPage(
        scenario=s.choice,
        plan=s.plan_note(),
        basis=view.basis,
        later=view.later_note,
        plan_from=plan_from,
        tolerance=tolerance,
        agreement=agreement,
        tranche=tranche,
        party=party,
        month=month,
        tranches=[t.code for t in under],
        parties=sorted({e.payer for e in view.expected}),
        agreements=[a.code for a in s.seen.agreements if a.code in {r.agreement for r in rows}]
        or [a.code for a in s.seen.agreements],
        months=list(view.months),
        rows=rows,
        flagged=[
            ServiceRow(
                agreement=r.agreement,
                service=r.service,
                cells=[c for c in r.cells if c.reason is not None],
                expected=r.expected,
                invoiced=r.invoiced,
            )
            for r in rows
            if any(c.reason is not None for c in r.cells)
        ],
        budgets=[
            BudgetRow(
                agreement=b.agreement,
                party=b.party,
                invoiced=b.invoiced,
                expected_to_date=b.expected_to_date,
                expected=b.expected,
                budget=b.budget,
                headroom=b.headroom,
                credits=b.credits,
                net=b.net,
            )
            for b in view.budgets
            if party is None or b.party == party
        ],
        grid=heat_grid(kept, as_of=view.as_of),
    )


def _rows(kept: list[tuple[Match, float]]) -> list[ServiceRow]:
    by_service: dict[tuple[str, str], list[Cell]] = {}
    for m, expected in kept:
        by_service.setdefault((m.agreement, m.service), []).append(
            Cell(
                month=m.month,
                expected=expected,
                invoiced=m.invoiced,
                variance=m.variance,
                reason=None if m.reason is None else str(m.reason),
            )
        )
    return [
        ServiceRow(
            agreement=agreement,
            service=service,
            cells=cells,
            expected=round(sum(c.expected for c in cells), 2),
            invoiced=round(sum(c.invoiced for c in cells), 2),
        )
        for (agreement, service), cells in sorted(by_service.items())
    ]


def chart_rows(page: ChargesPage) -> list[dict[str, object]]:
    """Expected and invoiced per month, for the chart."""
    totals: dict[date, list[float]] = {m: [0.0, 0.0] for m in page.months}
    for row in page.rows:
        for c in row.cells:
            totals[c.month][0] += c.expected
            totals[c.month][1] += c.invoiced
    return [
        {"month": m.isoformat(), "series": series, "pounds": round(value, 2)}
        for m, (owed, paid) in sorted(totals.items())
        for series, value in (("Expected", owed), ("Invoiced", paid))
    ]
