"""Replanning: the previous plan's dates as the starting point, and what moving them costs."""

from __future__ import annotations

from carveout.planning.separation import Separation


def previous_hint(separation: Separation, previous_ends: dict[str, int]) -> tuple[int, ...]:
    """Previous start weeks where known, the release otherwise."""
    return tuple(
        m.fixed_start
        if m.fixed_start is not None
        else max(m.release, previous_ends.get(m.service, m.release + m.duration) - m.duration)
        for m in separation.moves
    )


def stability_weight(separation: Separation) -> int:
    """Pounds per week of moving a planned cut-over: about two months of a service's hosting.

    Hosting is charged by the month, so moving a service one week can save a
    whole month; a weight of two months per week makes reshuffling other
    services for such savings not worth it, while a real gain still is.
    """
    horizon = max(1, separation.horizon)
    rates = [(t[-1] - t[0]) / horizon for t in separation.cost_tables]
    weekly = sum(rates) / len(rates) if rates else 0.0
    return max(1, round(weekly * 52 / 12 * 2))
