"""What one cell of a sweep changes in the portfolio and the scenario it plans.

- **Deadline**: the scenario's deadline.
- **Extra people**: added to every capacity period of the team that has not
  ended by the data date (a period under way gets them too).
- **Extensions**: a tranche's options apply in turn, ordered by code (see
  :mod:`carveout.planning.hosting`). When not all of a tranche's options are
  taken, its services' hosting stops at the end of the options taken in turn
  (the tranche's own end when the first is not): the services it is the last
  tranche of must cut over by then, and the options not taken are dropped.
- **Mitigations**: open risks with a mitigation take their mitigated
  probability, delay and cost (:meth:`RaidEntry.mitigated`); the mitigations'
  cost is counted in the cell's cost.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from carveout.domain import (
    ExtensionOption,
    Migration,
    Portfolio,
    RaidKind,
    RaidStatus,
    Scenario,
    Team,
)
from carveout.planning.calendar import add_months
from carveout.planning.prepare import build_separation
from carveout.planning.sweep_grid import ALL, NONE, Cell


def cell_inputs(
    *, portfolio: Portfolio, scenario: Scenario, cell: Cell, as_of: date
) -> tuple[Portfolio, Scenario]:
    """The portfolio and scenario ``cell`` plans, as of the data date ``as_of``."""
    teams = portfolio.teams
    if any(n for _, n in cell.extra):
        teams = tuple(_with_extra(t, cell.extra_in(t.code), as_of) for t in teams)
    migrations, options = portfolio.migrations, portfolio.extension_options
    if cell.extensions != ALL:
        migrations, options = _without_extensions(portfolio, cell.extensions)
    raid = portfolio.raid
    if cell.mitigations:
        raid = tuple(r.mitigated() if _open_risk(r.kind, r.status) else r for r in raid)
    changed = portfolio.replace(
        teams=teams, migrations=migrations, extension_options=options, raid=raid
    )
    return changed, scenario.model_copy(update={"deadline": cell.deadline})


def mitigation_cost(portfolio: Portfolio) -> float:
    """What putting every open risk's mitigation in place costs."""
    return sum(
        r.mitigation_cost
        for r in portfolio.raid
        if _open_risk(r.kind, r.status) and r.has_mitigation
    )


def busiest_teams(
    *, portfolio: Portfolio, scenario: Scenario, as_of: date, count: int
) -> list[str]:
    """The ``count`` teams with the most person-days of work left on the data date."""
    separation = build_separation(portfolio=portfolio, scenario=scenario, as_of=as_of)
    work: dict[str, float] = defaultdict(float)
    for move in separation.moves:
        work[move.team] += move.effort_days
    ranked = sorted(work, key=lambda team: (-work[team], team))
    return ranked[:count]


def _open_risk(kind: RaidKind, status: RaidStatus) -> bool:
    return kind is RaidKind.RISK and status is RaidStatus.OPEN


def _with_extra(team: Team, extra: int, as_of: date) -> Team:
    if extra <= 0:
        return team
    periods = tuple(
        c.model_copy(update={"people": c.people + extra}) if c.end >= as_of else c
        for c in team.capacity
    )
    return team.model_copy(update={"capacity": periods})


def _without_extensions(
    portfolio: Portfolio, choice: str
) -> tuple[tuple[Migration, ...], tuple[ExtensionOption, ...]]:
    """Migrations with the deadlines the options not taken impose, and the options kept."""
    taken = set() if choice == NONE else set(choice.split("+"))
    by_tranche: dict[str, list[ExtensionOption]] = defaultdict(list)
    for option in sorted(portfolio.extension_options, key=lambda o: o.code):
        by_tranche[option.tranche].append(option)
    kept: list[ExtensionOption] = []
    stops: dict[str, date] = {}
    for tranche in portfolio.tranches:
        options = by_tranche.get(tranche.code, [])
        if not options:
            continue
        months = 0
        prefix: list[ExtensionOption] = []
        for option in options:
            if option.code not in taken:
                break
            months += option.length_months
            prefix.append(option)
        kept.extend(prefix)
        if len(prefix) < len(options):
            stops[tranche.code] = add_months(tranche.end, months + 1) - timedelta(days=1)
    last_tranche: dict[str, tuple[date, str]] = {}
    for tranche in portfolio.tranches:
        for service in tranche.services:
            if service not in last_tranche or tranche.end > last_tranche[service][0]:
                last_tranche[service] = (tranche.end, tranche.code)
    migrations: list[Migration] = []
    for m in portfolio.migrations:
        found = last_tranche.get(m.service)
        stop = stops.get(found[1]) if found else None
        if stop is not None and (m.deadline is None or stop < m.deadline):
            m = m.model_copy(update={"deadline": stop})
        migrations.append(m)
    return tuple(migrations), tuple(sorted(kept, key=lambda o: o.code))
