"""Which parties own a record, and which parties a binding record binds.

**Ownership.** A party owns its party record (and drivers); the services it hosts or
receives (``host`` or ``destination``); their migrations and dependencies; its teams;
blackouts on its services or teams; the RAID entries it raised; its own scenarios. A
consumer of a service owns its own usage of it. Records that **bind several
parties** — agreements, their tranches and extension options, cost pools — belong to
all of them: a change by one takes effect only once a user of each other bound party
approves it (a *proposal*). What no party owns belongs to the programme office.
"""

from __future__ import annotations

from carveout.domain import (
    Agreement,
    Blackout,
    CostPool,
    Dependency,
    ExtensionOption,
    Migration,
    Party,
    Portfolio,
    RaidEntry,
    Record,
    Scenario,
    Service,
    Team,
    Tranche,
)
from carveout.domain.schedule import InvoiceLine, ScheduleLine
from carveout.domain.service_levels import ServiceLevel, ServiceLevelMeasurement

BINDING_KINDS = frozenset(
    {"agreement", "tranche", "extension_option", "schedule_line", "service_level", "cost_pool"}
)
"""Kinds of record that bind several parties: changed only with the others' approval."""


def owners(kind: str, record: Record, portfolio: Portfolio) -> frozenset[str]:
    """The parties that own ``record`` (empty: the programme office's)."""
    if isinstance(record, Party):
        return frozenset({record.code})
    if isinstance(record, Service):
        return frozenset(p for p in (record.host, record.destination) if p)
    if isinstance(record, Dependency):
        return _service_owners(record.service, portfolio)
    if isinstance(record, Team):
        return frozenset({record.party}) if record.party else frozenset()
    if isinstance(record, Migration):
        team = portfolio.team_by_code.get(record.team)
        extra = {team.party} if team is not None and team.party else set()
        return _service_owners(record.service, portfolio) | extra
    if isinstance(record, Blackout):
        if record.service is not None:
            return _service_owners(record.service, portfolio)
        team = portfolio.team_by_code.get(record.team or "")
        return frozenset({team.party}) if team is not None and team.party else frozenset()
    if isinstance(record, RaidEntry):
        return frozenset({record.raised_by}) if record.raised_by else frozenset()
    if isinstance(record, Scenario):
        return frozenset({record.owner}) if record.owner else frozenset()
    return binds(kind, record, portfolio)


def _service_owners(code: str, portfolio: Portfolio) -> frozenset[str]:
    service = portfolio.service_by_code.get(code)
    return owners("service", service, portfolio) if service is not None else frozenset()


def binds(kind: str, record: Record, portfolio: Portfolio) -> frozenset[str]:
    """The parties a binding record (agreement, tranche, option, cost pool) binds."""
    if isinstance(record, Agreement):
        return frozenset(record.parties)
    if isinstance(record, Tranche):
        agreement = portfolio.agreement_by_code.get(record.agreement)
        return frozenset(agreement.parties) if agreement is not None else frozenset()
    if isinstance(record, ExtensionOption | ScheduleLine):
        tranche = portfolio.tranche_by_code.get(record.tranche)
        return binds("tranche", tranche, portfolio) if tranche is not None else frozenset()
    if isinstance(record, ServiceLevel):  # a term of its schedule line
        line = next((s for s in portfolio.schedule_lines if s.code == record.schedule_line), None)
        return binds("schedule_line", line, portfolio) if line is not None else frozenset()
    if isinstance(record, ServiceLevelMeasurement):  # as an invoice: its agreement's parties
        level = next((s for s in portfolio.service_levels if s.code == record.service_level), None)
        return binds("service_level", level, portfolio) if level is not None else frozenset()
    if isinstance(record, InvoiceLine):  # owned by the agreement's parties, binding none
        agreement = portfolio.agreement_by_code.get(record.agreement)
        return frozenset(agreement.parties) if agreement is not None else frozenset()
    if isinstance(record, CostPool):
        parties = set(record.shares) | {c.party for c in record.charges}
        agreement = portfolio.agreement_by_code.get(record.agreement or "")
        if agreement is not None:
            parties |= set(agreement.parties)
        if not parties:
            parties = {p for s in record.services for p in _consumers(s, portfolio)}
        return frozenset(parties)
    return frozenset()


def _consumers(code: str, portfolio: Portfolio) -> tuple[str, ...]:
    service = portfolio.service_by_code.get(code)
    return (*service.consumers, service.host) if service is not None else ()
