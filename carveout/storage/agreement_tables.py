"""Tables of an agreement's per-service terms, its budgets and the invoices received.

Imported by :mod:`carveout.storage.tables`, so every table is on the one ``metadata``.
"""

from __future__ import annotations

from sqlalchemy import Column, Date, Double, Index, Integer, String, Table, Text

from carveout.storage.columns import code as _code
from carveout.storage.columns import metadata
from carveout.storage.columns import money as _money
from carveout.storage.columns import owned_by as _owner
from carveout.storage.columns import position as _position
from carveout.storage.columns import ref as _ref

agreement_budget = Table(
    "agreement_budget",
    metadata,
    _owner("agreement", "agreement.code"),
    _ref("party", "party.code", primary=True),
    _money("amount"),
    _position(),
    Index(None, "party"),
)

schedule_line = Table(
    "schedule_line",
    metadata,
    _code("code", primary=True),
    _ref("tranche", "tranche.code"),
    _ref("service", "service.code"),
    Column("pricing", String(32), nullable=False),
    Column("direction", String(32), nullable=False),
    Column("minimum_term_months", Integer, nullable=False),
    Column("notice_months", Integer, nullable=True),
    _position(),
    Index(None, "tranche"),
    Index(None, "service"),
)
schedule_line_rate = Table(
    "schedule_line_rate",
    metadata,
    _owner("schedule_line", "schedule_line.code"),
    _position(primary=True),
    Column("start", Date, nullable=False),
    Column("end", Date, nullable=False),
    Column("rate", Double, nullable=False),
    Column("quantity", Double, nullable=False),
)

invoice_line = Table(
    "invoice_line",
    metadata,
    _code("code", primary=True),
    _ref("agreement", "agreement.code"),
    _ref("service", "service.code"),
    Column("month", Date, nullable=False),
    _money("amount"),
    Column("volume", Double, nullable=True),
    Column("reference", Text, nullable=False),
    _position(),
    Index(None, "agreement"),
    Index(None, "service"),
)
