"""How the reports write dates, money and chances: the British conventions a board expects."""

from __future__ import annotations

from datetime import date

MISSING = "—"


def uk_date(day: date | None) -> str:
    """``31 Mar 2022``; a dash when there is no date."""
    return MISSING if day is None else f"{day.day} {day:%b %Y}"


def uk_month(day: date | None) -> str:
    """``Mar 2022``."""
    return MISSING if day is None else f"{day:%b %Y}"


def pounds(amount: float | None) -> str:
    """Pounds as a reader scans them: ``£12,345`` below a million, ``£1.2m`` from there.

    Millions keep one decimal (``£12.0m`` reads as twelve million, not an
    approximation of eleven); pence are never shown; a loss reads ``-£1,234``.
    """
    if amount is None:
        return MISSING
    sign = "-" if amount < 0 and round(abs(amount)) != 0 else ""
    value = abs(amount)
    if round(value) >= 999_950:
        return f"{sign}£{value / 1e6:,.1f}m"
    return f"{sign}£{value:,.0f}"


def pounds_exact(amount: float | None) -> str:
    """Pounds to the pound whatever the size (``£1,234,567``), for tables that add up."""
    if amount is None:
        return MISSING
    sign = "-" if amount < 0 and round(abs(amount)) != 0 else ""
    return f"{sign}£{abs(amount):,.0f}"


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


def label(code: str) -> str:
    """An enum value as words: ``stay_hosted`` -> ``stay hosted``."""
    return code.replace("_", " ")
