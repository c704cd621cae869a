"""A portfolio as of a data date: facts before it, remaining work after it.

The data date is the first day of the work still to do. Work that started on
or before it is under way; a cut-over before it is a fact (the cut-over day
is the service's last hosted day, so one on the data date is still to come).
Anything later had not happened yet, so a portfolio seen as of an earlier
date shows that migration as not started (or still in progress). Everything
planned, simulated or reported is made from this view.

Remaining work of a migration in progress is estimated, in this order, from

1. ``remaining_days``: the working days still needed, as recorded;
2. ``percent_complete``: the rest of the three-point duration estimate;
3. otherwise the working days elapsed since the actual start are taken off the
   estimate, leaving at least :data:`LEAST_REMAINING` of it (a migration that
   has overrun its estimate is not assumed finished: record how much is left).

Effort still needed falls in the same proportion as the duration.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from carveout.domain.enums import MigrationStatus
from carveout.domain.migrations import Migration
from carveout.domain.portfolio import Portfolio
from carveout.domain.ranges import MAX_DAYS

LEAST_REMAINING = 0.1
"""The smallest share of its estimate a migration in progress is assumed to have left."""


def migration_as_of(migration: Migration, day: date) -> Migration:
    """``migration`` as it stood on the data date ``day``."""
    if migration.status is MigrationStatus.CANCELLED or migration.actual_start is None:
        return migration
    if migration.actual_start > day:
        return migration.model_copy(
            update={
                "status": MigrationStatus.NOT_STARTED,
                "actual_start": None,
                "actual_end": None,
                "percent_complete": None,
                "remaining_days": None,
            }
        )
    if migration.actual_end is not None and migration.actual_end >= day:
        return migration.model_copy(
            update={"status": MigrationStatus.IN_PROGRESS, "actual_end": None}
        )
    return migration


def portfolio_as_of(portfolio: Portfolio, day: date) -> Portfolio:
    """``portfolio`` with every migration as it stood on the data date ``day``."""
    seen = tuple(migration_as_of(m, day) for m in portfolio.migrations)
    if seen == portfolio.migrations:
        return portfolio
    return portfolio.replace(migrations=seen)


@dataclass(frozen=True, slots=True)
class Remaining:
    """The share of a migration's estimates still to do on the data date, and why."""

    fraction: float
    basis: str
    note: str = ""


def working_days(first: date, last: date) -> int:
    """Monday-to-Friday days from ``first`` up to, not including, ``last``."""
    days = (last - first).days
    if days <= 0:
        return 0
    weeks, rest = divmod(days, 7)
    return weeks * 5 + sum(1 for k in range(rest) if (first + timedelta(days=k)).weekday() < 5)


def remaining_work(migration: Migration, day: date) -> Remaining:
    """How much of ``migration`` (in progress on ``day``) is left to do."""
    likely = migration.duration.most_likely
    if migration.remaining_days is not None:
        left = migration.remaining_days
        basis = f"{left:g} working days left, as recorded"
        fraction = left / likely if likely > 0 else 0.0
        # Scaled by a large fraction, a wide estimate could outrun any calendar: the work
        # left is kept within the longest duration allowed.
        widest = migration.duration.pessimistic
        longest = MAX_DAYS / widest if widest > 0 else fraction
        if fraction <= longest:
            return Remaining(fraction, basis)
        return Remaining(
            longest,
            basis,
            f"{migration.service} records {left:g} working days left against a most likely "
            f"{likely:g} and a pessimistic {migration.duration.pessimistic:g}: the work left "
            f"is taken as at most {MAX_DAYS:,} working days; check its estimates",
        )
    if migration.percent_complete is not None:
        done = migration.percent_complete
        return Remaining(1 - done / 100, f"{done:g}% complete, as recorded")
    started = migration.actual_start or day
    elapsed = working_days(started, day)
    if likely <= 0:
        return Remaining(0.0, "no duration estimated")
    fraction = 1 - elapsed / likely
    basis = f"{elapsed} of its {likely:g} most likely working days elapsed"
    if fraction >= LEAST_REMAINING:
        return Remaining(fraction, basis)
    return Remaining(
        LEAST_REMAINING,
        basis,
        f"{migration.service} has run {elapsed} working days against a most likely "
        f"{likely:g}: {LEAST_REMAINING:.0%} of its estimate is assumed to remain; record its "
        "remaining days or percent complete",
    )
