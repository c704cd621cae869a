"""Whether a simulation's P80s have settled, checked at widening intervals.

The P80 finish and P80 cost are computed over every run so far only at
checkpoints whose run counts grow geometrically (each about half as many
batches again as the last), so checking costs a constant share of the run
however many runs there are. The result is *stable* when between the last two
checks the P80 finish moved less than ``tolerance`` days and the P80 cost less
than ``cost_tolerance`` of itself; a run may stop there.
"""

from __future__ import annotations

import math

from pydantic import BaseModel, ConfigDict

GROWTH = 1.5
"""Each checkpoint has about this many times the batches of the one before."""


class ConvergenceInfo(BaseModel):
    """How the P80 finish (days) and P80 cost moved at each check, and the verdict.

    ``checks`` are the run counts checked at; ``p80_history`` and
    ``cost_history`` the P80s there. ``stable`` is None when fewer than two
    checks ran. ``converged`` says the run stopped early because it was stable.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    tolerance: float
    batches: int
    runs: int
    converged: bool
    p80_history: tuple[float, ...]
    cost_tolerance: float = 0.005
    requested: int = 0
    checks: tuple[int, ...] = ()
    cost_history: tuple[float, ...] = ()
    stable: bool | None = None


def checkpoints(batches: int, first: int = 3) -> list[int]:
    """Batch counts after which to check (always including the last batch)."""
    marks: list[int] = []
    # a run of a few batches is still checked twice: halfway and at its end
    k = max(1, min(first, batches // 2))
    while k < batches:
        marks.append(k)
        k = max(k + 1, math.ceil(k * GROWTH))
    marks.append(batches)
    return marks


def moves(finish: tuple[float, ...], cost: tuple[float, ...]) -> tuple[float, float | None] | None:
    """How far the P80 finish (days) and P80 cost (share of itself) moved at the last check."""
    if len(finish) < 2:
        return None
    moved = abs(finish[-1] - finish[-2])
    if len(cost) < 2:
        return moved, None
    scale = max(abs(cost[-1]), 1e-9)
    return moved, abs(cost[-1] - cost[-2]) / scale


def is_stable(
    finish: tuple[float, ...], cost: tuple[float, ...], tolerance: float, cost_tolerance: float
) -> bool | None:
    """Both P80s within their tolerances between the last two checks (None: one check)."""
    moved = moves(finish, cost)
    if moved is None:
        return None
    days, share = moved
    return days < tolerance and (share is None or share < cost_tolerance)


def runs_to_try(info: ConvergenceInfo) -> int:
    """Runs likely to settle: quantile noise falls as 1/√runs, so scale by (moved/tolerance)²."""
    moved = moves(info.p80_history, info.cost_history)
    factor = 4.0
    if moved is not None:
        days, share = moved
        ratios = [days / info.tolerance if info.tolerance > 0 else 2.0]
        if share is not None and info.cost_tolerance > 0:
            ratios.append(share / info.cost_tolerance)
        factor = min(16.0, max(2.0, max(ratios) ** 2))
    wanted = info.runs * factor
    magnitude = 10 ** max(4, int(math.log10(wanted)))
    return int(math.ceil(wanted / magnitude) * magnitude)


def convergence_sentence(info: ConvergenceInfo) -> str:
    """Whether the result is stable and how many runs it took, or what to do, in plain words."""
    limits = f"{info.tolerance:g} day{'s' if info.tolerance != 1 else ''}"
    cost_limit = f"{info.cost_tolerance:.1%}"
    if info.stable is None:
        how = "ran as one batch" if info.batches <= 1 else "were checked only once"
        return (
            f"Not checked: {info.runs:,} runs {how}, too few to tell whether the "
            f"P80 has settled. Run with --runs {runs_to_try(info):,}."
        )
    last = info.runs - info.checks[-2] if len(info.checks) >= 2 else info.runs
    moved = moves(info.p80_history, info.cost_history)
    assert moved is not None
    days, share = moved
    cost_words = "" if share is None else f" and P80 cost {share:.2%}"
    if info.stable:
        cost_part = "" if share is None else f" and P80 cost less than {cost_limit}"
        stopped = " (stopped early)" if info.converged else ""
        return (
            f"Stable: P80 finish moved less than {limits}{cost_part} over the last "
            f"{last:,} of {info.runs:,} runs{stopped}."
        )
    return (
        f"Not yet stable: over the last {last:,} of {info.runs:,} runs the P80 finish moved "
        f"{days:.1f} days{cost_words} (tolerances {limits} and {cost_limit}). "
        f"Run with --runs {runs_to_try(info):,}."
    )
