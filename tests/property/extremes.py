"""Hypothesis strategies for small portfolios whose values sit at and near their range limits.

Every portfolio drawn passes the domain model and the rules between records
(:func:`carveout.domain.validate`), so whatever an engine then does with it
must be a result or one of carveout's own errors. Structure is kept small and
always valid (dependencies only join neighbouring services, so no cycle of
``before`` couplings can arise); the values are what vary, pulled hard
towards 0, the smallest positive amounts and the limits of
:mod:`carveout.domain.ranges`.
"""

from __future__ import annotations

import itertools
from datetime import date, timedelta
from typing import Any

from hypothesis import strategies as st

from carveout.domain import (
    Agreement,
    AgreementKind,
    Blackout,
    Capacity,
    ChargingBasis,
    CostPool,
    Coupling,
    Criticality,
    Dependency,
    Disposition,
    Estimate,
    ExtensionOption,
    Migration,
    MigrationStatus,
    Objective,
    Party,
    PoolCharge,
    Portfolio,
    RaidEntry,
    RaidKind,
    Scenario,
    Service,
    ServiceKind,
    Team,
    TerminationCosts,
    Tranche,
)
from carveout.domain import ranges as r

PARTIES = ("P1", "P2", "P3")
TEAMS = ("T1", "T2")
MOVING = (Disposition.MIGRATE, Disposition.REPLICATE)


def amount(high: float) -> st.SearchStrategy[float]:
    """A number in ``[0, high]``, most often exactly at or just inside a limit."""
    edges = [0.0, 1e-9, 0.1, 1.0, high * 0.999_999, high]
    return st.one_of(st.sampled_from(edges), st.floats(0, high, allow_nan=False))


def day() -> st.SearchStrategy[date]:
    """A date in the allowed range, most often at its ends."""
    edges = [
        r.EARLIEST_DATE,
        r.EARLIEST_DATE + timedelta(days=1),
        date(2000, 2, 29),
        r.LATEST_DATE - timedelta(days=1),
        r.LATEST_DATE,
    ]
    return st.one_of(st.sampled_from(edges), st.dates(r.EARLIEST_DATE, r.LATEST_DATE))


def ordered_days(n: int) -> st.SearchStrategy[list[date]]:
    return st.lists(day(), min_size=n, max_size=n).map(sorted)


def estimate(high: float) -> st.SearchStrategy[Estimate]:
    points = st.lists(amount(high), min_size=3, max_size=3).map(sorted)
    return points.map(lambda p: Estimate(optimistic=p[0], most_likely=p[1], pessimistic=p[2]))


@st.composite
def migration(draw: st.DrawFn, service: str) -> Migration:
    status = draw(st.sampled_from(list(MigrationStatus)))
    window = draw(st.one_of(st.none(), ordered_days(2)))
    actual = draw(ordered_days(2))
    progress: dict[str, Any] = {}
    if status is MigrationStatus.IN_PROGRESS:
        progress = draw(
            st.sampled_from(["percent_complete", "remaining_days", ""]).flatmap(
                lambda name: (
                    st.just({})
                    if not name
                    else amount(100 if name == "percent_complete" else r.MAX_DAYS).map(
                        lambda v: {name: v}
                    )
                )
            )
        )
    started = status in (MigrationStatus.IN_PROGRESS, MigrationStatus.CUT_OVER)
    return Migration(
        service=service,
        team=draw(st.sampled_from(TEAMS)),
        effort=draw(estimate(r.MAX_EFFORT)),
        duration=draw(estimate(r.MAX_DAYS)),
        earliest_start=window[0] if window else None,
        deadline=window[1] if window else None,
        status=status,
        actual_start=actual[0] if started else None,
        actual_end=actual[1] if status is MigrationStatus.CUT_OVER else None,
        **progress,
    )


def positive(high: float) -> st.SearchStrategy[float]:
    """A number in ``[0.1, high]``, most often at a limit: enough for work to be done."""
    return st.one_of(st.sampled_from([0.1, 1.0, high]), st.floats(0.1, high))


@st.composite
def team(draw: st.DrawFn, code: str) -> Team:
    """A team staffed over the whole calendar (mostly), or over two random periods."""
    edges = draw(ordered_days(4))
    periods = [(edges[0], edges[1]), (edges[2], edges[3])]
    if draw(st.integers(0, 3)) > 0:
        periods = [(r.EARLIEST_DATE, r.LATEST_DATE)]
    elif edges[1] >= edges[2]:
        periods = periods[:1]
    return Team(
        code=code,
        name=f"Team {code}",
        capacity=tuple(
            Capacity(start=a, end=b, people=draw(positive(r.MAX_PEOPLE))) for a, b in periods
        ),
    )


@st.composite
def cost_pool(draw: st.DrawFn, services: tuple[str, ...]) -> CostPool:
    basis = draw(st.sampled_from(list(ChargingBasis)))
    shares = {p: draw(amount(r.MAX_QUANTITY)) for p in PARTIES[:2]}
    if sum(shares.values()) <= 0:
        shares["P1"] = 1.0
    years = draw(st.lists(st.sampled_from([r.FIRST_YEAR, 2020, r.LAST_YEAR]), unique=True))
    return CostPool(
        code="CP1",
        name="Shared pool",
        basis=basis,
        driver="staff" if basis is ChargingBasis.DRIVER else None,
        shares=shares if basis is ChargingBasis.RATIO else {},
        services=services,
        annual_costs={y: draw(amount(r.MAX_MONEY)) for y in years},
        agreement=draw(st.sampled_from([None, "AG1"])),
        charges=tuple(
            PoolCharge(year=y, party="P2", amount=draw(amount(r.MAX_MONEY))) for y in years[:1]
        ),
    )


@st.composite
def termination(draw: st.DrawFn) -> dict[str, Any]:
    """Notice served (or not) by a party, and who bears the costs of ending the agreement."""
    costs = draw(st.sampled_from([None, *TerminationCosts]))
    terms: dict[str, Any] = {"termination_costs": costs}
    if costs is not None or draw(st.booleans()):
        terms |= {"terminating_party": "P2", "notice_served": draw(day())}
    if costs is TerminationCosts.SHARED:
        shares = {p: draw(amount(r.MAX_QUANTITY)) for p in PARTIES}
        terms["termination_shares"] = shares if sum(shares.values()) > 0 else {"P1": 1.0}
    return terms


@st.composite
def contracts(draw: st.DrawFn, services: tuple[str, ...]) -> dict[str, tuple[Any, ...]]:
    agreement_days = draw(ordered_days(2))
    tranche_days = draw(ordered_days(2))
    return {
        "agreements": (
            Agreement(
                code="AG1",
                name="Collaboration",
                kind=draw(st.sampled_from(list(AgreementKind))),
                provider="P1",
                recipients=("P2", "P3"),
                start=agreement_days[0],
                end=draw(st.sampled_from([None, agreement_days[1]])),
                notice_months=draw(amount(r.MAX_MONTHS)),
                **draw(termination()),
            ),
        ),
        "blackouts": tuple(
            Blackout(
                code="B1", start=days[0], end=days[1], team=draw(st.sampled_from([None, *TEAMS]))
            )
            for days in draw(st.lists(ordered_days(2), max_size=1))
        ),
        "tranches": (
            Tranche(
                code="TR1",
                agreement="AG1",
                start=tranche_days[0],
                end=tranche_days[1],
                monthly_charge=draw(amount(r.MAX_MONEY)),
                services=services,
            ),
        ),
        "extension_options": (
            ExtensionOption(
                code="EX1",
                tranche="TR1",
                length_months=draw(st.sampled_from([1, 2, r.MAX_MONTHS - 1, r.MAX_MONTHS])),
                notice_months=draw(amount(r.MAX_MONTHS)),
                step_up=draw(amount(r.MAX_FACTOR)),
            ),
        ),
    }


@st.composite
def portfolios(draw: st.DrawFn, *, max_services: int = 6) -> Portfolio:
    """A valid portfolio of 2 to ``max_services`` services, with extreme values throughout."""
    n = draw(st.integers(2, max_services))
    codes = tuple(f"S{i}" for i in range(1, n + 1))
    dispositions = [draw(st.sampled_from(list(Disposition))) for _ in codes]
    dispositions[0] = Disposition.MIGRATE  # at least one service has work to plan
    services = tuple(
        Service(
            code=code,
            name=f"Service {code}",
            kind=draw(st.sampled_from(list(ServiceKind))),
            host="P1",
            consumers=("P2", "P3"),
            usage={p: draw(amount(r.MAX_QUANTITY)) for p in ("P2", "P3")},
            fixed_cost=draw(amount(r.MAX_MONEY)),
            variable_cost=draw(amount(r.MAX_MONEY)),
            criticality=draw(st.sampled_from(list(Criticality))),
            disposition=disposition,
        )
        for code, disposition in zip(codes, dispositions, strict=True)
    )
    dependencies = tuple(
        Dependency(
            service=later,
            depends_on=earlier,
            coupling=coupling,
            bridge_effort=draw(amount(r.MAX_EFFORT)),
            bridge_cost=draw(amount(r.MAX_MONEY)),
        )
        for earlier, later in itertools.pairwise(codes)
        if (coupling := draw(st.sampled_from([None, *Coupling]))) is not None
    )
    start, deadline = draw(ordered_days(2))
    scenario = Scenario(
        code="SC1",
        name="Extreme",
        start=start,
        deadline=draw(st.sampled_from([None, deadline])),
        as_of=draw(st.sampled_from([start, deadline])),
        objective=draw(st.sampled_from(list(Objective))),
        capacity_factor=draw(positive(r.MAX_FACTOR)),
        lateness_penalty=draw(amount(r.MAX_MONEY)),
    )
    moving = tuple(s.code for s in services if s.disposition in MOVING)
    return Portfolio(
        parties=tuple(
            Party(code=p, name=f"Party {p}", drivers={"staff": draw(amount(r.MAX_QUANTITY))})
            for p in PARTIES
        ),
        services=services,
        dependencies=dependencies,
        teams=tuple(draw(team(code)) for code in TEAMS),
        migrations=tuple(draw(migration(code)) for code in moving),
        cost_pools=(draw(cost_pool(codes[:2])),),
        raid=(
            RaidEntry(
                code="R1",
                kind=RaidKind.RISK,
                title="Everything slips",
                raised=draw(day()),
                probability=draw(amount(1)),
                delay_days=draw(amount(r.MAX_DAYS)),
                extra_effort=draw(amount(r.MAX_EFFORT)),
                cost_impact=draw(amount(r.MAX_MONEY)),
                services=codes[:2],
            ),
        ),
        scenarios=(scenario,),
        **draw(contracts(codes[:2])),
    )
