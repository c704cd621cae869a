"""Dates per service and what follows from them: the burn-down, services hosted, money spent.

A service is still hosted on a day if it has not cut over before that day
(as in the plan's own burn-down). Three views are compared: the plan's
cut-over dates, what actually happened (up to the report date) and the
forecast's P50 and P80 dates; a service already cut over counts at its actual
date in every view.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from carveout.domain import MigrationStatus, Portfolio
from carveout.planning.calendar import add_months, months_between
from carveout.planning.hosting import hosting_terms
from carveout.planning.plan import Plan
from carveout.reports.contents import BurnPoint, HostedLine, Money, ServiceLine
from carveout.risk.forecast import Forecast

SERIES = ("Plan", "Actual", "Forecast P50", "Forecast P80")


def service_lines(
    *, portfolio: Portfolio, plan: Plan | None, forecast: Forecast | None
) -> tuple[ServiceLine, ...]:
    """Every service of the portfolio with its plan, actual and forecast dates."""
    planned = {m.service: m for m in plan.migrations} if plan is not None else {}
    predicted = {s.service: s.dates for s in forecast.services} if forecast is not None else {}
    lines = []
    for service in portfolio.services:
        migration = portfolio.migration_by_service.get(service.code)
        move = planned.get(service.code)
        dates = predicted.get(service.code)
        left = migration.actual_end if migration and migration.status == "cut_over" else None
        destination = portfolio.party_by_code.get(service.destination or "")
        lines.append(
            ServiceLine(
                code=service.code,
                name=service.name,
                host=service.host,
                destination=destination.code if destination else "",
                disposition=service.disposition.value,
                moves=service.moves,
                team=migration.team if migration else "",
                status=migration.status.value if migration else "",
                planned_start=move.start if move else None,
                planned_cutover=move.cutover if move else None,
                actual_start=migration.actual_start if migration else None,
                actual_end=migration.actual_end if migration else None,
                forecast_p50=left or (dates.p50 if dates else None),
                forecast_p80=left or (dates.p80 if dates else None),
                critical=move.critical if move else False,
                late_days=move.late_days if move else 0,
            )
        )
    return tuple(lines)


def _left_before(line: ServiceLine, day: date, series: str) -> bool:
    """Whether ``line`` had cut over before ``day`` in ``series``."""
    if line.status == MigrationStatus.CUT_OVER and line.actual_end is not None:
        return line.actual_end < day
    if series == "Actual":
        return False
    when = {
        "Plan": line.planned_cutover,
        "Forecast P50": line.forecast_p50 or line.planned_cutover,
        "Forecast P80": line.forecast_p80 or line.planned_cutover,
    }[series]
    return when is not None and when < day


def still_hosted(lines: Sequence[ServiceLine], day: date, series: str) -> list[ServiceLine]:
    """The moving services not yet cut over on ``day`` in ``series``."""
    return [s for s in lines if s.moves and not _left_before(s, day, series)]


def burn_down(
    lines: Sequence[ServiceLine], *, start: date, as_of: date, with_forecast: bool
) -> tuple[BurnPoint, ...]:
    """Services hosted at each month start (and on the report date) under each series.

    The actual series stops at the report date; the forecast series exist only
    with a forecast.
    """
    ends = [d for s in lines for d in (s.planned_cutover, s.forecast_p80, s.actual_end) if d]
    last = max([as_of, *ends])
    days = sorted({*months_between(start, add_months(last, 1)), as_of})
    wanted = [s for s in SERIES if with_forecast or not s.startswith("Forecast")]
    points = []
    for series in wanted:
        for day in days:
            if series == "Actual" and day > as_of:
                continue
            points.append(
                BurnPoint(day=day, series=series, services=len(still_hosted(lines, day, series)))
            )
    return tuple(points)


def hosted_by_party(
    *, portfolio: Portfolio, lines: Sequence[ServiceLine], as_of: date
) -> tuple[HostedLine, ...]:
    """Per host, on the report date: moving services still hosted (actual and plan), and
    services staying hosted under a long-term agreement."""
    rows = []
    by_code = {s.code: s for s in lines}
    for party in portfolio.parties:
        hosted = [s for s in portfolio.services if s.host == party.code]
        moving = [by_code[s.code] for s in hosted if s.moves]
        stay = sum(1 for s in hosted if s.disposition.value == "stay_hosted")
        if not moving and not stay:
            continue
        rows.append(
            HostedLine(
                host=party.code,
                name=party.name,
                actual=len(still_hosted(moving, as_of, "Actual")),
                planned=len(still_hosted(moving, as_of, "Plan")),
                stay_hosted=stay,
            )
        )
    return tuple(rows)


def money(
    *,
    portfolio: Portfolio,
    lines: Sequence[ServiceLine],
    start: date,
    as_of: date,
    plan: Plan | None,
    forecast: Forecast | None,
) -> Money:
    """Hosting cost to date and to go, from each service's hosting terms and expected exit."""
    terms = hosting_terms(portfolio)
    to_date = to_go = 0.0
    for line in lines:
        rate = terms.get(line.code)
        leaves = line.expected
        if rate is None or leaves is None or leaves < start:
            continue
        total = sum(rate.cost(start=start, cutover=leaves))
        spent = sum(rate.cost(start=start, cutover=min(leaves, as_of))) if as_of >= start else 0
        to_date += spent
        to_go += total - spent
    bridges = plan.bridge_cost if plan is not None else 0.0
    return Money(
        hosting_to_date=round(to_date, 2),
        hosting_to_go=round(to_go, 2),
        bridges=bridges,
        hosting_p80=forecast.hosting_cost.p80 if forecast is not None else None,
        recommended=forecast.recommended_cost if forecast is not None else None,
    )
