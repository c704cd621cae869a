"""Money, names and years written for people: £1.9m, "A, B and C", "2012–2018"."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from carveout.formatting import pounds as money

__all__ = ["ROUNDING", "flows", "join_names", "money", "possessive", "year_span"]

ROUNDING = 0.5
"""An amount below half a pound is nothing: no gap, no payment."""


def join_names(names: Sequence[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


def possessive(names: Sequence[str]) -> str:
    """ "Warwickshire's charge" or "A and B's combined charge"."""
    joined = join_names(names)
    return f"{joined}'s charge" if len(names) == 1 else f"{joined}'s combined charge"


def year_span(years: Iterable[int]) -> str:
    """Years as runs: ``2012–2018``, ``2012–2014 and 2016``; empty for no years."""
    runs: list[list[int]] = []
    for year in sorted(set(years)):
        if runs and year == runs[-1][-1] + 1:
            runs[-1].append(year)
        else:
            runs.append([year])
    return join_names([f"{r[0]}–{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs])


def flows(transfers: Mapping[str, float], names: Mapping[str, str]) -> str:
    """Transfers (> 0 receives) in words: "A pays B £1.0m", or "A receives £2m and B pays …"."""
    moving = {p: v for p, v in transfers.items() if abs(v) >= ROUNDING}
    if not moving:
        return "no payment"
    if len(moving) == 2 and abs(sum(moving.values())) < ROUNDING:
        payer, payee = sorted(moving, key=lambda p: moving[p])
        return f"{names.get(payer, payer)} pays {names.get(payee, payee)} {money(moving[payee])}"
    return join_names(
        [
            f"{names.get(p, p)} {'receives' if v > 0 else 'pays'} {money(abs(v))}"
            for p, v in sorted(moving.items(), key=lambda kv: -kv[1])
        ]
    )
