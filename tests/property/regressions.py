"""Portfolios that broke an engine before, each pushed to one extreme: the suite's examples.

Each starts from :func:`plain`, a small ordinary portfolio, and changes only
what made an engine fail, so the example says what the failure was about.
"""

from __future__ import annotations

from datetime import date

from carveout.domain import (
    Agreement,
    AgreementKind,
    Capacity,
    ChargingBasis,
    CostPool,
    Coupling,
    Dependency,
    Estimate,
    ExtensionOption,
    Migration,
    MigrationStatus,
    Party,
    Portfolio,
    RaidEntry,
    RaidKind,
    Scenario,
    Service,
    ServiceKind,
    Team,
    Tranche,
)
from carveout.domain import ranges as r
from tests.property.extremes import PARTIES, TEAMS


def plain() -> Portfolio:
    """A small, ordinary portfolio that the regression examples push to one extreme each."""
    services = tuple(
        Service(
            code=code,
            name=f"Service {code}",
            kind=ServiceKind.APPLICATION,
            host="P1",
            consumers=("P2", "P3"),
            usage={"P2": 10.0, "P3": 30.0},
            fixed_cost=100_000.0,
            variable_cost=1_000.0,
        )
        for code in ("S1", "S2")
    )
    work = Estimate(optimistic=20, most_likely=40, pessimistic=80)
    return Portfolio(
        parties=tuple(Party(code=p, name=f"Party {p}", drivers={"staff": 100.0}) for p in PARTIES),
        services=services,
        teams=tuple(
            Team(
                code=code,
                name=f"Team {code}",
                capacity=(Capacity(start=r.EARLIEST_DATE, end=r.LATEST_DATE, people=4),),
            )
            for code in TEAMS
        ),
        migrations=tuple(
            Migration(service=s.code, team="T1", effort=work, duration=work) for s in services
        ),
        cost_pools=(
            CostPool(
                code="CP1",
                name="Shared pool",
                basis=ChargingBasis.RATIO,
                shares={"P1": 1.0, "P2": 1.0},
                services=("S1", "S2"),
            ),
        ),
        scenarios=(
            Scenario(code="SC1", name="Plain", start=date(2030, 1, 1), as_of=date(2030, 1, 1)),
        ),
    )


def huge_catalogue() -> Portfolio:
    """Costs at their limit times usage at its limit: a catalogue cost of 10^24 a year."""
    p = plain()
    services = tuple(
        s.model_copy(update={"variable_cost": r.MAX_MONEY, "usage": {"P2": r.MAX_QUANTITY}})
        for s in p.services
    )
    return p.replace(services=services)


def huge_hosting() -> Portfolio:
    """A trillion a month under a tranche stepped up tenfold, late at a trillion a day."""
    p = plain()
    scenario = p.scenarios[0].model_copy(
        update={"deadline": date(2030, 2, 1), "lateness_penalty": r.MAX_MONEY}
    )
    return p.replace(
        scenarios=(scenario,),
        **{
            "agreements": (
                Agreement(
                    code="AG1",
                    name="Collaboration",
                    kind=AgreementKind.TRANSITIONAL,
                    provider="P1",
                    recipients=("P2",),
                    start=r.EARLIEST_DATE,
                ),
            ),
            "tranches": (
                Tranche(
                    code="TR1",
                    agreement="AG1",
                    start=r.EARLIEST_DATE,
                    end=date(2030, 1, 31),
                    monthly_charge=r.MAX_MONEY,
                    services=("S1", "S2"),
                ),
            ),
            "extension_options": (
                ExtensionOption(
                    code="EX1", tranche="TR1", length_months=r.MAX_MONTHS, step_up=r.MAX_FACTOR
                ),
            ),
        },
    )


def sliver_of_work() -> Portfolio:
    """Work in progress estimated at a billionth of a day, with days left and a big risk."""
    p = plain()
    under_way = p.migrations[0].model_copy(
        update={
            "duration": Estimate(optimistic=0, most_likely=1e-9, pessimistic=0.4),
            "effort": Estimate(optimistic=1e-9, most_likely=0.1, pessimistic=r.MAX_EFFORT),
            "status": MigrationStatus.IN_PROGRESS,
            "actual_start": date(2029, 1, 2),
            "remaining_days": 0.25,
        }
    )
    tiny = p.migrations[1].model_copy(
        update={"effort": Estimate(optimistic=1e-9, most_likely=1e-9, pessimistic=r.MAX_EFFORT)}
    )
    risk = RaidEntry(
        code="R1",
        kind=RaidKind.RISK,
        title="Everything slips",
        probability=1,
        delay_days=1,
        extra_effort=r.MAX_EFFORT,
        services=("S1", "S2"),
    )
    return p.replace(migrations=(under_way, tiny), raid=(risk,))


def understaffed() -> Portfolio:
    """A million person-days for a team of a tenth of a person: centuries of work."""
    p = plain()
    team = p.teams[0].model_copy(
        update={"capacity": (Capacity(start=r.EARLIEST_DATE, end=r.LATEST_DATE, people=0.1),)}
    )
    big = p.migrations[0].model_copy(
        update={
            "effort": Estimate(optimistic=1, most_likely=r.MAX_EFFORT, pessimistic=r.MAX_EFFORT)
        }
    )
    return p.replace(teams=(team, p.teams[1]), migrations=(big, p.migrations[1]))


def sliver_beside_long_work() -> Portfolio:
    """A sliver of work with the widest estimate cuts over together with 45 years of work."""
    p = plain()
    under_way = {"status": MigrationStatus.IN_PROGRESS, "actual_start": date(2100, 1, 4)}
    long = p.migrations[0].model_copy(
        update={
            **under_way,
            "duration": Estimate(optimistic=5000, most_likely=5000, pessimistic=5000),
            "effort": Estimate(optimistic=45_000, most_likely=45_000, pessimistic=45_000),
            "remaining_days": 5000.0,
        }
    )
    sliver = p.migrations[1].model_copy(
        update={
            **under_way,
            "duration": Estimate(optimistic=0, most_likely=0.1, pessimistic=r.MAX_DAYS),
            "percent_complete": 5.0,
        }
    )
    hosted = huge_hosting()
    return p.replace(
        migrations=(long, sliver),
        dependencies=(Dependency(service="S2", depends_on="S1", coupling=Coupling.TOGETHER),),
        scenarios=(p.scenarios[0].model_copy(update={"as_of": date(2100, 12, 31)}),),
        agreements=hosted.agreements,
        tranches=hosted.tranches,
    )
