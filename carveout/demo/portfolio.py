"""The demonstration portfolio, assembled from the curated tables beside this module.

It is shaped on the public record of the West Mercia and Warwickshire police
alliance (see ``docs/concepts.md``) and is SYNTHETIC wherever it goes beyond
that record: each module says which of its facts are public and which are
invented. Building it is deterministic: the same records every time.
"""

from __future__ import annotations

from functools import cache

from carveout.demo.catalogue import CATALOGUE, Entry
from carveout.demo.contracts import agreements, cost_pools, extension_options, tranches
from carveout.demo.programme import (
    BLACKOUTS,
    DAY_RATES,
    DEADLINES,
    EARLIEST_START,
    FIRST_YEAR,
    PROGRESS,
    TEAMS,
    duration_for,
    effort_for,
    quarter_bounds,
    team_for,
)
from carveout.demo.raid import raid, scenarios
from carveout.demo.readiness import exit_criteria, exit_decisions
from carveout.demo.schedule import schedule_lines
from carveout.demo.service_levels import service_levels
from carveout.demo.wiring import wiring
from carveout.domain import (
    Blackout,
    Capacity,
    Dependency,
    Estimate,
    Migration,
    MigrationStatus,
    Party,
    PartyRole,
    Portfolio,
    Service,
    Team,
)

ALLIANCE = ("WMERC", "WARKS")
MOTORWAY_GROUP = ("WMIDS", "STAFFS")

# Approximate public orders of magnitude around 2018 (budget in pounds).
PARTIES: tuple[Party, ...] = (
    Party(
        code="WMERC",
        name="West Mercia Police",
        role=PartyRole.HOST,
        drivers={"officers": 2100, "staff": 1900, "population": 1_290_000, "budget": 218e6},
    ),
    Party(
        code="WARKS",
        name="Warwickshire Police",
        role=PartyRole.LEAVING,
        drivers={"officers": 840, "staff": 780, "population": 580_000, "budget": 103e6},
    ),
    Party(
        code="WMIDS",
        name="West Midlands Police",
        role=PartyRole.PROVIDER,
        drivers={"officers": 6500, "staff": 3800, "population": 2_920_000, "budget": 570e6},
    ),
    Party(
        code="STAFFS",
        name="Staffordshire Police",
        role=PartyRole.PARTNER,
        drivers={"officers": 1600, "staff": 1300, "population": 1_130_000, "budget": 190e6},
    ),
)

# Annual cost per user (£) on top of each service's fixed cost: licences, devices, support.
PER_USER: dict[str, float] = {
    "application": 45,
    "infrastructure": 30,
    "data_store": 10,
    "business_service": 20,
    "operational": 0,
}
DISPOSITIONS = {"REPL": "replicate", "RETIRE": "retire", "STAY": "stay_hosted"}


CONSENT_LEAD_DAYS = {"RMS": 120.0, "CAD": 90.0, "DEMS": 60.0}
"""Synthetic: licences whose vendors must consent to serving Warwickshire alone, and the
days of notice each asks for."""


def _workforce(party: Party) -> float:
    return party.drivers["officers"] + party.drivers["staff"]


def _service(entry: Entry) -> Service:
    consumers = MOTORWAY_GROUP if entry.host == "WMIDS" else ALLIANCE
    parties = {p.code: p for p in PARTIES}
    usage = {c: float(max(1, round(entry.reach * _workforce(parties[c])))) for c in consumers}
    disposition = DISPOSITIONS.get(entry.fate, "migrate")
    if entry.fate == "REPL":
        destination: str | None = next(c for c in consumers if c != entry.host)
    elif disposition == "migrate":
        destination = entry.fate
    else:
        destination = None
    return Service(
        code=entry.code,
        name=entry.name,
        kind=entry.kind,
        host=entry.host,
        consumers=consumers,
        usage=usage,
        fixed_cost=entry.fixed_k * 1000,
        variable_cost=PER_USER[entry.kind],
        criticality=entry.criticality,
        disposition=disposition,
        destination=destination,
        domain=entry.domain,
        consent_lead_days=CONSENT_LEAD_DAYS.get(entry.code),
    )


def _migration(entry: Entry) -> Migration:
    progress = PROGRESS.get(entry.code)
    if progress is None:
        status = MigrationStatus.NOT_STARTED
    elif progress.end is None:
        status = MigrationStatus.IN_PROGRESS
    else:
        status = MigrationStatus.CUT_OVER
    return Migration(
        service=entry.code,
        team=team_for(entry),
        effort=Estimate(**effort_for(entry)._asdict()),
        duration=Estimate(**duration_for(entry)._asdict()),
        earliest_start=EARLIEST_START.get(entry.code),
        deadline=DEADLINES.get(entry.code),
        status=status,
        actual_start=progress.start if progress else None,
        actual_end=progress.end if progress else None,
        percent_complete=progress.percent if progress else None,
    )


TEAM_PARTIES = {"WMIDS-ONB": "WMIDS"}
"""Teams a party runs (and so may change); the rest are the programme's or suppliers'."""


def _team(code: str, name: str, people: tuple[float, ...]) -> Team:
    periods = []
    for index, staff in enumerate(people):
        start, end = quarter_bounds(FIRST_YEAR + index // 4, index % 4 + 1)
        periods.append(Capacity(start=start, end=end, people=staff))
    return Team(
        code=code,
        name=name,
        capacity=tuple(periods),
        party=TEAM_PARTIES.get(code),
        day_rate=DAY_RATES.get(code),
    )


@cache
def demo_portfolio() -> Portfolio:
    """The bundled demonstration portfolio (synthetic, shaped on public facts)."""
    moving = [e for e in CATALOGUE if e.size]
    links = wiring(early=frozenset(PROGRESS))
    return Portfolio(
        parties=PARTIES,
        services=tuple(_service(e) for e in CATALOGUE),
        dependencies=tuple(
            Dependency(
                service=link.service,
                depends_on=link.depends_on,
                coupling=link.coupling,
                bridge_effort=link.effort,
                bridge_cost=link.cost_k * 1000,
                description=link.description,
            )
            for link in links
        ),
        teams=tuple(_team(*spec) for spec in TEAMS),
        migrations=tuple(_migration(e) for e in moving),
        blackouts=tuple(Blackout(**spec._asdict()) for spec in BLACKOUTS),
        agreements=agreements(),
        tranches=tranches(),
        extension_options=extension_options(),
        schedule_lines=(lines := schedule_lines(tranches())),
        service_levels=service_levels(lines),
        exit_criteria=(gates := exit_criteria(tranches(), tuple(map(_migration, moving)))),
        exit_decisions=exit_decisions(gates),
        cost_pools=cost_pools(),
        raid=raid(),
        scenarios=scenarios(),
    )
