"""What differs between two portfolios, record by record."""

from __future__ import annotations

from dataclasses import dataclass, field

from carveout.domain.base import Record
from carveout.domain.portfolio import COLLECTIONS, Portfolio


@dataclass(frozen=True, slots=True)
class Change:
    """One record added (``before is None``), removed (``after is None``) or changed."""

    kind: str
    key: str
    before: Record | None
    after: Record | None

    @property
    def action(self) -> str:
        if self.before is None:
            return "added"
        if self.after is None:
            return "removed"
        return "changed"


@dataclass(frozen=True, slots=True)
class Changeset:
    changes: tuple[Change, ...] = field(default_factory=tuple)

    def count(self, action: str, kind: str | None = None) -> int:
        return sum(1 for c in self.changes if c.action == action and kind in (None, c.kind))

    def __bool__(self) -> bool:
        return bool(self.changes)

    def summary(self) -> dict[str, dict[str, int]]:
        """``{kind: {"added": n, "changed": n, "removed": n}}`` for kinds that changed."""
        table: dict[str, dict[str, int]] = {}
        for c in self.changes:
            row = table.setdefault(c.kind, {"added": 0, "changed": 0, "removed": 0})
            row[c.action] += 1
        return table


def diff(old: Portfolio, new: Portfolio) -> Changeset:
    """The changes that turn ``old`` into ``new``, matching records by key.

    Additions and changes come in dependency order (parties before services),
    removals in reverse, so applying them in sequence never breaks a reference.
    """
    upserts: list[Change] = []
    removals: list[Change] = []
    for kind in COLLECTIONS:
        before = old.by_key(kind)
        after = new.by_key(kind)
        for key, record in after.items():
            previous = before.get(key)
            if previous != record:
                upserts.append(Change(kind, key, previous, record))
        removals.extend(
            Change(kind, key, rec, None) for key, rec in before.items() if key not in after
        )
    return Changeset(tuple(upserts + removals[::-1]))
