"""Tables of exit readiness gates: each service's exit criteria and go/no-go decisions.

Imported by :mod:`carveout.storage.tables`, so every table is on the one ``metadata``.
"""

from __future__ import annotations

from sqlalchemy import Column, Date, Index, String, Table, Text

from carveout.storage.columns import code as _code
from carveout.storage.columns import metadata
from carveout.storage.columns import position as _position
from carveout.storage.columns import ref as _ref

exit_criterion = Table(
    "exit_criterion",
    metadata,
    _code("code", primary=True),
    _ref("service", "service.code"),
    Column("criterion", Text, nullable=False),
    Column("owner", Text, nullable=False),
    Column("due", Date, nullable=False),
    Column("status", String(32), nullable=False),
    Column("evidence", Text, nullable=False),
    Column("recorded", Date, nullable=True),
    _position(),
    Index(None, "service"),
)

exit_decision = Table(
    "exit_decision",
    metadata,
    _code("code", primary=True),
    _ref("service", "service.code"),
    Column("decision", String(32), nullable=False),
    Column("approver", Text, nullable=False),
    Column("decided", Date, nullable=False),
    _position(),
    Index(None, "service"),
)
