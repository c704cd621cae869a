"""Where a scenario stands on the data date: status, money, services hosted and the burn-down.

Every figure here is the governance pack's own: the same functions of
:mod:`carveout.reports.timeline` and :func:`carveout.reports.pack.lines_and_status`
over the same inputs (the plan and forecast made as of the data date, and the
baseline), so the dashboard, the pack, the CLI and the exports cannot disagree.
"""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel

from carveout.domain import Portfolio, Scenario
from carveout.planning.plan import Plan
from carveout.reports.contents import BurnPoint, HostedLine, Money, Status
from carveout.reports.pack import lines_and_status
from carveout.reports.timeline import burn_down, hosted_by_party, money
from carveout.risk.forecast import Forecast

MONEY_LABELS: tuple[tuple[str, str], ...] = (
    ("hosting_to_date", "transitional hosting to date"),
    ("hosting_to_go", "transitional hosting to go"),
    ("step_up_to_go", "of which extension step-ups"),
    ("running_to_go", "running cost to go (outside any tranche)"),
    ("bridges_to_date", "bridges built before the data date"),
    ("bridges_to_go", "bridges to build"),
    ("hosting_p80", "transitional hosting to go, forecast P80"),
)
"""Each money figure of :class:`Money` as the pages name it: the words of ``carveout plan``
and ``carveout risk``."""


class MoneyLine(BaseModel):
    """One money figure with its label; ``amount`` is None (shown "—") when unknown."""

    figure: str
    label: str
    amount: float | None


class Standing(BaseModel):
    """A scenario on the data date, figured exactly as the governance pack figures it.

    ``money`` is None when no plan fits (costs are then unknown, not zero), and
    every line of ``money_lines`` then has no amount.
    """

    as_of: date
    status: Status
    money: Money | None
    money_lines: list[MoneyLine]
    hosted: list[HostedLine]
    burn_down: list[BurnPoint]


def money_lines(figures: Money | None) -> list[MoneyLine]:
    """The figures in the order and words of :data:`MONEY_LABELS`."""
    return [
        MoneyLine(
            figure=name,
            label=label,
            amount=None if figures is None else getattr(figures, name),
        )
        for name, label in MONEY_LABELS
    ]


def standing(
    *,
    portfolio: Portfolio,
    scenario: Scenario,
    as_of: date,
    plan: Plan | None,
    forecast: Forecast | None,
    baseline: Plan | None,
) -> Standing:
    """``scenario`` as of ``as_of``; ``plan`` and ``forecast`` must be made as of that date."""
    lines, status = lines_and_status(
        portfolio=portfolio,
        scenario=scenario,
        as_of=as_of,
        plan=plan,
        forecast=forecast,
        baseline=baseline,
    )
    figures = (
        money(
            portfolio=portfolio,
            lines=lines,
            start=scenario.start,
            as_of=as_of,
            plan=plan,
            forecast=forecast,
        )
        if plan is not None and plan.feasible
        else None
    )
    return Standing(
        as_of=as_of,
        status=status,
        money=figures,
        money_lines=money_lines(figures),
        hosted=list(hosted_by_party(portfolio=portfolio, lines=lines, as_of=as_of)),
        burn_down=list(
            burn_down(
                lines,
                start=scenario.start,
                as_of=as_of,
                with_forecast=forecast is not None,
                with_baseline=baseline is not None,
            )
        ),
    )
