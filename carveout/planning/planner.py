"""The entry point: plan one scenario of a portfolio."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime

from carveout.domain import Objective, Portfolio, Scenario
from carveout.planning.cost_bound import cost_lower_bound
from carveout.planning.explain import explain_infeasibility
from carveout.planning.outputs import assemble_plan
from carveout.planning.plan import Plan
from carveout.planning.rcpsp import Progress, Solution, SolverConfig
from carveout.planning.separation import Separation, build_separation
from carveout.planning.terms import SeparationModel, build_model
from carveout.planning.warm import fallback_solution, hint_model, warm_schedule
from carveout.planning.warm_report import warm_progress

ProgressCallback = Callable[[Progress], None]


def plan_scenario(
    *,
    portfolio: Portfolio,
    scenario: Scenario,
    time_limit: float = 30,
    workers: int = 2,
    seed: int = 0,
    previous: Plan | None = None,
    on_progress: ProgressCallback | None = None,
    deterministic: bool = True,
) -> Plan:
    """The best cut-over plan for ``scenario`` found within ``time_limit`` seconds.

    The search is deterministic by default: the same portfolio, scenario,
    seed and workers give the same plan whatever the machine load (the limit
    is then counted in the solver's deterministic time, which tracks seconds
    only roughly); ``deterministic=False`` stops on the wall clock instead.
    With ``previous``, unfrozen services pay a penalty per week their cut-over
    moves, and the previous dates seed the search. When no plan fits, the plan
    is ``infeasible`` and lists the conflicting constraints and the earliest
    feasible deadline.
    """
    created = datetime.now(UTC)
    began = time.perf_counter()
    separation = build_separation(portfolio=portfolio, scenario=scenario)
    config = SolverConfig(
        time_limit=time_limit,
        workers=workers,
        seed=seed,
        deterministic=deterministic,
        warm_start=True,
    )
    previous_ends: dict[str, int] | None = None
    if previous is not None and previous.feasible:
        cal = separation.calendar
        previous_ends = {m.service: cal.last_end_by(m.cutover) for m in previous.migrations}
        config = replace(config, hint=_hint(separation, previous_ends))
    else:
        config = replace(config, hint=warm_schedule(separation, config))
    weight = _stability_weight(separation) if previous_ends else 0
    objective = scenario.objective
    if not deterministic:
        # On the wall clock, the time spent on the warm start comes off the solver's.
        time_limit = max(0.5, time_limit - (time.perf_counter() - began))
    budget = time_limit / 2 if objective is Objective.LEXICOGRAPHIC else time_limit
    model = build_model(
        separation,
        replace(config, time_limit=budget),
        previous_ends=previous_ends,
        stability_weight=weight,
    )
    warm = config.hint if previous_ends is None else None
    if config.hint is not None:
        hint_model(model, config.hint)
    if warm is not None and on_progress is not None:
        on_progress(warm_progress(model, warm, objective, time.perf_counter() - began))
    solution = _solve(model, objective, time_limit, on_progress, warm)
    if not solution.feasible:
        conflicts, earliest, notes = explain_infeasibility(
            separation=separation, config=config, timed_out=solution.status == "unknown"
        )
        return assemble_plan(
            separation=separation,
            solution=solution,
            created=created,
            seed=seed,
            conflicts=conflicts,
            earliest=earliest,
            extra_notes=notes,
        )
    return assemble_plan(separation=separation, solution=solution, created=created, seed=seed)


def _solve(
    model: SeparationModel,
    objective: Objective,
    time_limit: float,
    on_progress: ProgressCallback | None,
    warm: tuple[int, ...] | None,
) -> Solution:
    """Solve for the objective; a valid warm start stands in when the solver finds nothing."""
    core = model.core

    def settle(found: Solution, kind: Objective) -> Solution:
        if found.status != "unknown" or warm is None:
            return found
        return fallback_solution(model, warm, kind, found)

    if objective is Objective.FINISH:
        core.minimise(core.makespan)
        return settle(core.solve(on_progress=on_progress), objective)
    if objective is Objective.COST:
        core.minimise(model.cost(), lower_bound=cost_lower_bound(model))
        return settle(core.solve(on_progress=on_progress), objective)
    core.minimise(core.makespan)
    first = settle(core.solve(on_progress=on_progress), Objective.FINISH)
    if not first.feasible or first.makespan is None:
        return first
    core.model.add(core.makespan <= first.makespan)
    core.config = replace(
        core.config, hint=first.starts, time_limit=max(0.5, time_limit - first.seconds)
    )
    hint_model(model, first.starts)
    core.minimise(model.cost(), lower_bound=cost_lower_bound(model))
    second = core.solve(on_progress=on_progress)
    return second if second.feasible else first


def _hint_bridges(model: SeparationModel, hint: tuple[int, ...]) -> None:
    """Hint each bridge as paid exactly when the hinted dates put its dependent first.

    Both hints (the previous plan's dates, or a schedule that staffs every
    bridge) stay valid with the unneeded bridges dropped, so the solver starts
    from a complete plan instead of guessing the bridge decisions.
    """
    sep = model.separation
    if len(hint) != len(sep.moves):
        return
    for bridge, paid in zip(sep.bridges, model.bridged, strict=True):
        before_end = hint[bridge.before] + sep.moves[bridge.before].duration
        model.core.add_hint(paid, int(before_end > hint[bridge.after]))


def _hint(separation: Separation, previous_ends: dict[str, int]) -> tuple[int, ...]:
    """Previous start weeks where known, the release otherwise."""
    return tuple(
        m.fixed_start
        if m.fixed_start is not None
        else max(m.release, previous_ends.get(m.service, m.release + m.duration) - m.duration)
        for m in separation.moves
    )


def _stability_weight(separation: Separation) -> int:
    """Pounds per week of moving a planned cut-over: about two months of a service's hosting.

    Hosting is charged by the month, so moving a service one week can save a
    whole month; a weight of two months per week makes reshuffling other
    services for such savings not worth it, while a real gain still is.
    """
    horizon = max(1, separation.horizon)
    rates = [(t[-1] - t[0]) / horizon for t in separation.cost_tables]
    weekly = sum(rates) / len(rates) if rates else 0.0
    return max(1, round(weekly * 52 / 12 * 2))
