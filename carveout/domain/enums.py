"""The closed vocabularies of the domain: every value offered in a drop-down."""

from enum import StrEnum


class PartyRole(StrEnum):
    """What part a party plays in the separation."""

    HOST = "host"
    LEAVING = "leaving"
    PROVIDER = "provider"
    PARTNER = "partner"


class ServiceKind(StrEnum):
    APPLICATION = "application"
    INFRASTRUCTURE = "infrastructure"
    DATA_STORE = "data_store"
    BUSINESS_SERVICE = "business_service"
    OPERATIONAL = "operational"


class Criticality(StrEnum):
    """Operational criticality, highest first."""

    MISSION_CRITICAL = "mission_critical"
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class Disposition(StrEnum):
    """What happens to a service at separation."""

    MIGRATE = "migrate"
    REPLICATE = "replicate"
    RETIRE = "retire"
    STAY_HOSTED = "stay_hosted"


class Coupling(StrEnum):
    """How tightly a dependency ties two services' cut-overs."""

    TOGETHER = "together"
    BEFORE = "before"
    BRIDGEABLE = "bridgeable"


class MigrationStatus(StrEnum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    CUT_OVER = "cut_over"
    CANCELLED = "cancelled"


class AgreementKind(StrEnum):
    COLLABORATION = "collaboration"
    SERVICE = "service"
    TRANSITIONAL = "transitional"


class TerminationCosts(StrEnum):
    """Who bears the reasonable costs of separation when an agreement ends."""

    TERMINATING_PARTY = "terminating_party"
    """The party that served notice pays the other parties' reasonable costs."""
    EACH_OWN = "each_own"
    """Each party bears its own costs: no payment arises."""
    SHARED = "shared"
    """The costs are shared in the agreement's stated ratio."""


class ChargingBasis(StrEnum):
    """How a cost pool is charged to parties today."""

    RATIO = "ratio"
    DRIVER = "driver"


class RaidKind(StrEnum):
    RISK = "risk"
    ACTION = "action"
    ISSUE = "issue"
    DECISION = "decision"


class RaidStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class Objective(StrEnum):
    """What the planner optimises."""

    COST = "cost"
    FINISH = "finish"
    LEXICOGRAPHIC = "lexicographic"
