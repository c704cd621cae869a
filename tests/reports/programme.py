"""A small separation programme for the report tests: every section has something to show.

Two teams move eight services from West Mercia to Warwickshire and West
Midlands under a transitional agreement of two tranches; one service has cut
over, one is under way, file storage stays hosted and an old system retires.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from carveout.costs.report import CostReport
from carveout.domain import (
    Agreement,
    Capacity,
    CostPool,
    Dependency,
    Estimate,
    ExtensionOption,
    Migration,
    Party,
    Portfolio,
    RaidEntry,
    Scenario,
    Service,
    Team,
    Tranche,
)
from carveout.planning.plan import Plan
from carveout.risk.forecast import Forecast

START = date(2021, 4, 5)
AS_OF = date(2021, 10, 15)
MOVING = ("CAD", "RMS", "CUSTODY", "INTEL", "DEMS", "PAY", "HR", "NET")
"""The services that move, in catalogue order."""


def _estimate(low: float, likely: float, high: float) -> Estimate:
    return Estimate(optimistic=low, most_likely=likely, pessimistic=high)


def _service(code: str, name: str, destination: str | None, **extra: object) -> Service:
    return Service(
        code=code,
        name=name,
        kind=str(extra.pop("kind", "application")),
        host="WMERC",
        consumers=("WMERC", "WARKS"),
        usage={"WMERC": 700, "WARKS": 300},
        fixed_cost=float(str(extra.pop("fixed_cost", 120_000))),
        variable_cost=20,
        destination=destination,
        **extra,  # type: ignore[arg-type]
    )


def programme() -> Portfolio:
    """The report tests' portfolio (deterministic)."""
    services = (
        _service("CAD", "Command and control", "WARKS", criticality="mission_critical"),
        _service("RMS", "Crime records", "WARKS", criticality="high", fixed_cost=200_000),
        _service("CUSTODY", "Custody", "WARKS"),
        _service("INTEL", "Intelligence", "WARKS"),
        _service("DEMS", "Digital evidence", "WARKS", kind="data_store"),
        _service("PAY", "Payroll", "WMIDS", kind="business_service", fixed_cost=60_000),
        _service("HR", "HR system", "WMIDS", kind="business_service", fixed_cost=80_000),
        _service("NET", "Wide-area network", "WARKS", kind="infrastructure", fixed_cost=90_000),
        _service("FILES", "File storage", None, kind="data_store", disposition="stay_hosted"),
        _service("FAX", "Fax gateway", None, disposition="retire", fixed_cost=5_000),
    )
    team = ("APPS", "APPS", "APPS", "APPS", "INFRA", "APPS", "APPS", "INFRA")
    sizes = (
        _estimate(40, 50, 90),
        _estimate(50, 70, 120),
        _estimate(30, 40, 60),
        _estimate(20, 30, 50),
        _estimate(30, 40, 60),
        _estimate(10, 15, 25),
        _estimate(20, 30, 45),
        _estimate(50, 60, 90),
    )
    progress: dict[str, dict[str, object]] = {
        "PAY": {
            "status": "cut_over",
            "actual_start": date(2021, 4, 12),
            "actual_end": date(2021, 6, 30),
        },
        "HR": {"status": "in_progress", "actual_start": date(2021, 9, 1), "percent_complete": 60},
    }
    migrations = tuple(
        Migration(
            service=code,
            team=who,
            effort=size,
            duration=size,
            deadline=date(2022, 3, 31) if code in ("CAD", "RMS") else None,
            **progress.get(code, {}),  # type: ignore[arg-type]
        )
        for code, who, size in zip(MOVING, team, sizes, strict=True)
    )
    capacity = (Capacity(start=date(2021, 1, 1), end=date(2023, 12, 31), people=2),)
    return Portfolio(
        parties=(
            Party(
                code="WMERC",
                name="West Mercia Police",
                role="host",
                drivers={"officers": 2100, "population": 1_290_000},
            ),
            Party(
                code="WARKS",
                name="Warwickshire Police",
                role="leaving",
                drivers={"officers": 840, "population": 580_000},
            ),
            Party(code="WMIDS", name="West Midlands Police", role="provider"),
        ),
        services=services,
        dependencies=(
            Dependency(service="CUSTODY", depends_on="RMS", coupling="before"),
            Dependency(service="INTEL", depends_on="RMS", coupling="together"),
            Dependency(
                service="DEMS",
                depends_on="RMS",
                coupling="bridgeable",
                bridge_effort=10,
                bridge_cost=25_000,
            ),
        ),
        teams=(
            Team(code="APPS", name="Applications", capacity=capacity),
            Team(code="INFRA", name="Infrastructure", capacity=capacity),
        ),
        migrations=migrations,
        agreements=(
            Agreement(
                code="ALLIANCE",
                name="Strategic alliance",
                kind="collaboration",
                provider="WMERC",
                recipients=("WARKS",),
                start=date(2012, 4, 1),
                end=date(2021, 9, 30),
                notice_months=12,
                notice_served=date(2020, 9, 30),
                terminating_party="WARKS",
                termination_costs="terminating_party",
                termination_terms="The terminating party pays the other's reasonable costs.",
            ),
            Agreement(
                code="TSA",
                name="Transitional hosting",
                kind="transitional",
                provider="WMERC",
                recipients=("WARKS",),
                start=date(2021, 10, 1),
                end=date(2022, 12, 31),
                notice_months=3,
            ),
        ),
        tranches=(
            Tranche(
                code="TSA-1",
                agreement="TSA",
                name="Tranche 1",
                start=date(2021, 10, 1),
                end=date(2022, 3, 31),
                monthly_charge=90_000,
                services=("CAD", "RMS", "CUSTODY", "INTEL", "DEMS", "NET"),
            ),
            Tranche(
                code="TSA-2",
                agreement="TSA",
                name="Tranche 2",
                start=date(2022, 4, 1),
                end=date(2022, 9, 30),
                monthly_charge=50_000,
                services=("FILES",),
            ),
        ),
        extension_options=(
            ExtensionOption(
                code="TSA-1-X", tranche="TSA-1", length_months=3, notice_months=2, step_up=0.2
            ),
        ),
        cost_pools=(
            CostPool(
                code="IT",
                name="Shared IT",
                basis="ratio",
                shares={"WMERC": 69, "WARKS": 31},
                services=(*MOVING, "FILES", "FAX"),
                annual_costs={2019: 1_900_000, 2020: 1_950_000, 2021: 2_000_000},
                agreement="ALLIANCE",
            ),
        ),
        raid=(
            RaidEntry(
                code="R1",
                kind="risk",
                title="Records data fails quality checks",
                probability=0.5,
                delay_days=30,
                extra_effort=20,
                cost_impact=80_000,
                services=("RMS", "INTEL"),
            ),
            RaidEntry(
                code="R2",
                kind="risk",
                title="Network circuits arrive late",
                probability=0.3,
                delay_days=20,
                cost_impact=15_000,
                services=("NET",),
            ),
            RaidEntry(
                code="R3",
                kind="risk",
                title="Old risk, closed",
                status="closed",
                probability=0.9,
                delay_days=90,
                services=("CAD",),
            ),
            RaidEntry(
                code="D1",
                kind="decision",
                title="Agree where evidence is stored",
                owner="Programme board",
                services=("DEMS",),
            ),
        ),
        scenarios=(
            Scenario(
                code="BASE", name="Baseline", start=START, deadline=date(2022, 6, 30), as_of=AS_OF
            ),
        ),
    )


@dataclass(frozen=True)
class Results:
    """The programme and its engine results."""

    portfolio: Portfolio
    plan: Plan
    forecast: Forecast
    costs: CostReport
