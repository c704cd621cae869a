"""The plan checker's team capacity: no team needs more people in a week than it has.

From docs/concepts/teams.md, docs/planning.md and "The data date": a migration
needs its most likely effort spread evenly over its planned working days (five
a week from its start, or from the plan's first day for work in progress, to
its cut-over); work in progress needs only the share of its effort still left
(``remaining_work``), and keeps its people; a bridge the plan pays loads the
dependant's team with its ``bridge_effort`` over the dependant's migration. A
team has, in each week of the plan (seven days from the later of the scenario
start and the data date), the people on the week's first day times the
scenario's ``capacity_factor``.

Tolerance: none beyond floating-point error (:data:`FLOAT`). The planner counts
each load in tenths of a person *rounded up* and each week's capacity in
tenths *rounded down*, and stretches durations to whole weeks; every one of
these roundings makes its own check stricter than the exact one, so the exact
loads of a plan it accepts must fit the exact capacity. The one exception the
docs allow is work already under way: it happens whatever the plan says, so
when it alone exceeds a team's people the plan must say so in a note naming the
team, and may plan nothing more for that team that week.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from carveout.domain import Team, remaining_work
from tests.plan_checker import FLOAT, PLANNED, UNDER_WAY, day, weeks_between

if TYPE_CHECKING:
    from tests.plan_checker import View


@dataclass(frozen=True)
class Load:
    """People needed by one piece of work on every day from ``first`` to ``last``."""

    what: str
    first: date
    last: date
    people: float
    under_way: bool

    def runs(self, week: date) -> bool:
        return self.first <= week + timedelta(days=6) and self.last >= week


def people_on(team: Team, when: date) -> float:
    """The team's people on ``when``: the capacity period holding it, else none."""
    return sum(c.people for c in team.capacity if c.start <= when <= c.end)


def loads(view: View) -> dict[str, list[Load]]:
    """Every team's work still to do on the data date, with the bridges the plan pays."""
    by_team: dict[str, list[Load]] = {}
    span: dict[str, tuple[date, float]] = {}
    for seen in view.rows(UNDER_WAY, PLANNED):
        row, m = seen.row, seen.migration
        assert row is not None
        first = view.origin if seen.state == UNDER_WAY else max(row.start, view.origin)
        weeks = weeks_between(first, row.cutover)
        if weeks <= 0:
            continue  # reported with the facts
        share = remaining_work(m, view.as_of).fraction if seen.state == UNDER_WAY else 1.0
        people = m.effort.most_likely * share / (5 * weeks)
        load = Load(seen.code, first, row.cutover, people, seen.state == UNDER_WAY)
        by_team.setdefault(m.team, []).append(load)
        span[seen.code] = (first, weeks)
    dependencies = {d.key: d for d in view.portfolio.dependencies}
    for key in view.plan.bridged:
        dep = dependencies.get(key)
        later = view.seen.get(dep.service) if dep else None
        # Work under way carries its bridges in its own staffing (docs: it keeps its people).
        if dep is None or later is None or later.state != PLANNED or later.code not in span:
            continue
        first, weeks = span[later.code]
        assert later.row is not None
        by_team.setdefault(later.migration.team, []).append(
            Load(f"bridge {key}", first, later.row.cutover, dep.bridge_effort / (5 * weeks), False)
        )
    return by_team


def check_capacity(view: View) -> list[str]:
    found: list[str] = []
    teams = view.portfolio.team_by_code
    factor = view.scenario.capacity_factor
    for code, work in sorted(loads(view).items()):
        team = teams.get(code)
        if team is None:
            found.append(f"team {code} is planned work but the portfolio has no such team")
            continue
        last = max(w.last for w in work)
        over: list[str] = []
        week = view.origin
        while week <= last:
            running = [w for w in work if w.runs(week)]
            has = people_on(team, week) * factor
            under_way = sum(w.people for w in running if w.under_way)
            planned = sum(w.people for w in running if not w.under_way)
            if under_way > has + FLOAT:
                if not view.noted(code, "under way") or planned > FLOAT:
                    over.append(
                        f"week of {day(week)}: {under_way:.2f} people under way and "
                        f"{planned:.2f} planned, {has:g} available"
                        + ("" if view.noted(code, "under way") else " (not noted)")
                    )
            elif under_way + planned > has + FLOAT:
                names = ", ".join(sorted(w.what for w in running))
                over.append(
                    f"week of {day(week)}: needs {under_way + planned:.2f} people, has {has:g} "
                    f"({names})"
                )
            week += timedelta(days=7)
        if over:
            more = f" and {len(over) - 1} more week(s)" if len(over) > 1 else ""
            found.append(f"team {code} is overloaded in the {over[0]}{more}")
    return found
