"""Reading the whole portfolio: one SELECT per table, grouped in memory."""

from __future__ import annotations

from sqlalchemy import Connection, Table, select

from carveout.domain import COLLECTIONS, Portfolio
from carveout.storage.convert import MAPPERS, Row


def read_portfolio(connection: Connection) -> Portfolio:
    """Every record, each kind in the order it was first written."""
    collections = {}
    for kind, mapper in MAPPERS.items():
        main = connection.execute(select(mapper.table).order_by(mapper.table.c.position))
        children: dict[Table, list[Row]] = {
            child.table: [dict(r) for r in connection.execute(select(child.table)).mappings()]
            for child in mapper.children
        }
        collections[COLLECTIONS[kind]] = tuple(mapper.records(main.mappings(), children))
    return Portfolio(**collections)
