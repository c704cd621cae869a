"""The Audit page and ``GET /api/audit``: the trail, newest first, filtered by record, user or
organisation, with each change field by field and the verification of the whole trail.

Entries about another party's private scenario are left out for those who may not see it
(:func:`carveout.access.policy.sees_scenario`), and so are verification findings naming it.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from datetime import datetime
from typing import Annotated, Any

from pydantic import BaseModel, Field
from sqlalchemy import Connection, Engine

from carveout.access import Principal
from carveout.access.policy import sees_scenario
from carveout.domain import ENTITY_KINDS, Scenario
from carveout.safe_cells import csv_escape
from carveout.storage.audit import (
    AuditEntry,
    AuditFilter,
    count_entries,
    read_entries,
    read_states,
)
from carveout.storage.chain import read_head
from carveout.storage.verify import verify

FINDINGS_SHOWN = 50
_CSV_BATCH = 1000
_TEXT = r"^[^\x00-\x1f\x7f]*$"
"""Filter values: any text without control characters (which no stored value has)."""


class AuditQuery(BaseModel):
    """The filters and page of the Audit page (all optional)."""

    kind: Annotated[str | None, Field(max_length=32, pattern=_TEXT, description="Kind")] = None
    key: Annotated[
        str | None, Field(max_length=256, pattern=_TEXT, description="Record key (with kind)")
    ] = None
    actor: Annotated[
        str | None, Field(max_length=128, pattern=_TEXT, description="Who made the change")
    ] = None
    organisation: Annotated[
        str | None, Field(max_length=64, pattern=_TEXT, description="The actor's organisation")
    ] = None
    page: Annotated[int, Field(ge=1, le=1_000_000, description="Page, newest first")] = 1
    per_page: Annotated[int, Field(ge=1, le=500, description="Entries per page")] = 50
    verify: Annotated[
        bool | None,
        Field(description="Verify the whole trail (default: on the first page only)"),
    ] = None

    def which(self, hidden: frozenset[int] = frozenset()) -> AuditFilter:
        return AuditFilter(
            kind=self.kind or None,
            key=self.key or None,
            actor=self.actor or None,
            organisation=self.organisation or None,
            hidden=hidden,
        )


class FieldChange(BaseModel):
    """One field of a record before and after the change (None: absent)."""

    field: str
    before: Any
    after: Any


class AuditRow(BaseModel):
    """One entry of the trail."""

    id: int
    at: datetime
    actor: str
    organisation: str | None
    request_id: str | None
    kind: str
    key: str
    action: str
    changes: list[FieldChange]
    hash: str | None


class Head(BaseModel):
    """The last entry of the trail: keep ``witness`` to prove later nothing up to it changed."""

    entry: int
    hash: str
    at: datetime
    witness: str


class Problem(BaseModel):
    """Something the verifier found altered, removed or inserted behind carveout's back."""

    what: str
    entry: int | None
    record: str | None


class VerificationView(BaseModel):
    """The verification of the whole trail and the stored records."""

    verified: bool
    entries: int
    records: int
    completeness: str
    problems: int
    findings: list[Problem]
    hidden_findings: int
    seconds: float


class AuditView(BaseModel):
    """The Audit page and ``GET /api/audit``."""

    query: AuditQuery
    kinds: list[str]
    total: int
    pages: int
    entries: list[AuditRow]
    head: Head | None
    verification: VerificationView | None


def audit_view(*, engine: Engine, principal: Principal, query: AuditQuery) -> AuditView:
    """The page of entries ``query`` asks for, as ``principal`` may see them."""
    with engine.connect() as connection:
        hidden, _ = hidden_entries(connection, principal)
        which = query.which(hidden)
        total = count_entries(connection, which)
        offset = (query.page - 1) * query.per_page
        entries = read_entries(connection, which, limit=query.per_page, offset=offset)
        head = read_head(connection)
    checked = query.verify if query.verify is not None else query.page == 1
    return AuditView(
        query=query,
        kinds=list(ENTITY_KINDS),
        total=total,
        pages=max(1, -(-total // query.per_page)),
        entries=[audit_row(e) for e in entries],
        head=None if head is None else Head(entry=head.id, hash=head.hash, at=head.at,
                                            witness=head.witness),
        verification=_verification(engine, principal) if checked else None,
    )  # fmt: skip


def audit_csv(*, engine: Engine, principal: Principal, query: AuditQuery) -> Iterator[str]:
    """Every entry ``query`` selects (all pages), newest first, as CSV lines."""
    buffer = io.StringIO()
    out = csv.writer(buffer)
    out.writerow(
        ["id", "at", "actor", "organisation", "request_id", "kind", "key", "action",
         "changed_fields", "before", "after", "hash"]
    )  # fmt: skip
    yield _drain(buffer)
    with engine.connect() as connection:
        which = query.which(hidden_entries(connection, principal)[0])
        below: int | None = None
        while True:
            batch = read_entries(connection, which, limit=_CSV_BATCH, below=below)
            for e in batch:
                out.writerow(
                    csv_escape(v)
                    for v in (
                        e.id, e.at.isoformat(), e.actor, e.organisation or "", e.request_id or "",
                        e.kind, e.key, e.action, ";".join(e.changed_fields),
                        _json(e.before), _json(e.after), e.hash or "",
                    )
                )  # fmt: skip
            if batch:
                yield _drain(buffer)
            if len(batch) < _CSV_BATCH:
                return
            below = batch[-1].id


def hidden_entries(
    connection: Connection, principal: Principal
) -> tuple[frozenset[int], frozenset[str]]:
    """The entries about a scenario ``principal`` may not see (another party's private
    scenario, as it stood before or after the change), and those scenarios' keys."""
    entries, keys = set(), set()
    for entry, key, before, after in read_states(connection, "scenario"):
        for state in (before, after):
            if state is not None and state.get("private") and not _sees(principal, state):
                entries.add(entry)
                keys.add(key)
    return frozenset(entries), frozenset(keys)


def audit_row(entry: AuditEntry) -> AuditRow:
    before, after = entry.before or {}, entry.after or {}
    model = ENTITY_KINDS.get(entry.kind)
    order = list(model.model_fields) if model else list({**before, **after})
    order += [name for name in {**before, **after} if name not in order]
    return AuditRow(
        id=entry.id,
        at=entry.at,
        actor=entry.actor,
        organisation=entry.organisation,
        request_id=entry.request_id,
        kind=entry.kind,
        key=entry.key,
        action=entry.action,
        changes=[
            FieldChange(field=name, before=before.get(name), after=after.get(name))
            for name in order
            if before.get(name) != after.get(name)
        ],
        hash=entry.hash,
    )


def _verification(engine: Engine, principal: Principal) -> VerificationView:
    result = verify(engine)
    with engine.connect() as connection:
        entries, keys = hidden_entries(connection, principal)
    records = {f"scenario {key}" for key in keys}
    shown = [f for f in result.findings if f.entry not in entries and f.record not in records]
    return VerificationView(
        verified=result.ok,
        entries=result.entries,
        records=result.records,
        completeness=result.completeness,
        problems=len(result.findings),
        findings=[Problem(what=f.what, entry=f.entry, record=f.record) for f in shown][
            :FINDINGS_SHOWN
        ],
        hidden_findings=len(result.findings) - len(shown),
        seconds=round(result.seconds, 3),
    )


def _sees(principal: Principal, state: dict[str, Any]) -> bool:
    try:
        return sees_scenario(principal, Scenario.model_validate(state))
    except ValueError:
        # A state no scenario has now: decide from the two fields that make it private.
        return bool(state.get("owner") == principal.organisation)


def _json(value: dict[str, Any] | None) -> str:
    return "" if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


def _drain(buffer: io.StringIO) -> str:
    text = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return text
