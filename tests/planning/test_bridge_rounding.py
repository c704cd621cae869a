"""Paying for a service's bridges never makes a plan impossible, however their loads round."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from carveout.demo.generate import generate_portfolio
from carveout.domain import Coupling, Dependency, Objective, Portfolio
from carveout.planning.planner import plan_scenario
from carveout.planning.prepare import build_separation
from carveout.planning.separation import Separation, weekly_capacity
from carveout.planning.units import _floor
from tests.planning.conftest import START

Build = Callable[..., Portfolio]


def _overloaded(sep: Separation) -> list[str]:
    """Services whose load with every bridge paid exceeds their team's fewest people.

    Measured against the capacity before work under way is reserved: that
    reservation only makes some weeks busier, it leaves others free.
    """
    extra: dict[int, int] = {}
    for b in sep.bridges:
        extra[b.after] = extra.get(b.after, 0) + b.load
    caps = [
        weekly_capacity(t, sep.calendar, sep.horizon, sep.scenario.capacity_factor)
        for t in sep.teams
    ]
    return [
        m.service
        for m in sep.moves
        if not m.frozen
        and m.load + extra.get(m.index, 0)
        > _floor(caps[m.team_index], m.release, m.deadline or sep.horizon)
    ]


def _three_bridges(build: Build) -> Portfolio:
    """B (25 person-days over ten weeks) may bridge to A1–A3, 6 person-days each.

    Each bridge rounds up to two tenths of a person over ten weeks; their total,
    18 days, rounds to four: a span checked on the total would leave B needing
    eleven tenths of its one-person team with every bridge paid.
    """
    providers = ("A1", "A2", "A3")
    return build(
        work={"B": (25, 50), **{a: (100, 100) for a in providers}},
        teams={"T": 1.0, "U": 3.0},
        team_of=dict.fromkeys(providers, "U"),
        dependencies=[
            Dependency(
                service="B",
                depends_on=a,
                coupling=Coupling.BRIDGEABLE,
                bridge_cost=10,
                bridge_effort=6,
            )
            for a in providers
        ],
        # B must cut over long before any provider can: every bridge has to be paid.
        migrations={"B": {"deadline": START + timedelta(weeks=13)}},
        scenario={"objective": Objective.COST},
    )


def test_a_service_can_carry_all_its_bridges_when_each_rounds_up(build: Build) -> None:
    portfolio = _three_bridges(build)
    sep = build_separation(portfolio=portfolio, scenario=portfolio.scenarios[0])
    assert _overloaded(sep) == []
    b = next(m for m in sep.moves if m.service == "B")
    assert b.duration > 10  # stretched so that three rounded-up bridges fit


def test_a_plan_that_must_pay_every_bridge_is_found(build: Build) -> None:
    portfolio = _three_bridges(build)
    plan = plan_scenario(
        portfolio=portfolio, scenario=portfolio.scenarios[0], time_limit=5, workers=1
    )
    assert plan.status in ("optimal", "feasible")
    assert sorted(plan.bridged) == ["B->A1", "B->A2", "B->A3"]


def test_no_service_of_a_generated_250_service_portfolio_is_overloaded_by_its_bridges() -> None:
    # 25 of its 181 planned services were before bridge loads were rounded one by one.
    portfolio = generate_portfolio(services=250, dependencies=1000, teams=10, years=3)
    scenario = portfolio.scenarios[0].model_copy(update={"deadline": None})
    sep = build_separation(portfolio=portfolio, scenario=scenario)
    assert len(sep.bridges) > 100
    assert _overloaded(sep) == []
