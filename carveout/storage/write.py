"""Turning a list of record changes into bulk statements, in an order foreign keys accept.

Each step is one executemany per table, never a statement per record:

1. delete the child rows of changed and removed records;
2. insert added records, parents before dependants;
3. update changed records (they may now point at something just added,
   and no longer point at something about to go);
4. delete removed records, dependants before parents;
5. insert the child rows of added and changed records.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, Table, and_, bindparam, func, select

from carveout.domain.changes import Change
from carveout.storage.convert import MAPPERS, Mapper, Row


def write_changes(connection: Connection, changes: Sequence[Change]) -> None:
    """Write ``changes`` (effective ones, ``before`` as stored) through ``connection``."""
    by_kind: dict[str, list[Change]] = defaultdict(list)
    for change in changes:
        by_kind[change.kind].append(change)
    order = [kind for kind in MAPPERS if kind in by_kind]

    for kind in order:
        mapper = MAPPERS[kind]
        gone = [c.before for c in by_kind[kind] if c.before is not None]
        for child in mapper.children:
            _delete(connection, child.table, (mapper.owner,), [{mapper.owner: r.key} for r in gone])
    for kind in order:
        mapper = MAPPERS[kind]
        added = [c.after for c in by_kind[kind] if c.before is None and c.after is not None]
        if added:
            start = _next_position(connection, mapper.table)
            rows = [mapper.row(r, start + i) for i, r in enumerate(added)]
            connection.execute(mapper.table.insert(), rows)
    for kind in order:
        mapper = MAPPERS[kind]
        changed = [c.after for c in by_kind[kind] if c.action == "changed" and c.after is not None]
        _update(connection, mapper, [mapper.row(r) for r in changed])
    for kind in reversed(order):
        mapper = MAPPERS[kind]
        removed = [c.before for c in by_kind[kind] if c.after is None and c.before is not None]
        _delete(connection, mapper.table, mapper.key_columns, [mapper.key_of(r) for r in removed])
    for kind in order:
        mapper = MAPPERS[kind]
        child_rows: dict[Table, list[Row]] = defaultdict(list)
        for change in by_kind[kind]:
            if change.after is not None:
                for table, rows in mapper.child_rows(change.after).items():
                    child_rows[table].extend(rows)
        for table, rows in child_rows.items():
            if rows:
                connection.execute(table.insert(), rows)


def _next_position(connection: Connection, table: Table) -> int:
    last = connection.execute(select(func.max(table.c.position))).scalar_one()
    return 0 if last is None else int(last) + 1


def _delete(
    connection: Connection, table: Table, columns: Sequence[str], keys: Sequence[Row]
) -> None:
    if not keys:
        return
    # Bind names must differ from column names in executemany statements.
    where = and_(*(table.c[name] == bindparam(f"k_{name}") for name in columns))
    connection.execute(
        table.delete().where(where), [{f"k_{k}": v for k, v in key.items()} for key in keys]
    )


def _update(connection: Connection, mapper: Mapper, rows: Sequence[Row]) -> None:
    if not rows:
        return
    table = mapper.table
    keys = mapper.key_columns
    where = and_(*(table.c[name] == bindparam(f"k_{name}") for name in keys))
    values: dict[str, Any] = {name: bindparam(name) for name in rows[0] if name not in keys}
    params = [{**{f"k_{k}": row[k] for k in keys}, **row} for row in rows]
    connection.execute(table.update().where(where).values(values), params)
