"""The generated portfolio's parties, agreements, cost pools, RAID log and scenarios
(:mod:`carveout.demo.generate` makes its services, dependencies and work)."""

from __future__ import annotations

import random
from datetime import date, timedelta

from carveout.domain import (
    Agreement,
    AgreementKind,
    Blackout,
    ChargingBasis,
    CostPool,
    ExtensionOption,
    Objective,
    Party,
    PartyRole,
    RaidEntry,
    RaidKind,
    RaidStatus,
    Scenario,
    Service,
    ServiceKind,
    Team,
    Tranche,
)

START = date(2024, 4, 1)
"""When the generated programme's migration work may begin."""

HOST, LEAVING, PROVIDER, PARTNER = "HOST", "LEAVE", "NEWP", "PART"


def parties() -> tuple[Party, ...]:
    """The host, the leaving force, the new provider and a partner."""
    return (
        Party(
            code=HOST,
            name="Synthetic Host Force",
            role=PartyRole.HOST,
            drivers={"officers": 2100, "staff": 1400, "population": 1_300_000, "budget": 230e6},
        ),
        Party(
            code=LEAVING,
            name="Synthetic Leaving Force",
            role=PartyRole.LEAVING,
            drivers={"officers": 950, "staff": 600, "population": 580_000, "budget": 105e6},
        ),
        Party(code=PROVIDER, name="Synthetic New Provider", role=PartyRole.PROVIDER),
        Party(code=PARTNER, name="Synthetic Roads Partner", role=PartyRole.PARTNER),
    )


def years_after(day: date, years: int) -> date:
    """The same day ``years`` later."""
    return day.replace(year=day.year + years)


def blackouts(*, years: int, teams: tuple[Team, ...]) -> tuple[Blackout, ...]:
    """A Christmas freeze each year, and a year-end freeze for the last team."""
    freezes = [
        Blackout(
            code=f"XMAS-{START.year + y}",
            start=date(START.year + y, 12, 20),
            end=date(START.year + y + 1, 1, 3),
            reason="Christmas change freeze",
        )
        for y in range(years)
    ]
    year_end = Blackout(
        code=f"YEAR-END-{START.year + 1}",
        start=date(START.year + 1, 3, 20),
        end=date(START.year + 1, 4, 10),
        team=teams[-1].code,
        reason="Financial year end",
    )
    return (*freezes, year_end)


def agreements(
    rng: random.Random, catalogue: list[Service], *, years: int
) -> tuple[tuple[Agreement, ...], tuple[Tranche, ...], tuple[ExtensionOption, ...]]:
    """The collaboration agreement being left, the transitional hosting agreement (one
    tranche a year, each keeping a shrinking share of the hosted services, each with an
    extension option) and the new provider's service agreement."""
    alliance = Agreement(
        code="ALLIANCE",
        name="Collaboration agreement (synthetic)",
        kind=AgreementKind.COLLABORATION,
        provider=HOST,
        recipients=(LEAVING,),
        start=date(START.year - 12, 3, 1),
        end=START,
        notice_months=12,
        notice_served=date(START.year - 1, 4, 1),
        terminating_party=LEAVING,
        termination_terms="The terminating party pays the other's reasonable costs.",
    )
    tsa = Agreement(
        code="TSA",
        name="Transitional hosting agreement (synthetic)",
        kind=AgreementKind.TRANSITIONAL,
        provider=HOST,
        recipients=(LEAVING,),
        start=START,
        end=years_after(START, years) - timedelta(days=1),
        notice_months=3,
    )
    provider = Agreement(
        code="NEWP-SA",
        name="Service agreement with the new provider (synthetic)",
        kind=AgreementKind.SERVICE,
        provider=PROVIDER,
        recipients=(LEAVING,),
        start=START,
        notice_months=6,
    )
    hosted = [s for s in catalogue if s.host == HOST and LEAVING in s.consumers and s.moves]
    rng.shuffle(hosted)
    tranches: list[Tranche] = []
    options: list[ExtensionOption] = []
    for y in range(years):
        # nested schedules: each later tranche keeps a shrinking share of the services
        covered = sorted(
            hosted[: max(1, round(len(hosted) * (1 - y / years)))], key=lambda s: s.code
        )
        monthly = sum(s.annual_cost() for s in covered) / 12 * 0.31
        code = f"TSA-T{y + 1}"
        tranches.append(
            Tranche(
                code=code,
                agreement="TSA",
                name=f"Schedule {y + 1}",
                start=START,
                end=years_after(START, y + 1) - timedelta(days=1),
                monthly_charge=float(round(monthly, -2)),
                services=tuple(s.code for s in covered) if hosted else (),
            )
        )
        options.append(
            ExtensionOption(
                code=f"{code}-EXT", tranche=code, length_months=6, notice_months=3, step_up=0.15
            )
        )
    return (alliance, tsa, provider), tuple(tranches), tuple(options)


def cost_pools(catalogue: list[Service]) -> tuple[CostPool, ...]:
    """Shared IT, split by ratio, and business services, split by officers."""
    it_kinds = (ServiceKind.APPLICATION, ServiceKind.INFRASTRUCTURE, ServiceKind.DATA_STORE)
    it = [s for s in catalogue if s.kind in it_kinds]
    business = [s for s in catalogue if s.kind not in it_kinds]

    def costs(services: list[Service]) -> dict[int, float]:
        total = sum(s.annual_cost() for s in services)
        return {START.year - 3 + i: float(round(total * (0.94 + 0.03 * i), -2)) for i in range(3)}

    return (
        CostPool(
            code="POOL-IT",
            name="Shared IT",
            basis=ChargingBasis.RATIO,
            shares={HOST: 69, LEAVING: 31},
            services=tuple(s.code for s in it),
            annual_costs=costs(it),
        ),
        CostPool(
            code="POOL-BUS",
            name="Business services",
            basis=ChargingBasis.DRIVER,
            driver="officers",
            services=tuple(s.code for s in business),
            annual_costs=costs(business),
        ),
    )


def raid_log(rng: random.Random, catalogue: list[Service]) -> tuple[RaidEntry, ...]:
    """About one RAID entry per 25 services, most of them risks."""
    entries: list[RaidEntry] = []
    for i in range(1, max(5, len(catalogue) // 25) + 1):
        kind = rng.choices(list(RaidKind), weights=(60, 20, 10, 10))[0]
        risk = kind is RaidKind.RISK
        entries.append(
            RaidEntry(
                code=f"R{i:04d}",
                kind=kind,
                title=f"{kind.value.capitalize()} {i}: {rng.choice(catalogue).domain} dependency",
                status=RaidStatus.OPEN if rng.random() < 0.8 else RaidStatus.CLOSED,
                owner=rng.choice(("PMO", "Architecture", "Finance", "Operations")),
                raised=START - timedelta(days=rng.randint(0, 300)),
                probability=round(rng.uniform(0.05, 0.6), 2) if risk else 0.0,
                delay_days=float(rng.randint(5, 60)) if risk else 0.0,
                extra_effort=float(rng.randint(0, 20)) if risk else 0.0,
                cost_impact=float(rng.randint(0, 50) * 1000) if risk else 0.0,
                services=tuple(
                    sorted({s.code for s in rng.sample(catalogue, min(3, len(catalogue)))})
                ),
            )
        )
    return tuple(entries)


def scenarios(*, years: int) -> tuple[Scenario, ...]:
    """The baseline (least cost by the agreement's end) and a faster exit with more staff."""
    end = years_after(START, years) - timedelta(days=1)
    return (
        Scenario(code="BASE", name="Baseline", start=START, deadline=end, objective=Objective.COST),
        Scenario(
            code="FAST",
            name="Faster exit with more staff",
            start=START,
            deadline=years_after(START, max(1, years - 1)),
            objective=Objective.FINISH,
            capacity_factor=1.2,
        ),
    )
