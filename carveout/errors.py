"""Errors a user can act on. The CLI prints them as one paragraph, the web as a page."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from carveout.domain.base import Record
    from carveout.domain.validation import Problem


class CarveoutError(Exception):
    """An error whose message tells the user what went wrong and what to do."""


class NotFound(CarveoutError):
    """A record, scenario or result that does not exist."""


class ValidationFailed(CarveoutError):
    """A change that would leave the portfolio inconsistent; nothing was written."""

    def __init__(self, problems: Sequence[Problem], *, limit: int = 20) -> None:
        self.problems = list(problems)
        shown = "\n".join(f"  - {p}" for p in self.problems[:limit])
        more = len(self.problems) - limit
        tail = f"\n  … and {more} more" if more > 0 else ""
        super().__init__(
            f"{len(self.problems)} problem(s) found; nothing was written:\n{shown}{tail}"
        )


class NotSignedIn(CarveoutError):
    """A request without a signed-in user or a valid API token."""


class Forbidden(CarveoutError):
    """A change or a view the acting user's organisation and role do not allow."""


class Conflict(CarveoutError):
    """A change made against a version of a record that is no longer the stored one: someone
    changed or removed it meanwhile. Nothing was written; ``current`` is the record as it is
    now (None when it is gone) and ``version`` its version."""

    def __init__(self, kind: str, key: str, *, current: Record | None, version: str | None) -> None:
        self.kind = kind
        self.key = key
        self.current = current
        self.version = version
        now = "was removed" if current is None else "was changed"
        super().__init__(
            f"The {kind} {key!r} {now} by someone else after you read it; nothing was written. "
            "Review the current version and make your change again against it."
        )
