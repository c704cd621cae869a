"""The teams and migrations of a synthetic portfolio (:mod:`carveout.demo.generate`): three-point
estimates, a few migrations already under way where their team has people for them, and
each team's capacity sized to its own work."""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from datetime import timedelta

from carveout.demo.generated_records import START, years_after
from carveout.domain import Capacity, Estimate, Migration, MigrationStatus, Service, Team

_DAYS_PER_YEAR = 220  # working days a person gives a year
_UTILISATION = 0.6  # the share of each team's capacity its most likely work fills at most
_UNDER_WAY_SHARE = 0.5  # the share of a team's first-year people work under way may take


def teams_and_migrations(
    rng: random.Random,
    catalogue: Sequence[Service],
    *,
    domains: Sequence[str],
    teams: int,
    years: int,
) -> tuple[tuple[Team, ...], tuple[Migration, ...]]:
    """``teams`` teams (a domain's services go to the team of its place in ``domains``, modulo
    the count), a three-point migration for each moving service of ``catalogue``, and each
    team's people for each of ``years`` sized to its own most likely work with headroom."""
    codes = [f"T{i:02d}" for i in range(1, teams + 1)]
    domain_index = {domain: i for i, domain in enumerate(domains)}
    migrations: list[Migration] = []
    for service in catalogue:
        if not service.moves:
            continue
        likely = round(rng.lognormvariate(math.log(25), 0.7), 1)
        effort = Estimate(
            optimistic=round(likely * rng.uniform(0.6, 0.9), 1),
            most_likely=likely,
            pessimistic=round(likely * rng.uniform(1.2, 2.2), 1),
        )
        days = max(5.0, round(likely / rng.uniform(1, 3)))
        duration = Estimate(
            optimistic=max(1.0, round(days * 0.8)), most_likely=days, pessimistic=round(days * 1.6)
        )
        status, actual_start = MigrationStatus.NOT_STARTED, None
        if rng.random() < 0.05:
            status, actual_start = MigrationStatus.IN_PROGRESS, START
        # A late release leaves at least half a year of capacity after it.
        late = rng.randint(1, 4) if rng.random() < 0.1 else 0
        migrations.append(
            Migration(
                service=service.code,
                team=codes[domain_index[service.domain] % teams],
                effort=effort,
                duration=duration,
                earliest_start=START + timedelta(days=91 * min(late, 4 * years - 2))
                if late
                else None,
                status=status,
                actual_start=actual_start,
            )
        )
    work = dict.fromkeys(codes, 0.0)
    for m in migrations:
        work[m.team] += m.effort.most_likely
    team_records = tuple(
        Team(
            code=code,
            name=f"Migration team {code}",
            capacity=tuple(
                Capacity(
                    start=years_after(START, y),
                    end=years_after(START, y + 1) - timedelta(days=1),
                    # Whole people, always above the need (so at least two).
                    people=float(
                        math.floor(_people(work[code], years) * rng.uniform(1.0, 1.3)) + 1
                    ),
                )
                for y in range(years)
            ),
        )
        for code in codes
    )
    return team_records, _under_way_that_fits(migrations, team_records)


def _people(work: float, years: int) -> float:
    """People a team needs so that its most likely work fills at most 60% of its capacity."""
    return max(1.0, work / (years * _DAYS_PER_YEAR * _UTILISATION))


def _under_way_that_fits(
    migrations: list[Migration], teams: tuple[Team, ...]
) -> tuple[Migration, ...]:
    """Migrations under way, in order, only while their team has people for them.

    Work under way together takes at most half of its team's first-year
    people (a migration needs its effort over its duration); the rest wait.
    """
    room = {t.code: t.capacity[0].people * _UNDER_WAY_SHARE for t in teams}
    result: list[Migration] = []
    for m in migrations:
        if m.status is MigrationStatus.IN_PROGRESS:
            load = m.effort.most_likely / m.duration.most_likely
            if load <= room[m.team]:
                room[m.team] -= load
            else:
                m = m.model_copy(
                    update={"status": MigrationStatus.NOT_STARTED, "actual_start": None}
                )
        result.append(m)
    return tuple(result)
