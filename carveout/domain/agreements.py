"""Agreements between parties, their tranches and extension options."""

from __future__ import annotations

from pydantic import Field, model_validator

from carveout.domain.base import Code, Record, ends_before_start
from carveout.domain.enums import AgreementKind, TerminationCosts
from carveout.domain.ranges import Day, Factor, Money, Months, Quantity, WholeMonths


class Agreement(Record):
    """A collaboration, service or transitional service agreement.

    ``provider`` delivers to ``recipients``. ``notice_months`` is the notice
    either side must give to end it; ``terminating_party`` is who served notice
    (on ``notice_served``). ``termination_costs`` says who bears the reasonable
    costs of separation when it ends: the terminating party, each party its own,
    or ``shared`` in the ratio ``termination_shares``. ``termination_terms``
    keeps the clause's own words, for people; no figure is read from it.
    ``budgets`` is what each party has budgeted to pay under it over its term.
    """

    code: Code
    name: str = Field(min_length=1)
    kind: AgreementKind
    provider: Code
    recipients: tuple[Code, ...] = Field(min_length=1)
    start: Day
    end: Day | None = None
    notice_months: Months = 0
    notice_served: Day | None = None
    terminating_party: Code | None = None
    termination_costs: TerminationCosts | None = None
    termination_shares: dict[str, Quantity] = Field(default_factory=dict)
    termination_terms: str = ""
    budgets: dict[str, Money] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _dates(self) -> Agreement:
        if self.end and self.end < self.start:
            raise ValueError(ends_before_start(self.start, self.end))
        if self.provider in self.recipients:
            raise ValueError(f"provider {self.provider} cannot also be a recipient")
        if self.termination_costs is TerminationCosts.SHARED and (
            sum(self.termination_shares.values()) <= 0
        ):
            raise ValueError("shared termination costs need the parties' termination shares")
        if self.termination_shares and self.termination_costs is not TerminationCosts.SHARED:
            raise ValueError("termination shares apply only when termination costs are shared")
        if (
            self.termination_costs is TerminationCosts.TERMINATING_PARTY
            and self.terminating_party is None
        ):
            raise ValueError(
                "termination costs borne by the terminating party need the terminating party"
            )
        for party in self.budgets:
            if party not in self.parties:
                raise ValueError(f"budget for {party}, which is not a party to it")
        for party in self.termination_shares:
            if party not in self.parties:
                raise ValueError(f"termination share for {party}, which is not a party to it")
        return self

    @property
    def parties(self) -> tuple[str, ...]:
        return (self.provider, *self.recipients)


class Tranche(Record):
    """A schedule of an agreement: services hosted until ``end`` for a monthly charge."""

    code: Code
    agreement: Code
    name: str = ""
    start: Day
    end: Day
    monthly_charge: Money
    services: tuple[Code, ...] = ()

    @model_validator(mode="after")
    def _dates(self) -> Tranche:
        if self.end < self.start:
            raise ValueError(ends_before_start(self.start, self.end))
        if len(set(self.services)) != len(self.services):
            raise ValueError("lists a service twice")
        return self


class ExtensionOption(Record):
    """An option to extend a tranche by ``length_months``.

    It must be exercised ``notice_months`` before the tranche ends, and raises
    the monthly charge by ``step_up`` (0.15 = 15% more).
    """

    code: Code
    tranche: Code
    length_months: WholeMonths
    notice_months: Months = 0
    step_up: Factor = 0.0
