"""Shared fixtures: a store on each backend, and a small portfolio with every kind of record.

``database_url`` / ``store`` run each test twice: on a fresh SQLite file and on
the real local PostgreSQL server (a schema of its own per test process, emptied
after every test). The PostgreSQL run is skipped, with the reason shown, only
when no server answers. ``CARVEOUT_TEST_POSTGRES_URL`` points at another server.
"""

from __future__ import annotations

import functools
import os
import shutil
import uuid
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import psycopg
import pytest
from sqlalchemy import create_engine, make_url, text
from sqlalchemy.pool import NullPool

from carveout.config import get_settings
from carveout.domain import (
    Agreement,
    Blackout,
    Capacity,
    CostPool,
    Dependency,
    Estimate,
    ExtensionOption,
    InvoiceLine,
    Migration,
    Party,
    PoolCharge,
    Portfolio,
    RaidEntry,
    RatePeriod,
    Scenario,
    ScheduleLine,
    Service,
    Team,
    Tranche,
)
from carveout.domain.readiness import CriterionStatus, ExitCriterion, ExitDecision, GateDecision
from carveout.domain.service_levels import Aim, ServiceLevel, ServiceLevelMeasurement
from carveout.storage import Store, open_store
from carveout.storage.tables import metadata

POSTGRES_URL = os.environ.get(
    "CARVEOUT_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
BACKENDS = [
    pytest.param("sqlite", id="sqlite"),
    pytest.param("postgres", id="postgres", marks=pytest.mark.postgres),
]


@functools.cache
def _postgres_reason() -> str | None:
    """Why PostgreSQL cannot be used, or None when it can."""
    url = make_url(POSTGRES_URL)
    try:
        psycopg.connect(
            host=url.host,
            port=url.port or 5432,
            user=url.username,
            password=url.password,
            dbname=url.database,
            connect_timeout=3,
        ).close()
    except psycopg.Error as error:
        first = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        return f"PostgreSQL not reachable at {url.host}:{url.port or 5432} ({first})"
    return None


def _schema_url(schema: str) -> str:
    """``POSTGRES_URL`` with ``schema`` first on the search path."""
    return str(make_url(POSTGRES_URL).update_query_dict({"options": f"-csearch_path={schema}"}))


def _run_sql(*statements: str) -> None:
    engine = create_engine(POSTGRES_URL)
    with engine.begin() as connection:
        for statement in statements:
            connection.execute(text(statement))
    engine.dispose()


@pytest.fixture(scope="session")
def _postgres() -> Iterator[str | None]:
    """A migrated schema private to this test process, or None when there is no server."""
    reason = _postgres_reason()
    if reason is not None:
        yield None
        return
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    schema = f"carveout_test_{worker}_{os.getpid()}"
    _run_sql(f"DROP SCHEMA IF EXISTS {schema} CASCADE", f"CREATE SCHEMA {schema}")
    url = _schema_url(schema)
    open_store(url).close()
    yield url
    _run_sql(f"DROP SCHEMA IF EXISTS {schema} CASCADE")


@pytest.fixture(scope="session")
def _sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated SQLite file that each test copies (faster than migrating each time)."""
    path = tmp_path_factory.mktemp("template") / "carveout.db"
    open_store(f"sqlite:///{path}").close()
    return path


def _skip_without_postgres(url: str | None) -> str:
    if url is None:
        pytest.skip(_postgres_reason() or "PostgreSQL not reachable")
    return url


@pytest.fixture(params=BACKENDS)
def database_url(
    request: pytest.FixtureRequest, tmp_path: Path, _sqlite_template: Path
) -> Iterator[str]:
    """The URL of an empty, migrated database: a fresh SQLite file, or a PostgreSQL schema."""
    if request.param == "sqlite":
        path = tmp_path / "carveout.db"
        shutil.copyfile(_sqlite_template, path)
        yield f"sqlite:///{path}"
        return
    url = _skip_without_postgres(request.getfixturevalue("_postgres"))
    yield url
    # DELETE, dependants first, is much quicker than TRUNCATE on tables this small.
    engine = create_engine(url, poolclass=NullPool)
    with engine.begin() as connection:
        for table in reversed(metadata.sorted_tables):
            if table.name != "store_state":
                connection.execute(table.delete())
    engine.dispose()


@pytest.fixture(params=BACKENDS)
def empty_database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The URL of a database with no tables at all (for migration tests)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'empty.db'}"
        return
    _skip_without_postgres(request.getfixturevalue("_postgres"))
    schema = f"carveout_empty_{uuid.uuid4().hex[:12]}"
    _run_sql(f"CREATE SCHEMA {schema}")
    yield _schema_url(schema)
    _run_sql(f"DROP SCHEMA IF EXISTS {schema} CASCADE")


@pytest.fixture
def store(database_url: str) -> Iterator[Store]:
    """An open store on an empty database, on each backend."""
    opened = open_store(database_url)
    yield opened
    opened.close()


@pytest.fixture
def carveout_env(database_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """Settings pointing at ``database_url`` with the actor ``tester`` (for CLI tests)."""
    monkeypatch.setenv("CARVEOUT_DATABASE_URL", database_url)
    monkeypatch.setenv("CARVEOUT_ACTOR", "tester")
    get_settings.cache_clear()
    yield database_url
    get_settings.cache_clear()


def build_small_portfolio() -> Portfolio:
    """Four parties, four services and at least one record of every other kind."""
    parties = (
        Party(
            code="WMP",
            name="West Mercia Police",
            role="host",
            drivers={"officers": 2100, "population": 1_300_000},
        ),
        Party(
            code="WAR",
            name="Warwickshire Police",
            role="leaving",
            drivers={"officers": 1000, "population": 570_000},
        ),
        Party(code="WMID", name="West Midlands Police", role="provider"),
        Party(code="STAFF", name="Staffordshire Police"),
    )
    both = ("WMP", "WAR")
    services = (
        Service(
            code="CAD",
            name="Command and control",
            kind="application",
            host="WMP",
            consumers=both,
            usage={"WMP": 700, "WAR": 300},
            fixed_cost=250_000,
            variable_cost=12.5,
            criticality="mission_critical",
            destination="WMID",
            domain="command and control",
        ),
        Service(
            code="RMS",
            name="Crime records",
            kind="application",
            host="WMP",
            consumers=("WAR", "WMP"),
            usage={"WAR": 120},
            fixed_cost=180_000,
        ),
        Service(
            code="PAY",
            name="Payroll",
            kind="business_service",
            host="WAR",
            consumers=both,
            disposition="replicate",
            destination="WMID",
        ),
        Service(
            code="FILES",
            name="File storage",
            kind="data_store",
            host="WMP",
            consumers=both,
            disposition="stay_hosted",
        ),
    )
    dependencies = (
        Dependency(service="CAD", depends_on="RMS", coupling="before"),
        Dependency(
            service="RMS",
            depends_on="FILES",
            coupling="bridgeable",
            bridge_effort=15,
            bridge_cost=20_000,
            description="document links",
        ),
        Dependency(service="PAY", depends_on="RMS", coupling="together"),
    )
    teams = (
        Team(
            code="APPS",
            name="Applications",
            capacity=(
                Capacity(start=date(2021, 10, 1), end=date(2021, 12, 31), people=4),
                Capacity(start=date(2022, 1, 1), end=date(2022, 12, 31), people=6.5),
            ),
        ),
        Team(code="BIZ", name="Business systems"),
    )
    migrations = (
        Migration(
            service="CAD",
            team="APPS",
            effort=Estimate(optimistic=40, most_likely=60, pessimistic=110),
            duration=Estimate(optimistic=20, most_likely=30, pessimistic=50),
            earliest_start=date(2021, 11, 1),
            deadline=date(2022, 3, 31),
            status="in_progress",
            actual_start=date(2021, 11, 8),
            percent_complete=25,
        ),
        Migration(
            service="PAY",
            team="BIZ",
            effort=Estimate(optimistic=10, most_likely=12, pessimistic=20),
            duration=Estimate(optimistic=5, most_likely=10, pessimistic=15),
        ),
    )
    blackouts = (
        Blackout(code="XMAS", start=date(2021, 12, 20), end=date(2022, 1, 3), reason="Holidays"),
        Blackout(
            code="CAD-FREEZE",
            start=date(2022, 2, 1),
            end=date(2022, 2, 7),
            team="APPS",
            service="CAD",
        ),
    )
    agreements = (
        Agreement(
            code="ALLIANCE",
            name="Strategic alliance",
            kind="collaboration",
            provider="WMP",
            recipients=("WAR",),
            start=date(2012, 4, 1),
            end=date(2020, 4, 30),
            notice_months=12,
            notice_served=date(2018, 10, 9),
            terminating_party="WAR",
            termination_costs="terminating_party",
            termination_terms="The terminating party pays the other's reasonable costs.",
        ),
        Agreement(
            code="THA",
            name="Transitional hosting",
            kind="transitional",
            provider="WMP",
            recipients=("WAR", "WMID"),
            start=date(2021, 10, 1),
            termination_costs="shared",
            termination_shares={"WAR": 2, "WMID": 1},
        ),
    )
    tranches = (
        Tranche(
            code="THA-1",
            agreement="THA",
            name="Applications",
            start=date(2021, 10, 1),
            end=date(2022, 3, 31),
            monthly_charge=85_000,
            services=("RMS", "CAD"),
        ),
        Tranche(
            code="THA-2",
            agreement="THA",
            start=date(2022, 4, 1),
            end=date(2023, 3, 31),
            monthly_charge=40_000,
            services=("FILES",),
        ),
    )
    extension_options = (
        ExtensionOption(
            code="THA-2-EXT", tranche="THA-2", length_months=4, notice_months=2, step_up=0.15
        ),
    )
    cost_pools = (
        CostPool(
            code="IT",
            name="Shared IT",
            basis="ratio",
            shares={"WMP": 69, "WAR": 31},
            services=("CAD", "RMS"),
            annual_costs={2019: 1_200_000, 2020: 1_250_000.5},
            agreement="ALLIANCE",
            charges=(
                PoolCharge(year=2019, party="WMP", amount=830_000),
                PoolCharge(year=2019, party="WAR", amount=370_000),
            ),
        ),
        CostPool(code="PEOPLE", name="People services", basis="driver", driver="officers"),
    )
    raid = (
        RaidEntry(
            code="R-1",
            kind="risk",
            title="Supplier slips",
            owner="PMO",
            raised=date(2021, 9, 1),
            probability=0.3,
            delay_days=20,
            extra_effort=5,
            cost_impact=10_000,
            services=("CAD", "RMS"),
        ),
        RaidEntry(code="D-1", kind="decision", title="Files stay hosted", status="closed"),
    )
    scenarios = (
        Scenario(
            code="BASE",
            name="Baseline",
            start=date(2021, 10, 1),
            deadline=date(2023, 3, 31),
            as_of=date(2021, 11, 15),
            capacity_factor=0.9,
            lateness_penalty=500,
            description="Plan to the hosting agreement's dates",
        ),
    )
    # Tranche 1's charge shared equally by its lines, as without them; one invoice received.
    schedule_lines = tuple(
        ScheduleLine(code=f"THA-1/{code}", tranche="THA-1", service=code,
                     rates=(RatePeriod(start=date(2021, 10, 1), end=date(2022, 3, 31),
                                       rate=42_500),))
        for code in ("RMS", "CAD")
    )  # fmt: skip
    invoice_lines = (
        InvoiceLine(code="WMP-2110-RMS", agreement="THA", service="RMS",
                    month=date(2021, 10, 1), amount=42_500, reference="October"),
    )  # fmt: skip
    # CAD's line commits to 99.5 % availability, met in October.
    service_levels = (
        ServiceLevel(code="THA-1/CAD/avail", schedule_line="THA-1/CAD", metric="Availability",
                     unit="%", target=99.5, direction=Aim.AT_LEAST, credit_percent=5),
    )  # fmt: skip
    service_level_measurements = (
        ServiceLevelMeasurement(code="THA-1/CAD/avail/2021-10", service_level="THA-1/CAD/avail",
                                month=date(2021, 10, 1), value=99.8),
    )  # fmt: skip
    # RMS's exit gate has passed and is approved; CAD's is under way, due before the plan starts.
    exit_criteria = (
        ExitCriterion(code="RMS/data", service="RMS", criterion="Data migrated and reconciled",
                      owner="Records lead", due=date(2021, 9, 1), status=CriterionStatus.MET,
                      evidence="https://example.org/rms/reconciliation"),
        ExitCriterion(code="CAD/train", service="CAD", criterion="Users trained",
                      due=date(2021, 9, 15), status=CriterionStatus.IN_PROGRESS),
    )  # fmt: skip
    exit_decisions = (
        ExitDecision(code="RMS/go", service="RMS", decision=GateDecision.GO,
                     approver="Programme board", decided=date(2021, 9, 20)),
    )  # fmt: skip
    return Portfolio(
        exit_criteria=exit_criteria, exit_decisions=exit_decisions,
        parties=parties, services=services, dependencies=dependencies, teams=teams,
        migrations=migrations, blackouts=blackouts, agreements=agreements, tranches=tranches,
        extension_options=extension_options, schedule_lines=schedule_lines,
        invoice_lines=invoice_lines, cost_pools=cost_pools, raid=raid, scenarios=scenarios,
        service_levels=service_levels, service_level_measurements=service_level_measurements,
    )  # fmt: skip


@pytest.fixture
def small_portfolio() -> Callable[..., Portfolio]:
    """A factory: ``small_portfolio()`` or ``small_portfolio(services=(...), ...)`` to swap
    whole collections."""

    def make(**collections: Any) -> Portfolio:
        base = build_small_portfolio()
        fields = {name: getattr(base, name) for name in Portfolio.model_fields}
        # Lines and invoices name tranches, services and agreements: swapping those for
        # others drops the sample's lines and invoices unless they are given too.
        if {"tranches", "services"} & set(collections):
            fields["schedule_lines"] = ()
        if {"tranches", "services", "schedule_lines"} & set(collections):
            fields["service_levels"] = fields["service_level_measurements"] = ()
        if "service_levels" in collections:
            fields["service_level_measurements"] = ()
        if {"agreements", "services"} & set(collections):
            fields["invoice_lines"] = ()
        if "services" in collections:
            fields["exit_criteria"] = fields["exit_decisions"] = ()
        return Portfolio(**{**fields, **collections})

    return make
