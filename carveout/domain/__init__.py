"""The domain model: plain, typed, immutable records and the rules between them.

Nothing here does I/O. Storage, the workbook, the web and the CLI convert to
and from these records; the engines (planning, risk, costs) read them.
"""

from carveout.domain.agreements import Agreement, ExtensionOption, Tranche
from carveout.domain.base import Estimate, Record, Window
from carveout.domain.cost_pools import CostPool, PoolCharge
from carveout.domain.dependencies import Dependency
from carveout.domain.enums import (
    AgreementKind,
    ChargingBasis,
    Coupling,
    Criticality,
    Disposition,
    MigrationStatus,
    Objective,
    PartyRole,
    RaidKind,
    RaidStatus,
    ServiceKind,
    TerminationCosts,
)
from carveout.domain.migrations import Blackout, Migration
from carveout.domain.parties import Party
from carveout.domain.portfolio import COLLECTIONS, ENTITY_KINDS, Portfolio
from carveout.domain.progress import Remaining, migration_as_of, portfolio_as_of, remaining_work
from carveout.domain.raid import RaidEntry
from carveout.domain.scenarios import Scenario
from carveout.domain.schedule import Direction, InvoiceLine, Pricing, RatePeriod, ScheduleLine
from carveout.domain.services import Service
from carveout.domain.teams import Capacity, Team
from carveout.domain.validation import Problem, validate

__all__ = [
    "COLLECTIONS",
    "ENTITY_KINDS",
    "Agreement",
    "AgreementKind",
    "Blackout",
    "Capacity",
    "ChargingBasis",
    "CostPool",
    "Coupling",
    "Criticality",
    "Dependency",
    "Direction",
    "Disposition",
    "Estimate",
    "ExtensionOption",
    "InvoiceLine",
    "Migration",
    "MigrationStatus",
    "Objective",
    "Party",
    "PartyRole",
    "PoolCharge",
    "Portfolio",
    "Pricing",
    "Problem",
    "RaidEntry",
    "RaidKind",
    "RaidStatus",
    "RatePeriod",
    "Record",
    "Remaining",
    "Scenario",
    "ScheduleLine",
    "Service",
    "ServiceKind",
    "Team",
    "TerminationCosts",
    "Tranche",
    "Window",
    "migration_as_of",
    "portfolio_as_of",
    "remaining_work",
    "validate",
]
