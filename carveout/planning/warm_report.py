"""The warm start as the first progress report, before the solver has found anything.

A valid warm start is already a plan, so callers watching the search (the
web page, the scale benchmark) see a first plan as soon as it exists rather
than at the solver's first solution, which can come much later on large
portfolios. Its value is the one the solver would give the same dates; the
bound is the one known before the search (:mod:`carveout.planning.cost_bound`).
"""

from __future__ import annotations

from carveout.domain import Objective
from carveout.planning.cost_bound import cost_lower_bound
from carveout.planning.incumbent import schedule_cost
from carveout.planning.rcpsp import Progress
from carveout.planning.rcpsp.heuristics import makespan
from carveout.planning.rcpsp.solution import relative_gap
from carveout.planning.terms import SeparationModel


def warm_progress(
    model: SeparationModel,
    starts: tuple[int, ...],
    objective: Objective,
    seconds: float,
    *,
    cost_bound: int | None = None,
) -> Progress:
    """The progress report of the warm start ``starts``, found after ``seconds``.

    The lexicographic objective reports its first stage, the makespan.
    ``cost_bound`` is the model's cost bound when the caller has it already.
    """
    if objective is Objective.COST:
        known = cost_lower_bound(model) if cost_bound is None else cost_bound
        value, bound = float(schedule_cost(model, starts)), float(known)
    else:
        value, bound = float(makespan(model.core.instance, starts)), float(makespan_bound(model))
    bound = min(bound, value)
    return Progress(seconds, value, bound, relative_gap(value, bound))


def makespan_bound(model: SeparationModel) -> int:
    """No plan ends before its longest chain or before any team can do its work."""
    return model.core.static_bound
