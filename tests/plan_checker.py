"""An independent checker of stored plans, written from the definitions in ``docs/``.

It imports nothing from the planner or the simulation: only the domain records,
the domain's definition of the data date (``portfolio_as_of``,
``remaining_work``) and the :class:`Plan` shape. ``check_plan`` returns every
way a plan breaks the portfolio, in words (empty when it is valid), as of
``plan.as_of``:

- coverage: every moving service with a migration that is not cancelled is
  planned exactly once, by its own team; nothing else is;
- facts: work cut over before the data date keeps both actual dates, work in
  progress its actual start (both frozen); nothing else starts before the data
  date, the scenario start or its earliest start, and nothing is planned
  shorter than its most likely duration (for work in progress, what is left);
- deadlines, blackouts: here; couplings and bridges: :mod:`plan_checker_couplings`;
  team capacity: :mod:`plan_checker_teams`; money: :mod:`plan_checker_money`.

Tolerances: dates are exact; team loads allow only floating-point error (the
planner's rounding is all on the cautious side, see :mod:`plan_checker_teams`);
money agrees to the pound (bridges it decides are counted in whole pounds, so
half a pound each).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from carveout.domain import (
    Disposition,
    Migration,
    MigrationStatus,
    Portfolio,
    Scenario,
    portfolio_as_of,
    remaining_work,
)
from carveout.planning.plan import Plan, PlannedMigration

DONE, UNDER_WAY, PLANNED = "cut over", "under way", "not started"
"""The state of a migration on the data date (docs/concepts.md, "The data date")."""

FLOAT = 1e-6
"""Room for floating-point error in comparisons of days and people."""


@dataclass(frozen=True)
class Seen:
    """A service the plan must schedule: its migration as of the data date and its plan row."""

    code: str
    migration: Migration
    state: str
    row: PlannedMigration | None


@dataclass(frozen=True)
class View:
    """A portfolio as of a plan's data date, with the plan laid against it."""

    portfolio: Portfolio
    plan: Plan
    scenario: Scenario
    seen: dict[str, Seen]

    @property
    def as_of(self) -> date:
        return self.plan.as_of

    @property
    def origin(self) -> date:
        """The first day remaining work may run: the later of scenario start and data date."""
        return max(self.scenario.start, self.plan.as_of)

    def rows(self, *states: str) -> list[Seen]:
        """The planned services in ``states`` (all when none is given) that have a plan row."""
        return [
            s for s in self.seen.values() if s.row is not None and (not states or s.state in states)
        ]

    def noted(self, *words: str) -> bool:
        """Whether one of the plan's notes names every one of ``words``."""
        return any(all(names(note, w) for w in words) for note in self.plan.notes)


def names(text: str, word: str) -> bool:
    """Whether ``text`` names ``word`` on its own (``PAY`` is not named by ``PAY-HR``)."""
    return re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text, re.IGNORECASE) is not None


def weeks_between(first: date, last: date) -> float:
    """Weeks from the first day to the last, both included."""
    return ((last - first).days + 1) / 7


def day(value: date) -> str:
    return f"{value:%d %b %Y}"


def view_of(portfolio: Portfolio, plan: Plan) -> View | str:
    """The portfolio as of the plan's data date, or why the plan cannot be checked."""
    scenario = portfolio.scenario_by_code.get(plan.scenario)
    if scenario is None:
        return f"the plan is of scenario {plan.scenario}, which the portfolio does not have"
    if not plan.feasible:
        return f"the plan is {plan.status}: it schedules nothing"
    seen_as_of = portfolio_as_of(portfolio, plan.as_of)
    rows: dict[str, PlannedMigration] = {}
    for row in plan.migrations:
        rows.setdefault(row.service, row)
    state = {
        MigrationStatus.CUT_OVER: DONE,
        MigrationStatus.IN_PROGRESS: UNDER_WAY,
        MigrationStatus.NOT_STARTED: PLANNED,
    }
    seen: dict[str, Seen] = {}
    for service in seen_as_of.services:
        migration = seen_as_of.migration_by_service.get(service.code)
        moves = service.disposition in (Disposition.MIGRATE, Disposition.REPLICATE)
        if not moves or migration is None or migration.status not in state:
            continue
        seen[service.code] = Seen(
            service.code, migration, state[migration.status], rows.get(service.code)
        )
    return View(seen_as_of, plan, scenario, seen)


def check_plan(portfolio: Portfolio, plan: Plan) -> list[str]:
    """Every way ``plan`` breaks ``portfolio`` as of ``plan.as_of``, in words."""
    # The parts import this module's view: imported here, not at the top, to avoid a cycle.
    from tests.plan_checker_couplings import check_couplings
    from tests.plan_checker_money import check_money
    from tests.plan_checker_teams import check_capacity

    view = view_of(portfolio, plan)
    if isinstance(view, str):
        return [view]
    found = _coverage(view)
    begins = view.scenario.start
    if plan.start != begins:
        found.append(f"the plan starts on {day(plan.start)}, its scenario on {day(begins)}")
    for check in (_facts, _deadlines, _blackouts, check_couplings, check_capacity, check_money):
        found.extend(check(view))
    return found


def _coverage(view: View) -> list[str]:
    found: list[str] = []
    times = Counter(r.service for r in view.plan.migrations)
    for code, seen in view.seen.items():
        if times[code] == 0:
            found.append(f"{code} moves and its migration is {seen.state}, but it is not planned")
        elif times[code] > 1:
            found.append(f"{code} is planned {times[code]} times")
        elif seen.row is not None and seen.row.team != seen.migration.team:
            found.append(
                f"{code} is planned for team {seen.row.team}, its migration is team "
                f"{seen.migration.team}'s"
            )
    for code in sorted(set(times) - set(view.seen)):
        found.append(
            f"{code} is planned although it does not move, or has no migration to plan, "
            "or its migration is cancelled"
        )
    return found


def _facts(view: View) -> list[str]:
    found: list[str] = []
    for seen in view.rows():
        row, m = seen.row, seen.migration
        assert row is not None
        code = seen.code
        if seen.state == DONE:
            if (row.start, row.cutover) != (m.actual_start, m.actual_end) or not row.frozen:
                found.append(
                    f"{code} cut over before the data date ({m.actual_start} to {m.actual_end}) "
                    f"but the plan has it from {row.start} to {row.cutover}"
                    + ("" if row.frozen else ", not frozen")
                )
            continue
        if row.cutover < row.start:
            found.append(f"{code} cuts over on {day(row.cutover)}, before it starts")
            continue
        if seen.state == UNDER_WAY:
            if row.start != m.actual_start or not row.frozen:
                found.append(
                    f"{code} is under way since {m.actual_start} but the plan starts it on "
                    f"{row.start}" + ("" if row.frozen else ", not frozen")
                )
            if row.cutover < view.as_of:
                found.append(f"{code} is under way but planned to cut over before the data date")
            share = remaining_work(m, view.as_of).fraction
            first = view.origin
        else:
            if row.frozen:
                found.append(f"{code} has not started but the plan freezes it")
            for bound, what in (
                (view.as_of, "the data date"),
                (view.scenario.start, "the scenario's start"),
                (m.earliest_start, "its earliest start"),
            ):
                if bound is not None and row.start < bound:
                    found.append(
                        f"{code} has not started but is planned to start on {day(row.start)}, "
                        f"before {what} ({day(bound)})"
                    )
            share, first = 1.0, max(row.start, view.origin)
        planned_days = 5 * weeks_between(first, row.cutover)
        needed = m.duration.most_likely * share
        if planned_days < needed - FLOAT:
            found.append(
                f"{code} is planned over {planned_days:g} working days from {day(first)}, "
                f"less than the {needed:g} its most likely estimate leaves"
            )
    return found


def _deadlines(view: View) -> list[str]:
    """Hard deadlines are met; one that passed before the data date is noted, not met."""
    found: list[str] = []
    scenario, as_of = view.scenario, view.as_of
    penalty = scenario.lateness_penalty
    late_total = 0
    left = view.rows(UNDER_WAY, PLANNED)
    passed = scenario.deadline is not None and scenario.deadline < as_of and left
    if passed and not any(names(n, "deadline") and names(n, "scenario's") for n in view.plan.notes):
        found.append(
            f"the scenario's deadline {day(scenario.deadline)} passed before the data date "
            "with work left, and the plan does not say so"
        )
    for seen in left:
        row, own = seen.row, seen.migration.deadline
        assert row is not None
        dues = [d for d in (scenario.deadline, own) if d is not None and d >= as_of]
        if own is not None and own < as_of and not view.noted(seen.code, "deadline"):
            found.append(
                f"{seen.code}'s deadline {day(own)} passed before the data date and the plan "
                "does not say so"
            )
        if dues and penalty == 0 and row.cutover > min(dues):
            found.append(
                f"{seen.code} cuts over on {day(row.cutover)}, after its deadline {day(min(dues))}"
            )
        late = max(0, (row.cutover - min(dues)).days) if dues else 0
        late_total += late
        if row.late_days != late:
            found.append(f"{seen.code} is {late} days late but the plan says {row.late_days}")
    if abs(view.plan.lateness_cost - late_total * penalty) > 1:
        found.append(
            f"lateness costs £{late_total * penalty:,.2f} ({late_total} service-days at "
            f"£{penalty:g}), the plan says £{view.plan.lateness_cost:,.2f}"
        )
    return found


def _blackouts(view: View) -> list[str]:
    """No planned cut-over week (the seven days ending on the cut-over) touches a blackout.

    docs/planning.md: a migration may not end in a week overlapping a blackout
    for its team, its service or everyone; a cut-over date inside one breaks it
    too. Facts are exempt.
    """
    found: list[str] = []
    for seen in view.rows(UNDER_WAY, PLANNED):
        row, team = seen.row, seen.migration.team
        assert row is not None
        week = row.cutover - timedelta(days=6)
        for b in view.portfolio.blackouts:
            if b.team not in (None, team) or b.service not in (None, seen.code):
                continue
            if b.start <= row.cutover and b.end >= week:
                where = "on" if b.start <= row.cutover <= b.end else "in the week of"
                found.append(
                    f"{seen.code} cuts over {where} blackout {b.code} "
                    f"({day(b.start)} to {day(b.end)}): {day(row.cutover)}"
                )
    return found
