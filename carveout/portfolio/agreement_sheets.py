"""Workbook sheets of agreements' per-service terms, budgets and invoices received.

Kept apart from :mod:`carveout.portfolio.sheets`, which lists them among the others.
"""

from __future__ import annotations

from carveout.domain.schedule import Direction, Pricing
from carveout.portfolio.sheet_model import Column, ColumnType, Sheet


def _column(name: str, kind: ColumnType, help: str, *, required: bool = False) -> Column:
    return Column(name, kind, help, required)


def _choice(name: str, values: tuple[str, ...], help: str) -> Column:
    return Column(name, ColumnType.CHOICE, help, False, values)


_CODE, _NUMBER, _INTEGER, _DATE, _TEXT = (
    ColumnType.CODE,
    ColumnType.NUMBER,
    ColumnType.INTEGER,
    ColumnType.DATE,
    ColumnType.TEXT,
)

AGREEMENT_BUDGETS = Sheet(
    "agreement_budgets",
    "What each party has budgeted to pay under an agreement over its term.",
    (
        _column("agreement", _CODE, "Code of an agreement on the agreements sheet", required=True),
        _column("party", _CODE, "Code of a party to that agreement", required=True),
        _column("amount", _NUMBER, "The party's budget in pounds", required=True),
    ),
    key=("agreement", "party"),
    parent="agreements",
    field="budgets",
)

SCHEDULE_LINES = Sheet(
    "schedule_lines",
    "Each service a tranche covers, with its pricing, minimum term and notice to exit early.",
    (
        _column("code", _CODE, "Short unique code of the line", required=True),
        _column("tranche", _CODE, "Code of a tranche on the tranches sheet", required=True),
        _column("service", _CODE, "Code of a service that tranche lists", required=True),
        _choice(
            "pricing",
            tuple(p.value for p in Pricing),
            "How the charge follows from the rate (default fixed)",
        ),
        _choice(
            "direction",
            tuple(d.value for d in Direction),
            "host_to_recipient: the recipients pay the host (default); reverse: the other way",
        ),
        _column("minimum_term_months", _INTEGER, "Months charged whatever happens (default 0)"),
        _column(
            "notice_months",
            _INTEGER,
            "Months of notice to leave before the tranche ends (blank: the agreement's); "
            "charged to the notice's end",
        ),
    ),
    key=("code",),
    kind="schedule_line",
)

LINE_RATES = Sheet(
    "line_rates",
    "The rate of each schedule line, period by period (periods must not overlap).",
    (
        _column(
            "schedule_line", _CODE, "Code of a line on the schedule_lines sheet", required=True
        ),
        _column("start", _DATE, "First day of the period", required=True),
        _column("end", _DATE, "Last day of the period", required=True),
        _column(
            "rate",
            _NUMBER,
            "Pounds a month (fixed), margin 0.1 = 10% (cost_plus), pounds per person or per "
            "transaction",
            required=True,
        ),
        _column(
            "quantity",
            _NUMBER,
            "Host's monthly cost (cost_plus), people (per_fte) or transactions a month (default 1)",
        ),
    ),
    key=("schedule_line", "start"),
    parent="schedule_lines",
    field="rates",
)

INVOICES = Sheet(
    "invoices",
    "Charges invoiced under an agreement, one row per service and month.",
    (
        _column("code", _CODE, "Short unique code of the invoice line", required=True),
        _column("agreement", _CODE, "Code of the agreement invoiced under", required=True),
        _column("service", _CODE, "Code of the service charged", required=True),
        _column("month", _DATE, "Any day of the month charged", required=True),
        _column("amount", _NUMBER, "Amount invoiced in pounds", required=True),
        _column("volume", _NUMBER, "People or transactions invoiced (priced per use)"),
        _column("reference", _TEXT, "The invoice's own number or note"),
    ),
    key=("code",),
    kind="invoice_line",
)

SCHEDULE_SHEETS: tuple[Sheet, ...] = (AGREEMENT_BUDGETS, SCHEDULE_LINES, LINE_RATES, INVOICES)
"""The sheets, in workbook order: they follow the extension options."""
