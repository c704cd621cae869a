"""A changeset sorted by the policy: what is applied at once, what waits for the other
parties (a proposal), and what is refused, for one principal."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from carveout.access.policy import Ruling, Verdict, rule, sees_record
from carveout.access.principal import Principal
from carveout.domain import Portfolio
from carveout.domain.changes import Change
from carveout.errors import Forbidden, NotFound


@dataclass(frozen=True, slots=True)
class Refusal:
    """One change the policy refuses, and why."""

    kind: str
    key: str
    action: str
    reason: str

    def __str__(self) -> str:
        return f"{self.kind} {self.key} ({self.action}): {self.reason}"


class ChangesRefused(Forbidden):
    """Changes the acting user may not make; nothing was written."""

    def __init__(self, refusals: Sequence[Refusal]) -> None:
        self.refusals = list(refusals)
        shown = "\n".join(f"  - {r}" for r in self.refusals[:20])
        more = f"\n  … and {len(self.refusals) - 20} more" if len(self.refusals) > 20 else ""
        super().__init__(
            f"{len(self.refusals)} change(s) refused; nothing was written:\n{shown}{more}"
        )


@dataclass(frozen=True, slots=True)
class Sorted:
    """A changeset as the policy sorts it: applied at once, or proposed to ``needs``."""

    allowed: tuple[Change, ...] = ()
    proposed: tuple[tuple[Change, Ruling], ...] = field(default=())


def sort_changes(
    principal: Principal, changes: Iterable[Change], current: Portfolio, result: Portfolio
) -> Sorted:
    """Rule every change; :class:`NotFound` for a record the principal may not know exists,
    :class:`ChangesRefused` listing every refused change."""
    allowed: list[Change] = []
    proposed: list[tuple[Change, Ruling]] = []
    refused: list[Refusal] = []
    for change in changes:
        if not sees_record(principal, change.before):
            raise NotFound(f"There is no {change.kind} {change.key!r}.")
        ruling = rule(principal, change, current, result)
        if ruling.verdict is Verdict.ALLOW:
            allowed.append(change)
        elif ruling.verdict is Verdict.PROPOSE:
            proposed.append((change, ruling))
        else:
            refused.append(Refusal(change.kind, change.key, change.action, ruling.reason))
    if refused:
        raise ChangesRefused(refused)
    return Sorted(tuple(allowed), tuple(proposed))
