"""Money in the CP-SAT model: whole units coarse enough that no sum or product overflows.

CP-SAT works in 64-bit integers and refuses a model whose constraints could
overflow. Costs are counted in whole pounds while they stay well inside that
range; a portfolio with costs near the top of their allowed range (a trillion
pounds a month over a century of weeks) is counted in thousands, millions, …
of pounds instead, so the same model is built whatever the amounts. Results
are always reported in pounds: only the search works in these units.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from carveout.planning.rcpsp import Progress, Solution

ProgressCallback = Callable[[Progress], None]

MODEL_BUDGET = 10**15
"""The largest total cost, times the horizon in weeks, the model is allowed to hold.

Constraints multiply a cost by up to the horizon (the hull cuts of the hosting
cost), and the objective adds every cost: a budget of 10^15 leaves a margin of
several thousand below the 64-bit limit of about 9.2 × 10^18.
"""


def money_unit(
    *,
    tables: Sequence[Sequence[int]],
    bridges: Sequence[float],
    weekly_penalty: float,
    horizon: int,
) -> int:
    """Pounds per unit of the model's money: 1, or the power of ten that fits the budget."""
    weeks = max(1, horizon)
    total = sum(max(t, default=0) for t in tables) + sum(bridges)
    total += weekly_penalty * weeks * len(tables)
    unit = 1
    while total / unit * weeks > MODEL_BUDGET:
        unit *= 10
    return unit


def in_units(pounds: float, unit: int) -> int:
    """``pounds`` in whole units of ``unit`` pounds."""
    return round(pounds / unit)


def in_pounds(solution: Solution, unit: int) -> Solution:
    """``solution`` of a cost objective, its objective and bound turned back into pounds."""
    if unit == 1:
        return solution
    return replace(
        solution,
        objective=None if solution.objective is None else solution.objective * unit,
        bound=None if solution.bound is None else solution.bound * unit,
    )


def progress_in_pounds(report: ProgressCallback | None, unit: int) -> ProgressCallback | None:
    """``report``, given each improving cost solution's objective and bound in pounds."""
    if report is None or unit == 1:
        return report

    def priced(found: Progress) -> None:
        report(replace(found, objective=found.objective * unit, bound=found.bound * unit))

    return priced
