"""Services still hosted over time: the plan's burn-down against what actually happened."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from typing import Literal

from pydantic import BaseModel

from carveout.domain import MigrationStatus, Portfolio, Service
from carveout.planning.plan import Plan
from carveout.web.queries.scope import month_starts

_ONE_DAY = timedelta(days=1)


class BurnDownPoint(BaseModel):
    """How many moving services are still hosted at ``month`` in one series."""

    month: date
    series: Literal["plan", "actual"]
    services: int


class HostedPair(BaseModel):
    """Services ``host`` still runs for ``consumer`` today, and those already moved."""

    host: str
    consumer: str
    hosted: int
    moved: int


def moving_services(portfolio: Portfolio) -> list[Service]:
    return [s for s in portfolio.services if s.moves]


def moved_by(portfolio: Portfolio, day: date) -> set[str]:
    """Services whose migration had cut over before ``day``."""
    return {
        m.service
        for m in portfolio.migrations
        if m.status is MigrationStatus.CUT_OVER and m.actual_end is not None and m.actual_end < day
    }


def hosted_pairs(portfolio: Portfolio, *, today: date) -> list[HostedPair]:
    moved = moved_by(portfolio, today + _ONE_DAY)
    hosted: Counter[tuple[str, str]] = Counter()
    done: Counter[tuple[str, str]] = Counter()
    for service in moving_services(portfolio):
        for consumer in service.consumers:
            if consumer == service.host:
                continue
            target = done if service.code in moved else hosted
            target[(service.host, consumer)] += 1
    pairs = sorted(set(hosted) | set(done))
    return [
        HostedPair(host=h, consumer=c, hosted=hosted[(h, c)], moved=done[(h, c)]) for h, c in pairs
    ]


def burn_down(portfolio: Portfolio, plan: Plan | None, *, today: date) -> list[BurnDownPoint]:
    """Monthly plan counts over the plan's span and actual counts up to ``today``.

    Both series count distinct services, so a service consumed by several
    parties counts once; the per-party view is :func:`hosted_pairs`.
    """
    moving = moving_services(portfolio)
    if not moving:
        return []
    actual_starts = [m.actual_start for m in portfolio.migrations if m.actual_start]
    first = min([today, *actual_starts, *([plan.start] if plan else [])])
    last = today
    if plan and plan.migrations:
        last = max(last, max(m.cutover for m in plan.migrations))
    points: list[BurnDownPoint] = []
    cutovers = [m.cutover for m in plan.migrations] if plan else []
    for month in month_starts(first, last):
        if plan and plan.migrations:
            still = sum(1 for c in cutovers if c >= month)
            points.append(BurnDownPoint(month=month, series="plan", services=still))
        if month <= today:
            gone = moved_by(portfolio, month)
            left = sum(1 for s in moving if s.code not in gone)
            points.append(BurnDownPoint(month=month, series="actual", services=left))
    gone = moved_by(portfolio, today + _ONE_DAY)
    if not points or points[-1].month != today:
        left = sum(1 for s in moving if s.code not in gone)
        points.append(BurnDownPoint(month=today, series="actual", services=left))
    return points
