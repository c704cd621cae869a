"""The service catalogue as of the data date: a filtered, sorted table and one service in full.

Statuses are those the migrations had on the data date (the portfolio passed
in is :func:`carveout.domain.portfolio_as_of`), planned dates those of the plan
made as of that date.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from carveout.domain import (
    Dependency,
    Disposition,
    Migration,
    MigrationStatus,
    Portfolio,
    RaidEntry,
    Service,
)
from carveout.errors import NotFound
from carveout.planning.plan import Plan, PlannedMigration
from carveout.web.queries.scope import ResultNote, ScenarioChoice

SortKey = Literal["code", "name", "host", "disposition", "status", "team", "cost", "cutover"]
NO_MIGRATION = "none"


class ServiceFilter(BaseModel):
    """Query parameters of the Services page and ``GET /api/services``."""

    model_config = ConfigDict(extra="forbid")

    q: str = Field("", max_length=100, description="Text in the code, name or domain")
    host: str = ""
    consumer: str = ""
    disposition: Disposition | None = None
    status: MigrationStatus | Literal["none"] | None = None
    team: str = ""
    sort: SortKey = "code"
    descending: bool = False
    scenario: str | None = Field(None, max_length=64, description="Scenario code")
    as_of: date | None = Field(
        None,
        description="Data date (YYYY-MM-DD): statuses as they stood then; "
        "default: the scenario's pinned date, else today",
    )
    page: int = Field(1, ge=1, le=1_000_000, description="Page of the matching services, from 1")
    per_page: int = Field(100, ge=1, le=1000, description="Services per page")

    @field_validator("disposition", "status", "scenario", "as_of", mode="before")
    @classmethod
    def _blank_is_any(cls, value: object) -> object:
        # An HTML form sends "any" as an empty string.
        return None if value == "" else value


class ServiceRow(BaseModel):
    """One line of the catalogue."""

    code: str
    name: str
    kind: str
    domain: str
    host: str
    consumers: list[str]
    disposition: str
    criticality: str
    status: str
    team: str
    annual_cost: float
    planned_cutover: date | None


class FilterOptions(BaseModel):
    hosts: list[str]
    consumers: list[str]
    teams: list[str]
    dispositions: list[str]
    statuses: list[str]


class ServiceList(BaseModel):
    """The Services page and ``GET /api/services``."""

    scenario: ScenarioChoice
    plan: ResultNote | None
    total: int
    matching: int
    """How many services match the filters, on all pages."""
    page: int
    pages: int
    rows: list[ServiceRow]
    """The matching services on this page."""
    options: FilterOptions


def _row(
    service: Service, migration: Migration | None, planned: PlannedMigration | None
) -> ServiceRow:
    return ServiceRow(
        code=service.code,
        name=service.name,
        kind=service.kind.value,
        domain=service.domain,
        host=service.host,
        consumers=list(service.consumers),
        disposition=service.disposition.value,
        criticality=service.criticality.value,
        status=migration.status.value if migration else NO_MIGRATION,
        team=migration.team if migration else "",
        annual_cost=service.annual_cost(),
        planned_cutover=planned.cutover if planned else None,
    )


def _keep(row: ServiceRow, f: ServiceFilter) -> bool:
    text = f.q.strip().lower()
    return (
        (not text or any(text in v.lower() for v in (row.code, row.name, row.domain)))
        and (not f.host or row.host == f.host)
        and (not f.consumer or f.consumer in row.consumers)
        and (f.disposition is None or row.disposition == f.disposition.value)
        and (f.status is None or row.status == str(getattr(f.status, "value", f.status)))
        and (not f.team or row.team == f.team)
    )


def _sort_value(row: ServiceRow, key: SortKey) -> tuple[int, str | float]:
    if key == "cost":
        return (0, row.annual_cost)
    if key == "cutover":
        return (
            row.planned_cutover is None,
            row.planned_cutover.isoformat() if row.planned_cutover else "",
        )
    value: str = getattr(row, key)
    return (0, value.lower())


def list_services(
    *,
    portfolio: Portfolio,
    scenario: ScenarioChoice,
    plan: Plan | None,
    filters: ServiceFilter,
    plan_note: ResultNote | None = None,
) -> ServiceList:
    """The page ``filters`` asks for of the services of ``portfolio`` (as of the data date)
    matching ``filters``, sorted (ties broken by code)."""
    planned = {m.service: m for m in plan.migrations} if plan else {}
    rows = [
        _row(s, portfolio.migration_by_service.get(s.code), planned.get(s.code))
        for s in portfolio.services
    ]
    kept = sorted((r for r in rows if _keep(r, filters)), key=lambda r: r.code)
    kept.sort(key=lambda r: _sort_value(r, filters.sort), reverse=filters.descending)
    size = filters.per_page
    pages = max(1, -(-len(kept) // size))
    page = min(filters.page, pages)
    return ServiceList(
        scenario=scenario,
        plan=plan_note,
        total=len(rows),
        matching=len(kept),
        page=page,
        pages=pages,
        rows=kept[(page - 1) * size : page * size],
        options=FilterOptions(
            hosts=sorted({s.host for s in portfolio.services}),
            consumers=sorted({c for s in portfolio.services for c in s.consumers}),
            teams=sorted(t.code for t in portfolio.teams),
            dispositions=[d.value for d in Disposition],
            statuses=[*(s.value for s in MigrationStatus), NO_MIGRATION],
        ),
    )


class Cover(BaseModel):
    """An agreement tranche that covers the service."""

    agreement: str
    agreement_name: str
    tranche: str
    tranche_name: str
    start: date
    end: date
    monthly_charge: float
    services_in_tranche: int


class ServiceDetail(BaseModel):
    """One service in full as of the data date: ``GET /api/services/{code}`` and its page."""

    scenario: ScenarioChoice
    plan_note: ResultNote | None = None
    forecast_note: ResultNote | None = None
    service: Service
    annual_cost: float
    depends_on: list[Dependency]
    needed_by: list[Dependency]
    together: list[str]
    covers: list[Cover]
    migration: Migration | None
    planned: PlannedMigration | None
    risks: list[RaidEntry]
    forecast: dict[str, float | str | None] | None = None


def together_group(portfolio: Portfolio, code: str) -> list[str]:
    """Every service that must cut over at the same time as ``code`` (itself included)."""
    links: dict[str, set[str]] = {}
    for d in portfolio.dependencies:
        if d.coupling.value == "together":
            links.setdefault(d.service, set()).add(d.depends_on)
            links.setdefault(d.depends_on, set()).add(d.service)
    seen, stack = {code}, [code]
    while stack:
        for other in links.get(stack.pop(), ()):
            if other not in seen:
                seen.add(other)
                stack.append(other)
    return sorted(seen)


def service_detail(
    *,
    portfolio: Portfolio,
    scenario: ScenarioChoice,
    code: str,
    plan: Plan | None,
    forecast: dict[str, float | str | None] | None = None,
    notes: tuple[ResultNote | None, ResultNote | None] = (None, None),
) -> ServiceDetail:
    """``code`` in ``portfolio`` (as of the data date); ``notes`` label the plan and forecast."""
    service = portfolio.service_by_code.get(code)
    if service is None:
        raise NotFound(f"There is no service {code!r}. Search the Services page for its code.")
    covers = [
        Cover(
            agreement=t.agreement,
            agreement_name=a.name if (a := portfolio.agreement_by_code.get(t.agreement)) else "",
            tranche=t.code,
            tranche_name=t.name or t.code,
            start=t.start,
            end=t.end,
            monthly_charge=t.monthly_charge,
            services_in_tranche=len(t.services),
        )
        for t in portfolio.tranches
        if code in t.services
    ]
    planned = next((m for m in plan.migrations if m.service == code), None) if plan else None
    return ServiceDetail(
        scenario=scenario,
        plan_note=notes[0],
        forecast_note=notes[1],
        service=service,
        annual_cost=service.annual_cost(),
        depends_on=[d for d in portfolio.dependencies if d.service == code],
        needed_by=[d for d in portfolio.dependencies if d.depends_on == code],
        together=[c for c in together_group(portfolio, code) if c != code],
        covers=sorted(covers, key=lambda c: c.end),
        migration=portfolio.migration_by_service.get(code),
        planned=planned,
        risks=[r for r in portfolio.raid if code in r.services],
        forecast=forecast,
    )
