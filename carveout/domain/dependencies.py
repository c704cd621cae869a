"""Dependencies between services and how they constrain cut-over."""

from __future__ import annotations

from pydantic import model_validator

from carveout.domain.base import Code, Record
from carveout.domain.enums import Coupling
from carveout.domain.ranges import Effort, Money


class Dependency(Record):
    """``service`` relies on ``depends_on``.

    - ``together``: both must cut over at the same time;
    - ``before``: ``depends_on`` must have cut over before ``service`` starts;
    - ``bridgeable``: they may move apart if an interface is built, at
      ``bridge_effort`` person-days and ``bridge_cost`` pounds.
    """

    service: Code
    depends_on: Code
    coupling: Coupling
    bridge_effort: Effort = 0.0
    bridge_cost: Money = 0.0
    description: str = ""

    @model_validator(mode="after")
    def _not_self(self) -> Dependency:
        if self.service == self.depends_on:
            raise ValueError(f"service {self.service} cannot depend on itself")
        return self

    @property
    def key(self) -> str:
        return f"{self.service}->{self.depends_on}"
