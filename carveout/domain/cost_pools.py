"""Cost pools and how they are charged to parties today."""

from __future__ import annotations

from pydantic import Field, model_validator

from carveout.domain.base import Code, Money, NonNegative, Record
from carveout.domain.enums import ChargingBasis


class CostPool(Record):
    """A pot of shared cost and its current charging basis.

    With ``basis == ratio`` the pool is split by the fixed ``shares`` (which
    are normalised, so 69/31 and 0.69/0.31 mean the same); with ``driver`` by
    each party's value of the driver named in ``driver``. ``annual_costs`` maps
    a year to the pool's total cost that year; ``services`` lists the services
    whose cost the pool carries.
    """

    code: Code
    name: str = Field(min_length=1)
    basis: ChargingBasis
    driver: str | None = None
    shares: dict[str, NonNegative] = Field(default_factory=dict)
    services: tuple[Code, ...] = ()
    annual_costs: dict[int, Money] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _basis_complete(self) -> CostPool:
        if self.basis is ChargingBasis.RATIO and not self.shares:
            raise ValueError("a ratio basis needs shares for the parties")
        if self.basis is ChargingBasis.RATIO and sum(self.shares.values()) <= 0:
            raise ValueError("the shares of a ratio basis must not all be zero")
        if self.basis is ChargingBasis.DRIVER and not self.driver:
            raise ValueError("a driver basis needs the name of the driver")
        return self
