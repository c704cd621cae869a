"""The Charges page and ``/api/charges``: expected charges and invoices, services × months."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel

from carveout.charges.report import ChargesView, charges_view
from carveout.web.deps import WebContext
from carveout.web.inputs import scope
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


class ChargesPage(BaseModel):
    """Everything the Charges page shows; ``flagged`` are the cells that differ."""

    scenario: ScenarioChoice
    plan: ResultNote | None
    basis: str
    tolerance: float
    agreement: str | None
    month: date | None
    agreements: list[str]
    months: list[date]
    rows: list[ServiceRow]
    flagged: list[ServiceRow]
    budgets: list[BudgetRow]


def charges_page(
    ctx: WebContext,
    *,
    requested: str | None,
    as_of: date | None,
    agreement: str | None,
    month: date | None,
    tolerance: float,
) -> ChargesPage:
    s = scope(ctx, requested=requested, as_of=as_of)
    view = charges_view(
        portfolio=s.seen,
        plan=s.plan_value,
        as_of=s.as_of,
        agreement=agreement,
        month=month,
        tolerance=tolerance,
    )
    rows = _rows(view)
    return ChargesPage(
        scenario=s.choice,
        plan=s.plan_note(),
        basis=view.basis,
        tolerance=tolerance,
        agreement=agreement,
        month=month,
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
            )
            for b in view.budgets
        ],
    )


def _rows(view: ChargesView) -> list[ServiceRow]:
    by_service: dict[tuple[str, str], list[Cell]] = {}
    for m in view.matches:
        by_service.setdefault((m.agreement, m.service), []).append(
            Cell(
                month=m.month,
                expected=m.expected,
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
