"""Cost pools and how they are charged to parties today."""

from __future__ import annotations

from pydantic import Field, model_validator

from carveout.domain.base import Code, Record
from carveout.domain.enums import ChargingBasis
from carveout.domain.ranges import Money, Quantity, Year


class PoolCharge(Record):
    """What ``party`` was charged for the pool in ``year``."""

    year: Year
    party: Code
    amount: Money

    @property
    def key(self) -> str:
        return f"{self.year}/{self.party}"


class CostPool(Record):
    """A pot of shared cost and its current charging basis.

    With ``basis == ratio`` the pool is split by the fixed ``shares`` (which
    are normalised, so 69/31 and 0.69/0.31 mean the same); with ``driver`` by
    each party's value of the driver named in ``driver``. ``annual_costs`` maps
    a year to the pool's total cost that year; ``services`` lists the services
    whose cost the pool carries. ``agreement`` names the agreement under which
    the pool is shared: when that agreement ends, the pool's parties settle.
    ``charges`` records what each party was actually charged in a year; where a
    year has none, the ledger charges that year's cost by the current basis
    and says so.
    """

    code: Code
    name: str = Field(min_length=1)
    basis: ChargingBasis
    driver: str | None = None
    shares: dict[str, Quantity] = Field(default_factory=dict)
    services: tuple[Code, ...] = ()
    annual_costs: dict[Year, Money] = Field(default_factory=dict)
    agreement: Code | None = None
    charges: tuple[PoolCharge, ...] = ()

    @model_validator(mode="after")
    def _basis_complete(self) -> CostPool:
        if self.basis is ChargingBasis.RATIO and not self.shares:
            raise ValueError("a ratio basis needs shares for the parties")
        if self.basis is ChargingBasis.RATIO and sum(self.shares.values()) <= 0:
            raise ValueError("the shares of a ratio basis must not all be zero")
        if self.basis is ChargingBasis.DRIVER and not self.driver:
            raise ValueError("a driver basis needs the name of the driver")
        if len({c.key for c in self.charges}) != len(self.charges):
            raise ValueError("records a party's charge for one year twice")
        return self
