"""The portfolio: every record of one separation programme, with look-ups."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from functools import cached_property
from typing import Any

from pydantic import BaseModel, ConfigDict, model_validator

from carveout.domain.agreements import Agreement, ExtensionOption, Tranche
from carveout.domain.base import Record
from carveout.domain.cost_pools import CostPool
from carveout.domain.dependencies import Dependency
from carveout.domain.migrations import Blackout, Migration
from carveout.domain.parties import Party
from carveout.domain.raid import RaidEntry
from carveout.domain.readiness import ExitCriterion, ExitDecision
from carveout.domain.scenarios import Scenario
from carveout.domain.schedule import InvoiceLine, ScheduleLine, with_derived_charges
from carveout.domain.service_levels import ServiceLevel, ServiceLevelMeasurement
from carveout.domain.services import Service
from carveout.domain.teams import Team

ENTITY_KINDS: dict[str, type[Record]] = {
    "party": Party,
    "service": Service,
    "dependency": Dependency,
    "team": Team,
    "migration": Migration,
    "blackout": Blackout,
    "agreement": Agreement,
    "tranche": Tranche,
    "extension_option": ExtensionOption,
    "schedule_line": ScheduleLine,
    "invoice_line": InvoiceLine,
    "service_level": ServiceLevel,
    "service_level_measurement": ServiceLevelMeasurement,
    "exit_criterion": ExitCriterion,
    "exit_decision": ExitDecision,
    "cost_pool": CostPool,
    "raid": RaidEntry,
    "scenario": Scenario,
}
"""Every kind of top-level record, by the name used in audits and URLs."""

COLLECTIONS: dict[str, str] = {
    "party": "parties",
    "service": "services",
    "dependency": "dependencies",
    "team": "teams",
    "migration": "migrations",
    "blackout": "blackouts",
    "agreement": "agreements",
    "tranche": "tranches",
    "extension_option": "extension_options",
    "schedule_line": "schedule_lines",
    "invoice_line": "invoice_lines",
    "service_level": "service_levels",
    "service_level_measurement": "service_level_measurements",
    "exit_criterion": "exit_criteria",
    "exit_decision": "exit_decisions",
    "cost_pool": "cost_pools",
    "raid": "raid",
    "scenario": "scenarios",
}
"""The :class:`Portfolio` attribute holding each kind, in dependency order."""


class Portfolio(BaseModel):
    """All records of a programme. Immutable; build a new one to change it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    parties: tuple[Party, ...] = ()
    services: tuple[Service, ...] = ()
    dependencies: tuple[Dependency, ...] = ()
    teams: tuple[Team, ...] = ()
    migrations: tuple[Migration, ...] = ()
    blackouts: tuple[Blackout, ...] = ()
    agreements: tuple[Agreement, ...] = ()
    tranches: tuple[Tranche, ...] = ()
    extension_options: tuple[ExtensionOption, ...] = ()
    schedule_lines: tuple[ScheduleLine, ...] = ()
    invoice_lines: tuple[InvoiceLine, ...] = ()
    service_levels: tuple[ServiceLevel, ...] = ()
    service_level_measurements: tuple[ServiceLevelMeasurement, ...] = ()
    exit_criteria: tuple[ExitCriterion, ...] = ()
    exit_decisions: tuple[ExitDecision, ...] = ()
    cost_pools: tuple[CostPool, ...] = ()
    raid: tuple[RaidEntry, ...] = ()
    scenarios: tuple[Scenario, ...] = ()

    @model_validator(mode="after")
    def _tranche_charges_from_lines(self) -> Portfolio:
        # A tranche with schedule lines charges their total, so the two never disagree.
        if self.schedule_lines:
            derived = with_derived_charges(self.tranches, self.schedule_lines)
            object.__setattr__(self, "tranches", derived)
        return self

    def records(self, kind: str) -> tuple[Record, ...]:
        """The records of one kind (``"service"``, ``"tranche"``, …)."""
        records: tuple[Record, ...] = getattr(self, COLLECTIONS[kind])
        return records

    def by_key(self, kind: str) -> dict[str, Record]:
        return {r.key: r for r in self.records(kind)}

    def items(self) -> Iterator[tuple[str, Record]]:
        """Every record with its kind, in dependency order."""
        for kind in COLLECTIONS:
            for record in self.records(kind):
                yield kind, record

    def replace(self, **collections: Any) -> Portfolio:
        """A copy with some collections replaced.

        Built anew rather than with ``model_copy`` so that the cached look-ups
        (``service_by_code`` and the like) are not carried over stale.
        """
        current = {name: getattr(self, name) for name in COLLECTIONS.values()}
        return Portfolio(**{**current, **collections})

    @cached_property
    def fingerprint(self) -> str:
        """A digest of every record: two portfolios with the same records share it.

        Results remember the fingerprint of the portfolio they were made from,
        so a result made before a change can be shown as stale.
        """
        # Invoices received, service levels and their measurements change no plan,
        # forecast or allocation: they are left out.
        plain = self.model_dump_json(
            exclude={"invoice_lines", "service_levels", "service_level_measurements"}
        )
        return hashlib.sha256(plain.encode()).hexdigest()

    @cached_property
    def party_by_code(self) -> dict[str, Party]:
        return {p.code: p for p in self.parties}

    @cached_property
    def service_by_code(self) -> dict[str, Service]:
        return {s.code: s for s in self.services}

    @cached_property
    def team_by_code(self) -> dict[str, Team]:
        return {t.code: t for t in self.teams}

    @cached_property
    def migration_by_service(self) -> dict[str, Migration]:
        return {m.service: m for m in self.migrations}

    @cached_property
    def agreement_by_code(self) -> dict[str, Agreement]:
        return {a.code: a for a in self.agreements}

    @cached_property
    def tranche_by_code(self) -> dict[str, Tranche]:
        return {t.code: t for t in self.tranches}

    @cached_property
    def scenario_by_code(self) -> dict[str, Scenario]:
        return {s.code: s for s in self.scenarios}
