"""Parties: the organisations in a collaboration."""

from __future__ import annotations

from pydantic import Field

from carveout.domain.base import Code, Record
from carveout.domain.enums import PartyRole
from carveout.domain.ranges import Quantity


class Party(Record):
    """An organisation in the collaboration, with its allocation drivers.

    ``drivers`` holds the quantities costs may be shared by, such as
    ``{"officers": 2100, "population": 1_300_000}``.
    """

    code: Code
    name: str = Field(min_length=1)
    role: PartyRole = PartyRole.PARTNER
    drivers: dict[str, Quantity] = Field(default_factory=dict)
