"""A proposal and its votes as read back from the store (:mod:`carveout.storage.proposals`
writes and decides them)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from carveout.domain import ENTITY_KINDS, Portfolio, Record
from carveout.domain.changes import Change
from carveout.errors import CarveoutError

OPEN = "open"
CLOSED = ("applied", "rejected", "withdrawn", "superseded")
"""What becomes of a proposal: applied once all approve, or rejected, withdrawn, superseded."""


@dataclass(frozen=True, slots=True)
class Vote:
    """One party's approval or rejection of a proposal."""

    party: str
    actor: str
    approve: bool
    comment: str
    at: datetime


@dataclass(frozen=True, slots=True)
class Proposal:
    """A change to ``kind`` ``key`` (the record before and after, as JSON) awaiting ``needs``."""

    id: int
    kind: str
    key: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    author: str
    organisation: str
    created: datetime
    needs: tuple[str, ...]
    status: str
    decided: datetime | None = None
    comment: str = ""
    votes: tuple[Vote, ...] = ()

    @property
    def action(self) -> str:
        return "added" if self.before is None else "removed" if self.after is None else "changed"

    @property
    def fields(self) -> list[str]:
        """The fields the change sets (every field of a record added or removed)."""
        old, new = self.before or {}, self.after or {}
        return [n for n in dict.fromkeys([*old, *new]) if old.get(n) != new.get(n)]

    @property
    def approved_by(self) -> tuple[str, ...]:
        return tuple(v.party for v in self.votes if v.approve)

    @property
    def waiting_for(self) -> tuple[str, ...]:
        """The needed parties that have not voted yet (none once it is decided)."""
        if self.status != OPEN:
            return ()
        voted = {v.party for v in self.votes}
        return tuple(p for p in self.needs if p not in voted)

    def change(self, current: Record | None) -> Change:
        """The proposed change, as a change from ``current`` (the record as stored now)."""
        after = None if self.after is None else ENTITY_KINDS[self.kind].model_validate(self.after)
        return Change(self.kind, self.key, current, after)


class ProposalClosed(CarveoutError):
    """A vote or withdrawal on a proposal that is already decided, or a second vote."""


def dump(record: Record | None) -> dict[str, Any] | None:
    return None if record is None else record.model_dump(mode="json")


def stale(proposal: Proposal, current: Portfolio) -> bool:
    """Whether the record has changed since ``proposal`` was made."""
    return dump(current.by_key(proposal.kind).get(proposal.key)) != proposal.before
