"""Small portfolios for planner tests, built record by record."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

import pytest

from carveout.domain import (
    Capacity,
    Dependency,
    Estimate,
    Migration,
    Party,
    PartyRole,
    Portfolio,
    Scenario,
    Service,
    ServiceKind,
    Team,
)

START = date(2019, 1, 7)  # a Monday
END = date(2020, 12, 31)

Build = Callable[..., Portfolio]


def _estimate(value: float) -> Estimate:
    return Estimate(optimistic=value, most_likely=value, pessimistic=value)


def make_portfolio(
    *,
    work: dict[str, tuple[float, float]],
    teams: dict[str, float] | None = None,
    team_of: dict[str, str] | None = None,
    dependencies: Sequence[Dependency] = (),
    annual_cost: float = 52_000.0,
    scenario: dict[str, Any] | None = None,
    migrations: dict[str, dict[str, Any]] | None = None,
    **collections: Any,
) -> Portfolio:
    """Services ``work = {code: (effort person-days, duration working days)}``.

    Every service is hosted by WM for WW; teams default to one team ``T`` of
    one person; the scenario ``S`` starts on ``START``.
    """
    teams = teams or {"T": 1.0}
    team_of = team_of or {}
    migrations = migrations or {}
    default_team = next(iter(teams))
    return Portfolio(
        parties=(
            Party(code="WM", name="West Mercia", role=PartyRole.HOST),
            Party(code="WW", name="Warwickshire", role=PartyRole.LEAVING),
        ),
        services=tuple(
            Service(
                code=code,
                name=code,
                kind=ServiceKind.APPLICATION,
                host="WM",
                consumers=("WW",),
                fixed_cost=annual_cost,
            )
            for code in work
        ),
        dependencies=tuple(dependencies),
        teams=tuple(
            Team(code=t, name=t, capacity=(Capacity(start=START, end=END, people=people),))
            for t, people in teams.items()
        ),
        migrations=tuple(
            Migration(
                service=code,
                team=team_of.get(code, default_team),
                effort=_estimate(effort),
                duration=_estimate(days),
                **migrations.get(code, {}),
            )
            for code, (effort, days) in work.items()
        ),
        scenarios=(Scenario(code="S", name="S", start=START, **(scenario or {})),),
        **collections,
    )


@pytest.fixture
def build() -> Build:
    return make_portfolio
