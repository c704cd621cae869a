"""Shared base for domain records: immutable, validated, JSON-friendly."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from carveout.domain.ranges import Day, Effort, Money, Percent, Probability

CODE_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.\-/ ]*$"
Code = Annotated[str, Field(min_length=1, max_length=64, pattern=CODE_PATTERN)]
"""An identifier written by people: letters, digits and ``_ . - /`` or spaces."""

__all__ = [
    "Code",
    "Day",
    "Estimate",
    "Money",
    "Percent",
    "Probability",
    "Record",
    "WebLink",
    "Window",
]


def _web_link(value: str) -> str:
    if value and not value.lower().startswith(("http://", "https://")):
        raise ValueError("a web link starting http:// or https:// (or left empty)")
    return value


WebLink = Annotated[str, AfterValidator(_web_link)]
"""A link to evidence: empty, or a web address starting ``http://`` or ``https://``."""


def ends_before_start(start: date, end: date) -> str:
    return f"ends on {end:%d %b %Y}, before it starts on {start:%d %b %Y}"


class Record(BaseModel):
    """Base of every domain record.

    Records are frozen so engines can share them freely, and reject unknown
    fields so a typo in a workbook column or an API body is an error, not a
    silently dropped value.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)

    @property
    def key(self) -> str:
        """The natural key that identifies this record within its kind."""
        return str(getattr(self, "code"))  # noqa: B009 - subclasses without ``code`` override


class Window(Record):
    """A closed date range ``[start, end]``."""

    start: Day
    end: Day

    @model_validator(mode="after")
    def _end_not_before_start(self) -> Window:
        if self.end < self.start:
            raise ValueError(ends_before_start(self.start, self.end))
        return self

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    @property
    def key(self) -> str:
        return f"{self.start.isoformat()}..{self.end.isoformat()}"


class Estimate(Record):
    """A three-point estimate: optimistic ≤ most likely ≤ pessimistic."""

    optimistic: Effort
    most_likely: Effort
    pessimistic: Effort

    @model_validator(mode="after")
    def _ordered(self) -> Estimate:
        if not self.optimistic <= self.most_likely <= self.pessimistic:
            raise ValueError(
                "needs optimistic ≤ most likely ≤ pessimistic, got "
                f"{self.optimistic:g} / {self.most_likely:g} / {self.pessimistic:g}"
            )
        return self

    @property
    def pert_mean(self) -> float:
        """The Beta-PERT mean (o + 4m + p) / 6."""
        return (self.optimistic + 4 * self.most_likely + self.pessimistic) / 6

    @property
    def key(self) -> str:
        return f"{self.optimistic:g}/{self.most_likely:g}/{self.pessimistic:g}"
