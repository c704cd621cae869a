"""The portfolio's risks, blackouts and extension options, on the simulation's clock.

Blackouts are the planner's (:class:`carveout.domain.Blackout`, by team, service
or for all); services that cut over together share every blackout of the group,
so the date they share is allowed for each. A risk's window and the extension
option it triggers come from its RAID entry.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date

from carveout.domain import Portfolio, RaidKind, RaidStatus
from carveout.domain.ranges import MAX_DAYS
from carveout.planning.separation import Separation
from carveout.risk.branches import ExtensionCharge, extension_charge
from carveout.risk.calendars import Blackouts, build_blackouts
from carveout.risk.events import RiskEvent

CALENDAR_PER_WORKING_DAY = 7 / 5


def _day(day: date) -> str:
    return f"{day.day} {day:%b %Y}"


def _offset(day: date, origin: date) -> float:
    return float((day - origin).days)


def plan_blackouts(
    portfolio: Portfolio,
    sep: Separation,
    names: Sequence[str],
    groups: Sequence[Sequence[str]],
) -> Blackouts | None:
    """Each simulated service's blackout days from the origin (None when none applies)."""
    origin = sep.calendar.origin
    team_of = {m.service: m.team for m in sep.moves}
    group_of = {n: g for g in groups for n in g}
    used: set[str] = set()

    def spans(service: str) -> list[tuple[float, float]]:
        found = []
        for member in group_of.get(service, (service,)):
            for b in portfolio.blackouts:
                if b.end >= origin and b.applies_to(team=team_of[member], service=member):
                    found.append((_offset(b.start, origin), _offset(b.end, origin)))
                    used.add(b.code)
        return found

    per = [spans(n) for n in names]
    if not used:
        return None
    labels = tuple(
        f"{b.code} ({_day(b.start)} – {_day(b.end)}"
        + (f", team {b.team}" if b.team else "")
        + (f", {b.service}" if b.service else "")
        + ")"
        for b in sorted(portfolio.blackouts, key=lambda b: (b.start, b.code))
        if b.code in used
    )
    return build_blackouts(per, labels)


def risk_window(start: date | None, end: date | None, origin: date) -> tuple[float, float] | None:
    """A RAID window as first and last day on the simulation's clock."""
    if start is None or end is None:
        return None
    return _offset(start, origin), _offset(end, origin)


def plan_extensions(
    portfolio: Portfolio, sep: Separation, rows: dict[str, int]
) -> tuple[ExtensionCharge, ...]:
    """What each extension option an open risk triggers charges when the risk exercises it."""
    codes = {r.triggers_extension for r in portfolio.raid if r.triggers_extension}
    known = {e.code for e in portfolio.extension_options}
    tranches = {t.code for t in portfolio.tranches}
    return tuple(
        extension_charge(
            portfolio=portfolio,
            code=code,
            terms=sep.terms,
            rows=rows,
            first_month=sep.first_month,
        )
        for code in sorted(codes)
        if code in known
        and next(e.tranche for e in portfolio.extension_options if e.code == code) in tranches
    )


def risk_events(portfolio: Portfolio, pos: dict[str, int], origin: date) -> tuple[RiskEvent, ...]:
    """Open risks as events; extra effort turns into time at the migration's own staffing.

    A migration's staffing is its most likely effort over its most likely
    duration (people), whatever the plan stretched it to, so a risk's extra
    person-days cost the same time however thinly the plan spread the work. That
    time is at most :data:`~carveout.domain.ranges.MAX_DAYS` working days, the
    longest any work may last: a migration estimated at a sliver of a person
    would otherwise turn a risk's extra effort into millennia. A risk's window
    and the extension option it triggers come with it.
    """
    k = CALENDAR_PER_WORKING_DAY
    people = {
        m.service: m.effort.most_likely / m.duration.most_likely
        for m in portfolio.migrations
        if m.duration.most_likely > 0 and m.effort.most_likely > 0
    }
    names = {j: s for s, j in pos.items()}
    events: list[RiskEvent] = []
    for r in portfolio.raid:
        if r.kind is not RaidKind.RISK or r.status is not RaidStatus.OPEN or r.probability <= 0:
            continue
        hit = [pos[s] for s in r.services if s in pos]
        if not hit and r.cost_impact <= 0 and not r.triggers_extension:
            continue
        delay = tuple(
            k * (r.delay_days + min(MAX_DAYS, r.extra_effort / people.get(names[j], math.inf)))
            for j in hit
        )
        events.append(
            RiskEvent(
                r.code,
                r.probability,
                delay,
                tuple(hit),
                r.cost_impact,
                window=risk_window(r.window_start, r.window_end, origin),
                extension=r.triggers_extension,
            )
        )
    return tuple(events)
