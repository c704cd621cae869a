"""Replacing the portfolio, or some kinds of it, with another: the import's write.

The changes are worked out inside the store's write transaction, from the portfolio as it
is once the lock is held, so two overlapping replacements never merge: the second waits
for the first, then turns what the first left into exactly its own target (and is checked
again, as a whole, before anything is written). A mixin of
:class:`carveout.storage.Store`, which provides the one write path (``_write``).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from typing import TYPE_CHECKING

from carveout.access import Principal
from carveout.access.policy import visible
from carveout.domain import COLLECTIONS, Portfolio
from carveout.domain.changes import Change, diff
from carveout.errors import CarveoutError

if TYPE_CHECKING:
    from carveout.storage.store import Outcome

MAX_DELETION_SHARE = 0.2
"""A replacement may remove at most this share of the stored records of any kind …"""
DELETION_FLOOR = 5
"""… unless it removes this many or fewer (removing 3 of 4 RAID entries is ordinary)."""

Plan = Callable[[Portfolio], Sequence[Change]]
"""Works out the changes to make from the portfolio as it is under the store's lock."""


class MassDeletion(CarveoutError):
    """A replacement would remove more than the allowed share of some kind; nothing was
    written. ``removals`` maps each such kind to ``(removed, stored)``."""

    def __init__(self, removals: dict[str, tuple[int, int]], *, share: float) -> None:
        self.removals = removals
        self.share = share
        counts = "; ".join(f"{gone} of {had} {kind}" for kind, (gone, had) in removals.items())
        super().__init__(
            f"The import would remove {counts}: more than {share:.0%} (and more than "
            f"{DELETION_FLOOR} records) of a kind, so nothing was imported. Check that the file "
            "is complete; if those records really are to go, confirm the deletions "
            "(carveout import --allow-deletions)."
        )


def replacement(
    current: Portfolio, target: Portfolio, kinds: Collection[str] | None = None
) -> list[Change]:
    """The changes that make ``current`` hold exactly ``target``'s records (of ``kinds`` only,
    when given; other kinds are left as they are)."""
    return [c for c in diff(current, target).changes if kinds is None or c.kind in kinds]


def mass_deletions(
    current: Portfolio, changes: Sequence[Change], *, share: float
) -> dict[str, tuple[int, int]]:
    """The kinds of which ``changes`` remove more than ``share`` of ``current``'s records and
    more than :data:`DELETION_FLOOR`, with ``(removed, stored)``."""
    removed: dict[str, int] = {}
    for change in changes:
        if change.after is None:
            removed[change.kind] = removed.get(change.kind, 0) + 1
    found = {}
    for kind, gone in removed.items():
        had = len(current.records(kind))
        if gone > DELETION_FLOOR and gone > share * had:
            found[kind] = (gone, had)
    return found


class Replacing:
    """:meth:`replace`: the stored portfolio becomes a given one, all or nothing."""

    def _write(
        self,
        changes: Sequence[Change] | Plan,
        *,
        actor: str,
        principal: Principal | None,
        request_id: str | None = None,
        dry_run: bool = False,
    ) -> Outcome:
        raise NotImplementedError

    def replace(
        self,
        target: Portfolio,
        *,
        kinds: Collection[str] | None = None,
        actor: str,
        principal: Principal | None = None,
        request_id: str | None = None,
        dry_run: bool = False,
        max_deletion_share: float | None = MAX_DELETION_SHARE,
    ) -> Outcome:
        """Make the portfolio (as ``principal`` sees it) hold exactly ``target``'s records of
        ``kinds`` (default: every kind), in one transaction.

        The difference is worked out under the store's lock, then ruled, validated and
        written as :meth:`Store.apply` does (see there for what it raises). Raises
        :class:`MassDeletion`, writing nothing, when it would remove more than
        ``max_deletion_share`` of a kind (None: any share).
        """
        unknown = sorted(set(kinds or ()) - set(COLLECTIONS))
        if unknown:
            raise CarveoutError(
                f"Unknown kind(s) {', '.join(unknown)}; the kinds are {', '.join(COLLECTIONS)}."
            )

        def plan(current: Portfolio) -> Sequence[Change]:
            seen = current if principal is None else visible(principal, current)
            changes = replacement(seen, target, kinds)
            if max_deletion_share is not None:
                over = mass_deletions(seen, changes, share=max_deletion_share)
                if over:
                    raise MassDeletion(over, share=max_deletion_share)
            return changes

        return self._write(
            plan, actor=actor, principal=principal, request_id=request_id, dry_run=dry_run
        )
