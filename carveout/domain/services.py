"""Services: anything shared, and who uses how much of it."""

from __future__ import annotations

from pydantic import Field, model_validator

from carveout.domain.base import Code, Record
from carveout.domain.enums import Criticality, Disposition, ServiceKind
from carveout.domain.ranges import Days, Money, Quantity


class Service(Record):
    """A shared service: hosted by one party, consumed by several.

    ``usage`` gives each consumer's units of use (users, transactions, …); a
    party with usage must be a consumer. ``fixed_cost`` and ``variable_cost``
    are annual pounds, the variable cost per unit of usage. ``destination``
    names who takes the service on after separation (``migrate``, ``replicate``).
    ``consent_lead_days`` is set when the service's licence needs its vendor's consent to
    serve another organisation: the days of notice the vendor asks for, which the notice
    calendar counts back from the planned cut-over.
    """

    code: Code
    name: str = Field(min_length=1)
    kind: ServiceKind
    host: Code
    consumers: tuple[Code, ...] = ()
    usage: dict[str, Quantity] = Field(default_factory=dict)
    fixed_cost: Money = 0.0
    variable_cost: Money = 0.0
    criticality: Criticality = Criticality.MEDIUM
    disposition: Disposition = Disposition.MIGRATE
    destination: Code | None = None
    domain: str = ""
    consent_lead_days: Days | None = None

    @model_validator(mode="after")
    def _usage_on_consumers(self) -> Service:
        if len(set(self.consumers)) != len(self.consumers):
            raise ValueError("lists a consumer twice")
        for party in self.usage:
            if party not in self.consumers:
                raise ValueError(f"has usage for {party}, which is not one of its consumers")
        return self

    @property
    def moves(self) -> bool:
        """Whether separating needs migration work on this service."""
        return self.disposition in (Disposition.MIGRATE, Disposition.REPLICATE)

    def usage_of(self, party: str) -> float:
        return self.usage.get(party, 0.0)

    def annual_cost(self, units: float | None = None) -> float:
        """Annual cost at ``units`` of usage (all consumers' usage by default)."""
        total = sum(self.usage.values()) if units is None else units
        return self.fixed_cost + self.variable_cost * total
