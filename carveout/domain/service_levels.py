"""Service levels of a schedule line, the values measured each month, and the credit rule.

A transitional agreement commits the host to service levels for what it runs: a
metric (availability, time to respond to an incident, payroll accuracy) with a
target met *at least* or *at most*. Each month the value measured is set against
the target; a month that misses it is a **breach**, and the host owes a **service
credit**: ``credit_percent`` of that month's charge for the line, set off against
what the recipients pay. Credits for a line in one month are capped at its
at-risk amount, ``cap_percent`` of the month's charge (never more than the charge
itself). The engine is :mod:`carveout.charges.credits`.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import field_validator, model_validator

from carveout.domain.base import Code, Record, WebLink
from carveout.domain.ranges import Day, Percent, Quantity

PERCENT_UNITS = frozenset({"%", "percent"})
"""Units whose values run from 0 to 100."""


class Aim(StrEnum):
    """Which side of its target a service level is met on."""

    AT_LEAST = "at_least"
    """Met when the measured value is the target or more (availability, accuracy)."""
    AT_MOST = "at_most"
    """Met when the measured value is the target or less (time to respond, errors)."""

    def met(self, measured: float, target: float) -> bool:
        return measured >= target if self is Aim.AT_LEAST else measured <= target


class ServiceLevel(Record):
    """A level of service committed to under ``schedule_line``, and the credit for missing it.

    ``credit_percent`` of the line's charge for the month is credited for each month the
    level is breached; ``cap_percent`` (blank: the whole charge) caps all the credits of
    the line in one month, its at-risk amount.
    """

    code: Code
    schedule_line: Code
    metric: str
    unit: str = ""
    target: Quantity
    direction: Aim
    credit_percent: Percent = 0.0
    cap_percent: Percent | None = None

    @field_validator("metric")
    @classmethod
    def _named(cls, value: str) -> str:
        if not value:
            raise ValueError("names what is measured, e.g. 'Availability'")
        return value

    @model_validator(mode="after")
    def _attainable(self) -> ServiceLevel:
        percent = self.unit.lower() in PERCENT_UNITS
        if percent and self.target > 100:
            raise ValueError(f"a target in % is at most 100, not {self.target:g}")
        if self.direction is Aim.AT_LEAST and self.target == 0:
            raise ValueError("'at_least 0' is met by every value: give a target above 0")
        if self.direction is Aim.AT_MOST and percent and self.target == 100:
            raise ValueError("'at_most 100%' is met by every value: give a target below 100")
        return self

    @property
    def cap(self) -> float:
        """The most the line's credits may reach in a month, in percent of its charge."""
        return 100.0 if self.cap_percent is None else self.cap_percent

    def describe(self) -> str:
        """``Availability at least 99.5 %``."""
        word = "at least" if self.direction is Aim.AT_LEAST else "at most"
        return f"{self.metric} {word} {self.target:g}{(' ' + self.unit) if self.unit else ''}"


class ServiceLevelMeasurement(Record):
    """The value of ``service_level``'s metric measured over ``month``, with its evidence."""

    code: Code
    service_level: Code
    month: Day
    value: Quantity
    note: str = ""
    evidence: WebLink = ""

    @model_validator(mode="after")
    def _first_of_month(self) -> ServiceLevelMeasurement:
        if self.month.day != 1:
            object.__setattr__(self, "month", self.month.replace(day=1))
        return self


__all__ = ["PERCENT_UNITS", "Aim", "ServiceLevel", "ServiceLevelMeasurement"]
