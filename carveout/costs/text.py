"""Money and names written for people: £1.9m, £250k, "A, B and C"."""

from __future__ import annotations

from collections.abc import Sequence


def money(amount: float) -> str:
    """Pounds, rounded to what a board paper would show."""
    # Below half a pound rounds to £0, never to "-£0".
    sign = "-" if amount <= -0.5 else ""
    value = abs(amount)
    if value >= 1e6:
        return f"{sign}£{value / 1e6:,.1f}m"
    if value >= 1e4:
        return f"{sign}£{value / 1e3:,.0f}k"
    return f"{sign}£{value:,.0f}"


def join_names(names: Sequence[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


def possessive(names: Sequence[str]) -> str:
    """ "Warwickshire's charge" or "A and B's combined charge"."""
    joined = join_names(names)
    return f"{joined}'s charge" if len(names) == 1 else f"{joined}'s combined charge"
