"""The plausible range of every number and date a portfolio holds, in one place.

A value outside its range is refused where it enters (the workbook import, the
web forms and the API all validate through these types, so each reports the
same message on the same cell or field), never carried on to break an engine
later. The limits are generous for any real separation programme and small
enough that every sum, product and date the engines compute stays exact and
within the calendar: a cost is at most a trillion pounds, a duration at most
5,000 days (under 20 years), a date between 1990 and 2100.

:data:`RANGES` describes each range for the documentation.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Annotated

from pydantic import BeforeValidator, Field

FIRST_YEAR = 1990
LAST_YEAR = 2100
EARLIEST_DATE = date(FIRST_YEAR, 1, 1)
LATEST_DATE = date(LAST_YEAR, 12, 31)
MAX_MONEY = 1e12
"""A trillion pounds: above any programme's costs, charges or penalties."""
MAX_DAYS = 5_000
"""Days of duration, delay or remaining work: about 19 years of working days."""
MAX_EFFORT = 1_000_000
"""Person-days of effort: about 4,000 person-years."""
MAX_PEOPLE = 10_000
"""Full-time staff of one team in one capacity period."""
MAX_MONTHS = 240
"""Months of notice or of an extension: 20 years."""
MAX_FACTOR = 10
"""A multiplier: a capacity factor, or a step-up (10 = eleven times the charge)."""
MAX_QUANTITY = 1e12
"""A count or share: usage units, allocation drivers, sharing ratios."""


def _not_true_or_false(value: object) -> object:
    """Refuse ``true`` and ``false`` where a number belongs (pydantic would read them as 1 and
    0): in a workbook cell, a form or an API body alike."""
    if isinstance(value, bool):
        raise ValueError("a number is needed here, not true or false")
    return value


Number = Annotated[float, BeforeValidator(_not_true_or_false)]
"""A number, never a boolean read as 1 or 0."""
Whole = Annotated[int, BeforeValidator(_not_true_or_false)]
"""A whole number, never a boolean read as 1 or 0."""


def _number(high: float) -> object:
    return Field(ge=0, le=high, allow_inf_nan=False)


Money = Annotated[Number, _number(MAX_MONEY)]
"""An amount in pounds sterling, 0 to 10^12."""
Days = Annotated[Number, _number(MAX_DAYS)]
"""A number of days, 0 to 5,000."""
Effort = Annotated[Number, _number(MAX_EFFORT)]
"""Person-days, 0 to 1,000,000."""
People = Annotated[Number, _number(MAX_PEOPLE)]
"""Full-time staff, 0 to 10,000."""
Months = Annotated[Number, _number(MAX_MONTHS)]
"""A number of months, 0 to 240."""
Factor = Annotated[Number, _number(MAX_FACTOR)]
"""A multiplier, 0 to 10."""
Quantity = Annotated[Number, _number(MAX_QUANTITY)]
"""A count, quantity or share, 0 to 10^12."""
Probability = Annotated[Number, _number(1)]
"""A chance, 0 to 1."""
Percent = Annotated[Number, _number(100)]
"""A percentage, 0 to 100."""
DayRate = Money
"""Pounds per person-day of a team's work, 0 to 10^12 (a :data:`Money` amount)."""
Day = Annotated[date, Field(ge=EARLIEST_DATE, le=LATEST_DATE)]
"""A calendar date from 1 January 1990 to 31 December 2100."""
Year = Annotated[Whole, Field(ge=FIRST_YEAR, le=LAST_YEAR)]
"""A calendar year, 1990 to 2100."""
WholeMonths = Annotated[Whole, Field(ge=1, le=MAX_MONTHS)]
"""A whole number of months, 1 to 240."""
MonthsCount = Annotated[Whole, Field(ge=0, le=MAX_MONTHS)]
"""A whole number of months, 0 to 240."""


@dataclass(frozen=True, slots=True)
class Range:
    """One documented range: what it measures, its limits and the fields that use it."""

    measure: str
    low: str
    high: str
    fields: str


RANGES: tuple[Range, ...] = (
    Range(
        "Dates",
        "1 Jan 1990",
        "31 Dec 2100",
        "every date: starts, ends, deadlines, notice served, raised, as of",
    ),
    Range("Years", f"{FIRST_YEAR}", f"{LAST_YEAR}", "a cost pool's yearly costs and charges"),
    Range(
        "Money (pounds)",
        "0",
        "1,000,000,000,000",
        "fixed and variable cost, bridge cost, monthly charge, yearly cost and charge, "
        "cost impact, lateness penalty, a team's day rate",
    ),
    Range(
        "Days",
        "0",
        f"{MAX_DAYS:,}",
        "duration estimates, remaining days, a risk's delay days, a vendor's consent lead days",
    ),
    Range(
        "Effort (person-days)",
        "0",
        f"{MAX_EFFORT:,}",
        "effort estimates, bridge effort, a risk's extra effort",
    ),
    Range("People", "0", f"{MAX_PEOPLE:,}", "a team's capacity in a period"),
    Range("Months", "0 (1 for a length)", f"{MAX_MONTHS}", "notice months, extension length"),
    Range("Factors", "0", f"{MAX_FACTOR}", "capacity factor, step-up"),
    Range(
        "Quantities",
        "0",
        "1,000,000,000,000",
        "usage units, party drivers, pool shares, termination shares",
    ),
    Range("Probabilities", "0", "1", "a risk's probability"),
    Range("Percentages", "0", "100", "percent complete"),
)
"""Every range, in the words of ``docs/workbook.md``."""


def ranges_markdown() -> str:
    """The table of ranges in ``docs/workbook.md``, generated from :data:`RANGES`."""
    rows = [
        "| Measure | From | To | Fields |",
        "|---|---|---|---|",
        *(f"| {r.measure} | {r.low} | {r.high} | {r.fields} |" for r in RANGES),
    ]
    return "\n".join(rows) + "\n"
