"""Tables of service levels (on schedule lines) and the values measured each month.

Imported by :mod:`carveout.storage.tables`, so every table is on the one ``metadata``.
"""

from __future__ import annotations

from sqlalchemy import Column, Date, Double, Index, String, Table, Text

from carveout.storage.columns import code as _code
from carveout.storage.columns import metadata
from carveout.storage.columns import position as _position
from carveout.storage.columns import ref as _ref

service_level = Table(
    "service_level",
    metadata,
    _code("code", primary=True),
    _ref("schedule_line", "schedule_line.code"),
    Column("metric", Text, nullable=False),
    Column("unit", Text, nullable=False),
    Column("target", Double, nullable=False),
    Column("direction", String(32), nullable=False),
    Column("credit_percent", Double, nullable=False),
    Column("cap_percent", Double, nullable=True),
    _position(),
    Index(None, "schedule_line"),
)

service_level_measurement = Table(
    "service_level_measurement",
    metadata,
    _code("code", primary=True),
    _ref("service_level", "service_level.code"),
    Column("month", Date, nullable=False),
    Column("value", Double, nullable=False),
    Column("note", Text, nullable=False),
    Column("evidence", Text, nullable=False),
    _position(),
    Index(None, "service_level"),
)
