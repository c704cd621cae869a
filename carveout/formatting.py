"""How the product writes money, dates, chances and durations for people.

One set of rules for the command line, the dashboard and the governance pack,
so a figure reads the same wherever a board member meets it. Pure functions of
the standard library only: the command line imports this for ``--help``.
"""

from __future__ import annotations

from datetime import date

MISSING = "—"
"""What a missing value (``None``) prints as."""

_MILLION = 999_500
"""From here an amount is written in millions: below it, thousands would round to ``£1,000k``."""

_THOUSAND = 9_999.5
"""From here an amount is written in thousands (it would round to ``£10,000``)."""


def _signed(amount: float, magnitude: str) -> str:
    # An amount that rounds to nothing is £0, never "-£0".
    negative = amount < 0 and any(digit in magnitude for digit in "123456789")
    return f"{'-' if negative else ''}£{magnitude}"


def pounds(amount: float | None) -> str:
    """Pounds as a board paper shows them: ``£64.5m``, ``£215k``, ``£9,800``, ``-£1,500``.

    Millions keep one decimal (``£12.0m`` reads as twelve million, not an
    approximation of eleven); thousands and pounds none; pence are never shown.
    """
    if amount is None:
        return MISSING
    value = abs(amount)
    if value >= _MILLION:
        return _signed(amount, f"{value / 1e6:,.1f}m")
    if value >= _THOUSAND:
        return _signed(amount, f"{value / 1e3:,.0f}k")
    return _signed(amount, f"{value:,.0f}")


def pounds_exact(amount: float | None) -> str:
    """Pounds to the pound whatever the size (``£1,234,567``), for tables that add up."""
    if amount is None:
        return MISSING
    return _signed(amount, f"{abs(amount):,.0f}")


def uk_date(day: date | None) -> str:
    """``31 Mar 2022``; a dash when there is no date."""
    return MISSING if day is None else f"{day.day} {day:%b %Y}"


def uk_month(day: date | None) -> str:
    """``Mar 2022``."""
    return MISSING if day is None else f"{day:%b %Y}"


def percent(chance: float | None) -> str:
    """``43%``; below 1% and above 99% say so rather than round to a false certainty."""
    if chance is None:
        return MISSING
    if 0 < chance < 0.01:
        return "<1%"
    if 0.99 < chance < 1:
        return ">99%"
    return f"{chance:.0%}"


def days(count: float | None) -> str:
    """``1 day``, ``12 days``."""
    if count is None:
        return MISSING
    n = round(count)
    return f"{n:,} day" if n == 1 else f"{n:,} days"


def after_data_date(count: int, record: tuple[str, str], as_of: date, outcome: str) -> str:
    """The sentence naming ``count`` records (``record``: singular and plural) of months from
    the data date on, and what that means for them; empty when there are none."""
    if not count:
        return ""
    noun = f"{record[0]} is" if count == 1 else f"{record[1]} are"
    return f"{count} {noun} for months from {as_of:%d %b %Y} on, after the data date: {outcome}."
