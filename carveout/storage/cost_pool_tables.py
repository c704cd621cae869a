"""The cost pools' tables: each pool, its parties' shares, its services, its annual costs by
year and its recorded charges (the other records' tables are in
:mod:`carveout.storage.tables`)."""

from __future__ import annotations

from sqlalchemy import Column, Double, Index, Integer, String, Table, Text

from carveout.storage.columns import code as _code
from carveout.storage.columns import metadata
from carveout.storage.columns import money as _money
from carveout.storage.columns import owned_by as _owner
from carveout.storage.columns import position as _position
from carveout.storage.columns import ref as _ref

cost_pool = Table(
    "cost_pool",
    metadata,
    _code("code", primary=True),
    Column("name", Text, nullable=False),
    Column("basis", String(32), nullable=False),
    Column("driver", Text),
    _ref("agreement", "agreement.code", nullable=True),
    _position(),
    Index(None, "agreement"),
)
cost_pool_share = Table(
    "cost_pool_share",
    metadata,
    _owner("cost_pool", "cost_pool.code"),
    _ref("party", "party.code", primary=True),
    Column("share", Double, nullable=False),
    _position(),
    Index(None, "party"),
)
cost_pool_service = Table(
    "cost_pool_service",
    metadata,
    _owner("cost_pool", "cost_pool.code"),
    _position(primary=True),
    _ref("service", "service.code"),
    Index(None, "service"),
)
cost_pool_annual_cost = Table(
    "cost_pool_annual_cost",
    metadata,
    _owner("cost_pool", "cost_pool.code"),
    Column("year", Integer, primary_key=True),
    _money("amount"),
    _position(),
)

cost_pool_charge = Table(
    "cost_pool_charge",
    metadata,
    _owner("cost_pool", "cost_pool.code"),
    Column("year", Integer, primary_key=True),
    _ref("party", "party.code", primary=True),
    _money("amount"),
    _position(),
    Index(None, "party"),
)
