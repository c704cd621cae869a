"""Joint confidence: the chance of finishing by a date *and* within a budget.

Every simulated run yields a pair: the day its last cut-over lands and what the
programme costs to go in that run (see :func:`run_costs`). A date and a budget
are met together in the share of runs whose finish is on or before the date and
whose cost is at most the budget. For a confidence level ``p`` the budget needed
by a date is the smallest budget met together with the date in at least
``p`` of the runs; the date needed for a budget is defined the same way round.
The set of (date, budget) pairs at a level is bounded by a staircase, the
level's *frontier*, kept on a grid for charts and look-ups.
"""

from __future__ import annotations

import math
from datetime import date, timedelta
from typing import Any

import numpy as np
from numpy.typing import NDArray
from pydantic import BaseModel, ConfigDict

from carveout.risk.hosting import sample_costs
from carveout.risk.model import RiskModel

JOINT_LEVELS = (0.5, 0.7, 0.8)
SCATTER_POINTS = 300
COST_BINS = 256
"""Budgets on a frontier are sample costs at these many evenly spaced ranks."""
MAX_DAYS_ON_GRID = 1200
FRONTIER_POINTS = 200


class _Out(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class JointLevel(_Out):
    """At joint confidence ``level``: the budget needed by the date, the date needed for the
    budget (None when no budget or no date reaches it), and the level's frontier."""

    level: float
    budget_by_date: float | None
    date_for_budget: date | None
    frontier: tuple[tuple[date, float], ...]


class JointConfidence(_Out):
    """Finish and cost together: the chance of meeting both, and what each level needs.

    ``by`` is the date tested (the deadline unless another was chosen) and
    ``budget`` the budget (``basis`` says where it came from). ``p_finish`` and
    ``p_budget`` are the chances of meeting each alone. ``scatter`` is a thinned
    sample of (finish, cost) runs for a chart. ``cost_parts`` names what a
    run's cost counts.
    """

    by: date
    by_basis: str
    budget: float
    basis: str
    cost_parts: str
    p_joint: float
    p_finish: float
    p_budget: float
    cost_mean: float
    cost_p50: float
    cost_p80: float
    levels: tuple[JointLevel, ...]
    scatter: tuple[tuple[date, float], ...]


COST_PARTS = (
    "transitional hosting to go (step-ups included, and any extension a risk exercises), "
    "running cost of services shared outside any tranche, the bridges the plan builds, and "
    "the cost impact of risks that happen; "
    "migration work itself is not counted, as the plan's cost does not count it (its "
    "pounds at the teams' day rates are in the separation cost)"
)


def run_costs(
    model: RiskModel,
    finish: NDArray[np.floating],
    risk_cost: NDArray[np.float64],
    extension: NDArray[np.float64] | None = None,
) -> NDArray[np.float64] | None:
    """Each run's cost to go; the plan's own cost to go when the plan is replayed as planned.

    ``finish`` is runs × services (days from the model's start); ``extension`` the
    extension charges risks exercised in each run, beyond its hosting terms
    (:mod:`carveout.risk.branches`). None when the model has no hosting terms to
    price runs with.
    """
    if model.hosting is None:
        return None
    costs = sample_costs(finish, model.start, model.hosting)
    total = costs.hosting + costs.running + model.fixed_cost + risk_cost
    return np.asarray(total if extension is None else total + extension)


def finish_days(programme: NDArray[np.floating]) -> NDArray[np.int64]:
    """The day (from the start) each run's finish is dated: a finish during day d is day d."""
    values = np.asarray(programme, dtype=np.float64)
    return np.asarray(np.maximum(0, np.ceil(values - 1e-9) - 1).astype(np.int64))


def needed(level: float, runs: int) -> int:
    """Runs that must meet both for a share of at least ``level``."""
    return max(1, math.ceil(level * runs - 1e-9))


def joint_probability(
    days: NDArray[np.int64], cost: NDArray[np.float64], *, by: int, budget: float
) -> float:
    """Share of runs finishing by day ``by`` with cost at most ``budget``."""
    return float(np.mean((days <= by) & (cost <= budget)))


def _kth(values: NDArray[Any], k: int) -> Any:
    """The ``k``-th smallest of ``values`` (1-based), or None when there are fewer."""
    return None if values.size < k else np.partition(values, k - 1)[k - 1]


def budget_for(
    days: NDArray[np.int64], cost: NDArray[np.float64], *, by: int, level: float
) -> float | None:
    """The least budget met together with day ``by`` in at least ``level`` of the runs."""
    found = _kth(cost[days <= by], needed(level, days.size))
    return None if found is None else float(found)


def day_for(
    days: NDArray[np.int64], cost: NDArray[np.float64], *, budget: float, level: float
) -> int | None:
    """The earliest day met together with ``budget`` in at least ``level`` of the runs."""
    found = _kth(days[cost <= budget], needed(level, days.size))
    return None if found is None else int(found)


def frontiers(
    days: NDArray[np.int64], cost: NDArray[np.float64], levels: tuple[float, ...]
) -> list[list[tuple[int, float]]]:
    """Each level's staircase as (day, budget) where the budget needed changes.

    Days are binned (one a bin unless the finish spans more than
    :data:`MAX_DAYS_ON_GRID` days) and budgets are sample costs at
    :data:`COST_BINS` ranks; each point is met at its level (the budget rounds up).
    """
    n = days.size
    first = int(days.min())
    step = max(1, math.ceil((int(days.max()) - first + 1) / MAX_DAYS_ON_GRID))
    rows = (days - first) // step
    edges = np.unique(np.quantile(cost, np.linspace(0, 1, COST_BINS + 1), method="inverted_cdf"))
    cols = np.searchsorted(edges, cost, side="left")
    width, height = edges.size, int(rows.max()) + 1
    grid = np.bincount(rows * width + cols, minlength=height * width).reshape(height, width)
    met = grid.cumsum(axis=0).cumsum(axis=1)
    out: list[list[tuple[int, float]]] = []
    for level in levels:
        enough = met >= needed(level, n)
        reached = np.flatnonzero(enough.any(axis=1))
        col = enough.argmax(axis=1)
        points: list[tuple[int, float]] = []
        for r in reached:
            budget = float(edges[col[r]])
            if not points or budget < points[-1][1]:
                points.append((first + int(r) * step + step - 1, budget))
        if len(points) > FRONTIER_POINTS:
            keep = np.unique(np.linspace(0, len(points) - 1, FRONTIER_POINTS).astype(int))
            points = [points[i] for i in keep]
        out.append(points)
    return out


def joint_confidence(
    *,
    start: date,
    programme: NDArray[np.floating],
    cost: NDArray[np.float64],
    by: date,
    by_basis: str,
    budget: float,
    basis: str,
    levels: tuple[float, ...] = JOINT_LEVELS,
) -> JointConfidence:
    """The joint confidence of finishing by ``by`` within ``budget`` over the runs."""
    days = finish_days(programme)
    cost = np.asarray(cost, dtype=np.float64)
    d = (by - start).days

    def day(offset: int) -> date:
        return start + timedelta(days=offset)

    found = []
    for level, frontier in zip(levels, frontiers(days, cost, levels), strict=True):
        need = budget_for(days, cost, by=d, level=level)
        when = day_for(days, cost, budget=budget, level=level)
        found.append(
            JointLevel(
                level=level,
                budget_by_date=need,
                date_for_budget=None if when is None else day(when),
                frontier=tuple((day(x), b) for x, b in frontier),
            )
        )
    pick = np.unique(np.linspace(0, days.size - 1, min(SCATTER_POINTS, days.size)).astype(int))
    return JointConfidence(
        by=by,
        by_basis=by_basis,
        budget=budget,
        basis=basis,
        cost_parts=COST_PARTS,
        p_joint=joint_probability(days, cost, by=d, budget=budget),
        p_finish=float(np.mean(days <= d)),
        p_budget=float(np.mean(cost <= budget)),
        cost_mean=float(cost.mean()),
        cost_p50=float(np.quantile(cost, 0.5)),
        cost_p80=float(np.quantile(cost, 0.8)),
        levels=tuple(found),
        scatter=tuple((day(int(days[i])), float(cost[i])) for i in pick),
    )


def budget_at(frontier: tuple[tuple[date, float], ...], when: date) -> float | None:
    """The budget a level's frontier needs by ``when`` (None before its first point)."""
    met = [b for d, b in frontier if d <= when]
    return met[-1] if met else None


def date_at(frontier: tuple[tuple[date, float], ...], budget: float) -> date | None:
    """The date a level's frontier needs for ``budget`` (None if no point is within it)."""
    return next((d for d, b in frontier if b <= budget), None)
