"""The independent plan checker passes real plans and reports every kind of corruption."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pytest

from carveout.domain import (
    Agreement,
    Blackout,
    Capacity,
    Dependency,
    Estimate,
    ExtensionOption,
    Migration,
    Party,
    Portfolio,
    Scenario,
    Service,
    Team,
    Tranche,
)
from carveout.planning.plan import Plan, PlannedMigration
from carveout.planning.planner import plan_scenario
from tests.plan_checker import check_plan
from tests.reconciliation_cases import planned_case

START, AS_OF, DEADLINE = date(2024, 1, 1), date(2024, 3, 4), date(2024, 12, 31)
WEEK = timedelta(days=7)
# code: (team, effort person-days, duration working days, extra migration fields)
WORK: dict[str, tuple[str, float, float, dict[str, object]]] = {
    "DONE": ("T1", 20, 20, {"status": "cut_over", "actual_start": date(2024, 1, 8),
                            "actual_end": date(2024, 2, 16)}),
    "BUSY": ("T1", 40, 20, {"status": "in_progress", "actual_start": date(2024, 2, 12),
                            "percent_complete": 50}),
    "FIRST": ("T1", 10, 10, {}),
    "NEXT": ("T1", 10, 10, {}),
    "PAIR-A": ("T2", 8, 10, {}),
    "PAIR-B": ("T2", 6, 5, {}),
    "EARLY": ("T2", 16, 20, {"deadline": date(2024, 5, 31)}),
    "LATE": ("T3", 16, 20, {"earliest_start": date(2024, 6, 3)}),
    "OVERDUE": ("T3", 10, 30, {"deadline": date(2024, 2, 1)}),
    "DROPPED": ("T3", 5, 5, {"status": "cancelled"}),
}  # fmt: skip
DEPENDENCIES = (
    ("FIRST", "DONE", "before"),
    ("NEXT", "FIRST", "before"),
    ("BUSY", "LATE", "before"),  # broken by the facts: BUSY started long before
    ("PAIR-A", "PAIR-B", "together"),
    ("EARLY", "LATE", "bridgeable"),  # EARLY's deadline comes before LATE may start
    ("DONE", "EARLY", "bridgeable"),  # DONE moved while EARLY was hosted: a bridge built
)


def _estimate(value: float) -> Estimate:
    return Estimate(optimistic=value, most_likely=value, pessimistic=value * 1.5)


def small_programme() -> Portfolio:
    """Facts, work under way, every coupling, blackouts, nested tranches with an option.

    OVERDUE is in no tranche (running cost); LATE may only start after its
    tranche has ended (a step-up); EARLY must cut over before LATE may start (a
    bridge to pay).
    """
    codes = (*WORK, "STAYS")
    return Portfolio(
        parties=(Party(code="HOST", name="Host", role="host"),
                 Party(code="GO", name="Leaver", role="leaving")),
        services=tuple(
            Service(code=c, name=c, kind="application", host="HOST", consumers=("HOST", "GO"),
                    usage={"GO": 100}, fixed_cost=24_000, variable_cost=12,
                    disposition="stay_hosted" if c == "STAYS" else "migrate")
            for c in codes
        ),
        dependencies=tuple(
            Dependency(service=a, depends_on=b, coupling=k, bridge_effort=10, bridge_cost=7_000)
            for a, b, k in DEPENDENCIES
        ),
        teams=tuple(
            Team(code=t, name=t, capacity=(Capacity(start=START, end=DEADLINE, people=n),))
            for t, n in (("T1", 2.0), ("T2", 1.0), ("T3", 1.0))
        ),
        migrations=tuple(
            Migration(service=c, team=t, effort=_estimate(e), duration=_estimate(d), **extra)
            for c, (t, e, d, extra) in WORK.items()
        ),
        blackouts=(Blackout(code="XMAS", start=date(2024, 12, 16), end=DEADLINE),
                   Blackout(code="T2-FREEZE", start=date(2024, 4, 1), end=date(2024, 4, 14),
                            team="T2")),
        agreements=(Agreement(code="TSA", name="TSA", kind="transitional", provider="HOST",
                              recipients=("GO",), start=START),),
        tranches=(
            Tranche(code="TSA-1", agreement="TSA", start=START, end=date(2024, 6, 30),
                    monthly_charge=60_000,
                    services=tuple(c for c in WORK if c not in ("LATE", "OVERDUE"))),
            Tranche(code="TSA-2", agreement="TSA", start=date(2024, 4, 1),
                    end=date(2024, 5, 31), monthly_charge=10_000, services=("LATE", "EARLY")),
        ),
        extension_options=(ExtensionOption(code="TSA-2-X", tranche="TSA-2", length_months=2,
                                           step_up=0.2),),
        scenarios=(Scenario(code="S", name="S", start=START, deadline=DEADLINE, as_of=AS_OF),),
    )  # fmt: skip


@pytest.fixture(scope="module")
def programme() -> tuple[Portfolio, Plan]:
    portfolio = small_programme()
    plan = plan_scenario(portfolio=portfolio, scenario=portfolio.scenarios[0], time_limit=2)
    assert plan.feasible, plan.conflicts
    return portfolio, plan


def _changed(plan: Plan, service: str, **fields: object) -> Plan:
    rows = tuple(
        r.model_copy(update=fields) if r.service == service else r for r in plan.migrations
    )
    return plan.model_copy(update={"migrations": rows})


def _row(plan: Plan, service: str) -> PlannedMigration:
    return next(r for r in plan.migrations if r.service == service)


def _shifted(plan: Plan, service: str, weeks: int) -> Plan:
    row = _row(plan, service)
    return _changed(
        plan, service, start=row.start + weeks * WEEK, cutover=row.cutover + weeks * WEEK
    )


def test_a_real_plan_of_a_programme_with_facts_passes(programme: tuple[Portfolio, Plan]) -> None:
    portfolio, plan = programme
    assert check_plan(portfolio, plan) == []
    # The plan has what the corruptions below need: a bridge to pay, a fact it notes.
    assert plan.bridged == ("EARLY->LATE",)
    assert plan.bridges_built == ("DONE->EARLY",)
    assert any("BUSY" in n and "LATE" in n for n in plan.notes)


def test_the_stored_form_of_the_plan_passes_too(programme: tuple[Portfolio, Plan]) -> None:
    portfolio, plan = programme
    stored = Plan.model_validate_json(plan.model_dump_json())
    assert check_plan(portfolio, stored) == []


Corruption = Callable[[Plan], Plan]

CORRUPTIONS: dict[str, tuple[Corruption, str]] = {
    "a start before the data date": (
        lambda p: _changed(p, "NEXT", start=AS_OF - WEEK),
        "NEXT has not started but is planned to start on",
    ),
    "a start before the earliest start": (
        lambda p: _changed(p, "LATE", start=date(2024, 5, 27)),
        "before its earliest start",
    ),
    "a dropped migration": (
        lambda p: p.model_copy(
            update={"migrations": tuple(r for r in p.migrations if r.service != "FIRST")}
        ),
        "FIRST moves and its migration is not started, but it is not planned",
    ),
    "a migration planned twice": (
        lambda p: p.model_copy(update={"migrations": (*p.migrations, _row(p, "FIRST"))}),
        "FIRST is planned 2 times",
    ),
    "a cancelled migration planned": (
        lambda p: p.model_copy(
            update={
                "migrations": (
                    *p.migrations,
                    _row(p, "FIRST").model_copy(update={"service": "DROPPED", "team": "T3"}),
                )
            }
        ),
        "DROPPED is planned although",
    ),
    "a fact moved": (lambda p: _changed(p, "DONE", cutover=date(2024, 2, 23)), "DONE cut over"),
    "work under way restarted": (
        lambda p: _changed(p, "BUSY", start=AS_OF),
        "BUSY is under way since",
    ),
    "a squeezed duration": (
        lambda p: _changed(p, "FIRST", cutover=_row(p, "FIRST").start + timedelta(days=6)),
        "FIRST is planned over 5 working days",
    ),
    "a broken before coupling": (
        lambda p: _changed(p, "NEXT", start=_row(p, "FIRST").cutover),
        "NEXT starts on",
    ),
    "a together pair apart": (
        lambda p: _shifted(p, "PAIR-A", 3),
        "PAIR-A and PAIR-B must cut over together",
    ),
    "an unpaid bridge": (
        lambda p: p.model_copy(update={"bridged": (), "bridge_cost": 0.0}),
        "bridge EARLY->LATE is not paid",
    ),
    "a built bridge left out": (
        lambda p: p.model_copy(update={"bridges_built": ()}),
        "bridge DONE->EARLY was needed, but it is not listed as built",
    ),
    "a bridge not needed": (
        lambda p: p.model_copy(update={"bridged": (*p.bridged, "NEXT->FIRST")}),
        "bridge NEXT->FIRST, which is not needed",
    ),
    "a wrong bridge cost": (
        lambda p: p.model_copy(update={"bridge_cost": p.bridge_cost + 10}),
        "bridges to go cost £7,000.00",
    ),
    "an overloaded team": (
        lambda p: _changed(
            p, "PAIR-B", start=_row(p, "EARLY").start, cutover=_row(p, "EARLY").cutover
        ),
        "team T2 is overloaded",
    ),
    "a cut-over in a blackout": (
        lambda p: _changed(p, "NEXT", cutover=date(2024, 12, 20)),
        "NEXT cuts over on blackout XMAS",
    ),
    "a cut-over in a team's blackout week": (
        lambda p: _changed(p, "PAIR-B", cutover=date(2024, 4, 19)),
        "PAIR-B cuts over in the week of blackout T2-FREEZE",
    ),
    "a missed deadline": (
        lambda p: _changed(p, "EARLY", cutover=date(2024, 6, 14)),
        "after its deadline 31 May 2024",
    ),
    "hosting £10 out": (
        lambda p: p.model_copy(update={"hosting_cost": p.hosting_cost + 10}),
        "transitional hosting to go is",
    ),
    "step-ups £10 out": (
        lambda p: p.model_copy(update={"step_up_cost": p.step_up_cost - 10}),
        "of which step-ups to go is",
    ),
    "running cost £10 out": (
        lambda p: p.model_copy(update={"running_cost": p.running_cost + 10}),
        "running cost to go is",
    ),
    "a broken fact left unsaid": (
        lambda p: p.model_copy(update={"notes": ()}),
        "BUSY started on 12 Feb 2024 before LATE",
    ),
    "a passed deadline left unsaid": (
        lambda p: p.model_copy(update={"notes": ()}),
        "OVERDUE's deadline 01 Feb 2024 passed before the data date",
    ),
}


@pytest.mark.parametrize("corruption", list(CORRUPTIONS))
def test_the_checker_reports_a_corrupted_plan(
    corruption: str, programme: tuple[Portfolio, Plan]
) -> None:
    portfolio, plan = programme
    corrupt, expected = CORRUPTIONS[corruption]
    found = check_plan(portfolio, corrupt(plan))
    assert any(expected in f for f in found), found


def test_a_plan_of_another_scenario_or_no_plan_is_reported(
    programme: tuple[Portfolio, Plan],
) -> None:
    portfolio, plan = programme
    assert (
        "which the portfolio does not have"
        in check_plan(portfolio, plan.model_copy(update={"scenario": "NONE"}))[0]
    )
    assert check_plan(portfolio, plan.model_copy(update={"status": "infeasible"})) == [
        "the plan is infeasible: it schedules nothing"
    ]


def test_facts_a_real_plan_notes_are_reported_once_its_notes_are_dropped() -> None:
    case = planned_case("seed-9-progress")
    assert check_plan(case.portfolio, case.plan) == []
    found = check_plan(case.portfolio, case.plan.model_copy(update={"notes": ()}))
    assert any("should cut over together, do not" in f for f in found), found
    assert any("(which must go first) cut over" in f for f in found), found
    assert any(f.startswith("team ") and "under way" in f for f in found), found
