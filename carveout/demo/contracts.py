"""The demonstration agreements, their tranches and options, and the cost pools.

PUBLIC: the alliance began in 2012; notice to end it was served in 2018 (by
West Mercia's Police and Crime Commissioner, so West Mercia is the terminating
party here, while Warwickshire is the force leaving the hosted services); the
end date of October 2019 was extended by six months; the agreement made the
terminating party pay the other's reasonable costs; the alliance's costs were
shared 69% West Mercia / 31% Warwickshire; from 1 October 2021 West Mercia kept
48 applications running to 31 March 2022, then 30 of them to 31 March 2023,
plus four months of broader support with an option to extend, and file storage
stayed hosted by West Mercia; West Midlands Police took on Warwickshire's
payroll, HR systems, business services and IT.

SYNTHETIC: exact days within those months, notice periods, every monthly
charge, Warwickshire's budget for the hosting agreement (every tranche's
charges to its end), the option terms, the yearly pool totals and the driver-based pools,
and the amounts of the alliance pool's recorded charges for 2017–2019 (the
public 69/31 split applied to the invented yearly totals). The alliance and
forensics pools are shared under the alliance agreement, so they are settled
when it ends; the motorway group's pool names no agreement (nobody leaves it).
"""

from __future__ import annotations

from datetime import date

from carveout.demo.catalogue import CATALOGUE
from carveout.domain import (
    Agreement,
    AgreementKind,
    ChargingBasis,
    CostPool,
    ExtensionOption,
    PoolCharge,
    TerminationCosts,
    Tranche,
)

ALLIANCE_TERMS = "The terminating party pays the other party's reasonable costs of separation."
"""The clause's words, for people; the figures follow ``termination_costs``."""


def agreements() -> tuple[Agreement, ...]:
    return (
        Agreement(
            code="ALLIANCE",
            name="Strategic alliance collaboration agreement",
            kind=AgreementKind.COLLABORATION,
            provider="WMERC",
            recipients=("WARKS",),
            start=date(2012, 4, 1),
            end=date(2020, 4, 30),
            notice_months=12,
            notice_served=date(2018, 10, 31),
            terminating_party="WMERC",
            termination_costs=TerminationCosts.TERMINATING_PARTY,
            termination_terms=ALLIANCE_TERMS,
        ),
        Agreement(
            code="TSA-2021",
            name="Transitional hosting agreement",
            kind=AgreementKind.TRANSITIONAL,
            provider="WMERC",
            recipients=("WARKS",),
            start=date(2021, 10, 1),
            end=date(2023, 3, 31),
            notice_months=3,
            termination_terms="Charges are payable to the end of each tranche in force.",
            budgets={"WARKS": 3_450_000},
        ),
        Agreement(
            code="STORAGE-2021",
            name="Long-term file storage hosting",
            kind=AgreementKind.SERVICE,
            provider="WMERC",
            recipients=("WARKS",),
            start=date(2021, 10, 1),
            end=date(2026, 9, 30),
            notice_months=12,
            termination_terms="Data returned in an agreed format within three months of the end.",
        ),
        _west_midlands("WMIDS-PAYHR", "payroll and HR systems", date(2019, 2, 1)),
        _west_midlands("WMIDS-BUS", "business services", date(2019, 10, 1)),
        _west_midlands("WMIDS-IT", "IT services", date(2020, 10, 1)),
    )


def _west_midlands(code: str, name: str, start: date) -> Agreement:
    return Agreement(
        code=code,
        name=f"West Midlands Police: {name}",
        kind=AgreementKind.SERVICE,
        provider="WMIDS",
        recipients=("WARKS",),
        start=start,
        end=date(2027, 3, 31),
        notice_months=12,
        termination_terms="Either party may end it on twelve months' notice.",
    )


def _tsa_services(*marks: str) -> tuple[str, ...]:
    return tuple(e.code for e in CATALOGUE if e.tsa in marks)


def _stay_hosted() -> tuple[str, ...]:
    return tuple(e.code for e in CATALOGUE if e.fate == "STAY" and e.host == "WMERC")


def tranches() -> tuple[Tranche, ...]:
    """The hosting agreement's three schedules, the storage schedule, West Midlands charges.

    West Midlands schedules list no services: they are what the new provider
    charges for running them, not hosting by the old partner.
    """
    return (
        Tranche(
            code="TSA-T1",
            agreement="TSA-2021",
            name="Tranche 1: 48 applications",
            start=date(2021, 10, 1),
            end=date(2022, 3, 31),
            monthly_charge=215_000,
            services=_tsa_services("1", "2"),
        ),
        Tranche(
            code="TSA-T2",
            agreement="TSA-2021",
            name="Tranche 2: 30 applications",
            start=date(2022, 4, 1),
            end=date(2023, 3, 31),
            monthly_charge=148_000,
            services=_tsa_services("2"),
        ),
        Tranche(
            code="TSA-SUPPORT",
            agreement="TSA-2021",
            name="Broader infrastructure and support",
            start=date(2021, 10, 1),
            end=date(2022, 1, 31),
            monthly_charge=96_000,
            services=_tsa_services("S"),
        ),
        Tranche(
            code="STORAGE",
            agreement="STORAGE-2021",
            name="File storage and archives",
            start=date(2021, 10, 1),
            end=date(2026, 9, 30),
            monthly_charge=28_000,
            services=_stay_hosted(),
        ),
        _charge("WMIDS-PAYHR-C", "WMIDS-PAYHR", date(2019, 2, 1), 86_000),
        _charge("WMIDS-BUS-C", "WMIDS-BUS", date(2019, 10, 1), 118_000),
        _charge("WMIDS-IT-C", "WMIDS-IT", date(2020, 10, 1), 262_000),
    )


def _charge(code: str, agreement: str, start: date, monthly: float) -> Tranche:
    return Tranche(
        code=code,
        agreement=agreement,
        name="Service charge",
        start=start,
        end=date(2027, 3, 31),
        monthly_charge=monthly,
    )


def extension_options() -> tuple[ExtensionOption, ...]:
    return (
        ExtensionOption(
            code="TSA-SUPPORT-X",
            tranche="TSA-SUPPORT",
            length_months=3,
            notice_months=1,
            step_up=0.10,
        ),
        ExtensionOption(
            code="TSA-T2-X", tranche="TSA-T2", length_months=3, notice_months=3, step_up=0.25
        ),
    )


# The alliance pool's yearly totals (£): invented, rising with pay awards.
ALLIANCE_COSTS: dict[int, float] = {
    2012: 41_800_000,
    2013: 42_600_000,
    2014: 43_100_000,
    2015: 43_900_000,
    2016: 44_700_000,
    2017: 45_800_000,
    2018: 46_900_000,
    2019: 48_300_000,
}

# What each force was charged for the alliance pool (£): the public 69/31 split
# of the invented totals above, recorded for the last three years.
ALLIANCE_CHARGES: tuple[PoolCharge, ...] = tuple(
    PoolCharge(year=year, party=party, amount=amount)
    for year, west_mercia, warwickshire in (
        (2017, 31_602_000, 14_198_000),
        (2018, 32_361_000, 14_539_000),
        (2019, 33_327_000, 14_973_000),
    )
    for party, amount in (("WMERC", west_mercia), ("WARKS", warwickshire))
)


def cost_pools() -> tuple[CostPool, ...]:
    alliance = tuple(e.code for e in CATALOGUE if e.host in ("WMERC", "WARKS"))
    forensic = tuple(e.code for e in CATALOGUE if e.domain == "Forensics" and e.host == "WMERC")
    return (
        CostPool(
            code="ALLIANCE",
            name="Alliance shared services",
            basis=ChargingBasis.RATIO,
            shares={"WMERC": 69, "WARKS": 31},
            services=alliance,
            annual_costs=ALLIANCE_COSTS,
            agreement="ALLIANCE",
            charges=ALLIANCE_CHARGES,
        ),
        CostPool(
            code="FORENSICS",
            name="Forensic and scientific support",
            basis=ChargingBasis.DRIVER,
            driver="population",
            services=forensic,
            annual_costs={2017: 4_100_000, 2018: 4_250_000, 2019: 4_400_000},
            agreement="ALLIANCE",
        ),
        CostPool(
            code="CMPG",
            name="Central Motorway Policing Group",
            basis=ChargingBasis.DRIVER,
            driver="officers",
            services=("CMPG", "CMPG-ANPR"),
            annual_costs={2018: 11_100_000, 2019: 11_400_000, 2020: 11_700_000},
        ),
    )
