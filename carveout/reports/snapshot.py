"""What each report remembers, and the progress between two reports.

A report stores a small :class:`Snapshot` (kind ``"report"``): each moving
service's status and its planned and forecast dates. The next report compares
its own snapshot with the one before to say what cut over, started, slipped
and was added since. A snapshot carries the one it was compared with
(``baseline``), so re-running a report for the same date compares with the
same earlier report rather than with itself.
"""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore")


class ServiceState(_Model):
    """One moving service as a report saw it."""

    status: str
    planned: date | None = None
    forecast: date | None = None
    actual_end: date | None = None


class Snapshot(_Model):
    """The state of a scenario's services on the date of one report."""

    scenario: str
    as_of: date
    services: dict[str, ServiceState]
    baseline: Snapshot | None = None

    def without_baseline(self) -> Snapshot:
        return self.model_copy(update={"baseline": None})


class Slip(_Model):
    """A service whose expected cut-over moved between two reports (``days`` > 0 is later)."""

    service: str
    before: date
    after: date
    days: int


class Progress(_Model):
    """What changed since the previous report, ``previous`` being its date (None: first report)."""

    previous: date | None
    cut_over: tuple[str, ...] = ()
    started: tuple[str, ...] = ()
    slipped: tuple[Slip, ...] = ()
    brought_forward: tuple[Slip, ...] = ()
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()

    @property
    def first(self) -> bool:
        return self.previous is None


def baseline_for(latest: Snapshot | None, *, as_of: date) -> Snapshot | None:
    """The earlier report to compare a report of ``as_of`` with, given the latest one stored."""
    if latest is None:
        return None
    if latest.as_of < as_of:
        return latest.without_baseline()
    # The latest report is of this date or later: compare with what it compared with.
    base = latest.baseline
    return base if base is not None and base.as_of < as_of else None


def _expected(state: ServiceState) -> date | None:
    # The plan's date is what the board agreed to; the forecast only when there is no plan.
    return state.planned or state.forecast


def progress_since(previous: Snapshot | None, current: Snapshot) -> Progress:
    """Cut-overs, starts, slips and additions from ``previous`` to ``current``."""
    if previous is None:
        return Progress(previous=None)
    before, now = previous.services, current.services
    cut_over = [
        c for c, s in now.items() if s.status == "cut_over" and _status(before, c) != "cut_over"
    ]
    started = [
        c
        for c, s in now.items()
        if s.status == "in_progress" and _status(before, c) == "not_started"
    ]
    slipped: list[Slip] = []
    forward: list[Slip] = []
    for code, state in now.items():
        old = before.get(code)
        if old is None or state.status == "cut_over":
            continue
        was, will = _expected(old), _expected(state)
        if was is None or will is None or was == will:
            continue
        slip = Slip(service=code, before=was, after=will, days=(will - was).days)
        (slipped if slip.days > 0 else forward).append(slip)
    return Progress(
        previous=previous.as_of,
        cut_over=tuple(sorted(cut_over)),
        started=tuple(sorted(started)),
        slipped=tuple(sorted(slipped, key=lambda s: (-s.days, s.service))),
        brought_forward=tuple(sorted(forward, key=lambda s: (s.days, s.service))),
        added=tuple(sorted(set(now) - set(before))),
        removed=tuple(sorted(set(before) - set(now))),
    )


def _status(states: dict[str, ServiceState], code: str) -> str | None:
    state = states.get(code)
    return None if state is None else state.status
