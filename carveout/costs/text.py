"""Money and names written for people: £1.9m, £250k, "A, B and C"."""

from __future__ import annotations

from collections.abc import Sequence

from carveout.formatting import pounds as money

__all__ = ["join_names", "money", "possessive"]


def join_names(names: Sequence[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


def possessive(names: Sequence[str]) -> str:
    """ "Warwickshire's charge" or "A and B's combined charge"."""
    joined = join_names(names)
    return f"{joined}'s charge" if len(names) == 1 else f"{joined}'s combined charge"
