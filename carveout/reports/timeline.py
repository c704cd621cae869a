"""Dates per service and what follows from them: the burn-down, services hosted, money.

Everything is seen as of the data date: a migration's status and actual dates
are those it had then (:func:`carveout.domain.portfolio_as_of`). A service is
still hosted on a day if it has not cut over before that day (as in the plan's
own burn-down). The views compared are what actually happened (up to the data
date), the plan's cut-over dates, the baseline's, and the forecast's P50 and
P80; a service cut over before the data date counts at its actual date in
every view but the baseline, so plan and forecast never fall below the actual
line before the data date.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from carveout.domain import MigrationStatus, Portfolio, portfolio_as_of
from carveout.domain.dates import first_month_to_go
from carveout.planning.calendar import add_months, months_between
from carveout.planning.hosting import Charge, hosting_terms
from carveout.planning.plan import Plan
from carveout.reports.contents import BurnPoint, HostedLine, Money, ServiceLine
from carveout.risk.forecast import Forecast

SERIES = ("Baseline", "Plan", "Actual", "Forecast P50", "Forecast P80")


def service_lines(
    *,
    portfolio: Portfolio,
    plan: Plan | None,
    forecast: Forecast | None,
    as_of: date,
    baseline: Plan | None = None,
) -> tuple[ServiceLine, ...]:
    """Every service of the portfolio with its actual (as of), plan, baseline and forecast dates."""
    view = portfolio_as_of(portfolio, as_of)
    planned = {m.service: m for m in plan.migrations} if plan is not None else {}
    approved = {m.service: m.cutover for m in baseline.migrations} if baseline else {}
    predicted = {s.service: s.dates for s in forecast.services} if forecast is not None else {}
    lines = []
    for service in view.services:
        migration = view.migration_by_service.get(service.code)
        move = planned.get(service.code)
        dates = predicted.get(service.code)
        left = migration.actual_end if migration and migration.status == "cut_over" else None
        expected = left or (move.cutover if move else None)
        destination = view.party_by_code.get(service.destination or "")
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
                planned_cutover=left or (move.cutover if move else None),
                actual_start=migration.actual_start if migration else None,
                actual_end=left,
                forecast_p50=left or (dates.p50 if dates else expected),
                forecast_p80=left or (dates.p80 if dates else expected),
                baseline_cutover=approved.get(service.code),
                critical=move.critical if move else False,
                late_days=move.late_days if move else 0,
            )
        )
    return tuple(lines)


def _left_before(line: ServiceLine, day: date, series: str) -> bool:
    """Whether ``line`` had cut over before ``day`` in ``series``."""
    if series == "Baseline":
        return line.baseline_cutover is not None and line.baseline_cutover < day
    if line.status == MigrationStatus.CUT_OVER and line.actual_end is not None:
        return line.actual_end < day
    if series == "Actual":
        return False
    when = {
        "Plan": line.planned_cutover,
        "Forecast P50": line.forecast_p50,
        "Forecast P80": line.forecast_p80,
    }[series]
    return when is not None and when < day


def still_hosted(lines: Sequence[ServiceLine], day: date, series: str) -> list[ServiceLine]:
    """The moving services not yet cut over on ``day`` in ``series``."""
    return [s for s in lines if s.moves and not _left_before(s, day, series)]


def burn_down(
    lines: Sequence[ServiceLine],
    *,
    start: date,
    as_of: date,
    with_forecast: bool,
    with_baseline: bool = False,
) -> tuple[BurnPoint, ...]:
    """Services hosted at each month start (and on the data date) under each series.

    The actual series stops at the data date and the forecast series start
    there (before it they are the actual series); the baseline series exists
    only with a baseline, the forecast ones only with a forecast.
    """
    ends = [
        d
        for s in lines
        for d in (s.planned_cutover, s.forecast_p80, s.actual_end, s.baseline_cutover)
        if d
    ]
    last = max([as_of, *ends])
    days = sorted({*months_between(start, add_months(last, 1)), as_of})
    wanted = [
        s
        for s in SERIES
        if (with_forecast or not s.startswith("Forecast")) and (with_baseline or s != "Baseline")
    ]
    points = []
    for series in wanted:
        for day in days:
            if series == "Actual" and day > as_of:
                continue
            if series.startswith("Forecast") and day < as_of:
                continue
            points.append(
                BurnPoint(day=day, series=series, services=len(still_hosted(lines, day, series)))
            )
    return tuple(points)


def hosted_by_party(
    *, portfolio: Portfolio, lines: Sequence[ServiceLine], as_of: date
) -> tuple[HostedLine, ...]:
    """Per host, on the data date: moving services still hosted (actual, and as the baseline
    had it, else the plan), and services staying hosted under a long-term agreement."""
    rows = []
    by_code = {s.code: s for s in lines}
    baseline = any(s.baseline_cutover for s in lines)
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
                planned=len(still_hosted(moving, as_of, "Baseline" if baseline else "Plan")),
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
    """Hosting and running cost to date and to go, from each service's terms and expected exit.

    To go is the plan's own figure (the same function of the same dates); to
    date counts the months before the data date's first month to go.
    """
    terms = hosting_terms(portfolio, as_of=as_of)
    first = first_month_to_go(as_of)
    last_spent = first - timedelta(days=1)
    to_date = to_go = Charge()
    for line in lines:
        rate = terms.get(line.code)
        leaves = line.expected
        if rate is None or leaves is None:
            continue
        if leaves >= start:
            to_date = to_date + rate.between(start, leaves, until=last_spent)
        if rate.last_charged(leaves) >= first:
            to_go = to_go + rate.between(first, leaves)
    return Money(
        hosting_to_date=round(to_date.hosting, 2),
        hosting_to_go=round(to_go.hosting, 2),
        step_up_to_go=round(to_go.step_up, 2),
        running_to_go=round(to_go.running, 2),
        bridges_to_date=plan.bridge_cost_to_date if plan is not None else 0.0,
        bridges_to_go=plan.bridge_cost if plan is not None else 0.0,
        hosting_p80=forecast.hosting_cost.p80 if forecast is not None else None,
        recommended=forecast.recommended_cost if forecast is not None else None,
    )
