"""Replaying the audit trail against the stored records.

Every record carveout stores was written by a change it audited, so the latest
``after`` of each record in the trail must be exactly the record stored now. A
record stored but never audited, audited but not stored, or stored otherwise than
audited was inserted, deleted or altered behind carveout's back.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pydantic import ValidationError
from pydantic_core import to_jsonable_python
from sqlalchemy import Connection, Table, select

from carveout.domain import ENTITY_KINDS, Record
from carveout.storage.audit import DATA_ACTIONS
from carveout.storage.chain import as_utc
from carveout.storage.convert import MAPPERS, Mapper, Row

_ORDER = {kind: i for i, kind in enumerate(ENTITY_KINDS)}
_UNSET = object()


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing the verifier found wrong, as a sentence, with the entry or record it names."""

    what: str
    entry: int | None = None
    record: str | None = None


@dataclass(frozen=True, slots=True)
class _Written:
    entry: int
    actor: str
    at: datetime
    after: dict[str, Any] | None

    def by(self) -> str:
        return f"entry {self.entry} ({self.actor}, {self.at:%d %b %Y %H:%M} UTC)"


class Replay:
    """The latest audited state of every record, fed the trail in id order."""

    def __init__(self) -> None:
        self.latest: dict[tuple[str, str], _Written] = {}

    def step(self, row: Mapping[Any, Any]) -> None:
        if row["action"] in DATA_ACTIONS and row["kind"] in ENTITY_KINDS:
            self.latest[(row["kind"], row["key"])] = _Written(
                row["id"], row["actor"], as_utc(row["at"]), row["after"]
            )

    def compare(self, connection: Connection) -> tuple[int, list[Finding]]:
        """How many records are stored, and each that differs from the trail."""
        found: list[tuple[int, str, Finding]] = []
        stored: set[tuple[str, str]] = set()
        for kind, mapper in MAPPERS.items():
            records, unreadable = _read_kind(connection, mapper)
            for key, reason in unreadable:
                stored.add((kind, key))
                found.append((_ORDER[kind], key, self._unreadable(kind, key, reason)))
            for record in records:
                stored.add((kind, record.key))
                wrong = self._check(kind, record)
                if wrong is not None:
                    found.append((_ORDER[kind], record.key, wrong))
        for (kind, key), written in self.latest.items():
            if written.after is not None and (kind, key) not in stored:
                missing = Finding(
                    f"{kind} {key} is missing: {written.by()} last wrote it, and nothing "
                    "carveout audited removed it. It was deleted behind carveout's back.",
                    entry=written.entry,
                    record=f"{kind} {key}",
                )
                found.append((_ORDER[kind], key, missing))
        found.sort(key=lambda f: (f[0], f[1]))
        return len(stored), [f for _, _, f in found]

    def _unreadable(self, kind: str, key: str, reason: str) -> Finding:
        written = self.latest.get((kind, key))
        how = (
            "was changed behind carveout's back"
            if written is not None and written.after is not None
            else "was inserted behind carveout's back: no audit entry wrote it"
        )
        return Finding(
            f"{kind} {key} is stored in a form carveout never writes ({reason}): it {how}.",
            entry=None if written is None else written.entry,
            record=f"{kind} {key}",
        )

    def _check(self, kind: str, record: Record) -> Finding | None:
        name = f"{kind} {record.key}"
        written = self.latest.get((kind, record.key))
        if written is None or written.after is None:
            how = "no audit entry wrote it" if written is None else f"{written.by()} removed it"
            return Finding(
                f"{name} is stored, but {how}: it was inserted behind carveout's back.",
                entry=None if written is None else written.entry,
                record=name,
            )
        differ = _differences(record, written.after)
        if not differ:
            return None
        fields = (
            f"its {differ[0]} differs" if len(differ) == 1 else f"its {', '.join(differ)} differ"
        )
        return Finding(
            f"{name} is not as {written.by()} wrote it ({fields}): "
            "it was changed behind carveout's back.",
            entry=written.entry,
            record=name,
        )


def _differences(record: Record, audited: Mapping[str, Any]) -> list[str]:
    """The fields of ``record`` that differ from ``audited``; a field the entry does not
    carry (it was added to carveout later) must hold its default."""
    stored = record.model_dump(mode="json")
    fields = type(record).model_fields
    out = []
    for name, value in stored.items():
        expected = audited.get(name, _UNSET)
        if expected is _UNSET:
            field = fields[name]
            expected = (
                _UNSET
                if field.is_required()
                else to_jsonable_python(field.get_default(call_default_factory=True))
            )
        if expected != value:
            out.append(name)
    return out


def _read_kind(
    connection: Connection, mapper: Mapper
) -> tuple[list[Record], list[tuple[str, str]]]:
    """The stored records of one kind, and the key of each row that is not a valid record
    with the reason."""
    main = [dict(r) for r in connection.execute(select(mapper.table)).mappings()]
    children: dict[Table, list[Row]] = {
        child.table: [dict(r) for r in connection.execute(select(child.table)).mappings()]
        for child in mapper.children
    }
    try:
        return mapper.records(main, children), []
    except (ValidationError, ValueError, KeyError, TypeError):
        pass
    # Some row is not a valid record: read them one by one to name each that is not.
    owned: dict[Table, dict[Any, list[Row]]] = {
        table: _by_owner(rows, mapper.owner) for table, rows in children.items()
    }
    records: list[Record] = []
    unreadable: list[tuple[str, str]] = []
    for row in main:
        mine = {table: groups.get(row.get("code"), []) for table, groups in owned.items()}
        try:
            records.extend(mapper.records([row], mine))
        except (ValidationError, ValueError, KeyError, TypeError) as error:
            key = "->".join(str(row.get(c)) for c in mapper.key_columns)
            reason = " ".join(line.strip() for line in str(error).strip().splitlines()[:3])
            unreadable.append((key, reason))
    return records, unreadable


def _by_owner(rows: Sequence[Row], owner: str) -> dict[Any, list[Row]]:
    grouped: dict[Any, list[Row]] = defaultdict(list)
    for row in rows:
        grouped[row.get(owner)].append(row)
    return grouped
