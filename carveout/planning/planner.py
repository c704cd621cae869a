"""The entry point: plan one scenario of a portfolio."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime

from carveout.domain import Objective, Portfolio, Scenario
from carveout.planning.explain import explain_infeasibility
from carveout.planning.outputs import assemble_plan
from carveout.planning.plan import Plan
from carveout.planning.rcpsp import Progress, Solution, SolverConfig, improved_schedule
from carveout.planning.separation import Separation, build_separation
from carveout.planning.terms import SeparationModel, build_model

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
        config = replace(config, hint=_warm_hint(separation, config))
    weight = _stability_weight(separation) if previous_ends else 0
    objective = scenario.objective
    budget = time_limit / 2 if objective is Objective.LEXICOGRAPHIC else time_limit
    model = build_model(
        separation,
        replace(config, time_limit=budget),
        previous_ends=previous_ends,
        stability_weight=weight,
    )
    if config.hint is not None:
        _hint_bridges(model, config.hint)
    solution = _solve(model, objective, time_limit, on_progress)
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
) -> Solution:
    core = model.core
    if objective is Objective.FINISH:
        core.minimise(core.makespan)
        return core.solve(on_progress=on_progress)
    if objective is Objective.COST:
        core.minimise(model.cost())
        return core.solve(on_progress=on_progress)
    core.minimise(core.makespan)
    first = core.solve(on_progress=on_progress)
    if not first.feasible or first.makespan is None:
        return first
    core.model.add(core.makespan <= first.makespan)
    core.config = replace(
        core.config, hint=first.starts, time_limit=max(0.5, time_limit - first.seconds)
    )
    core.minimise(model.cost())
    second = core.solve(on_progress=on_progress)
    return second if second.feasible else first


def _warm_hint(separation: Separation, config: SolverConfig) -> tuple[int, ...] | None:
    """A priority-rule schedule that is valid for the whole separation model.

    The core's own warm start knows nothing of bridges. Here every bridge is
    assumed paid, its load added to the dependent service's demand, so the
    schedule never relies on a bridge its team cannot staff and the solver
    starts from a complete plan. None when the schedule cannot be built.
    """
    instance = separation.instance()
    extra = [0] * len(separation.moves)
    for bridge in separation.bridges:
        extra[bridge.after] += bridge.load
    activities = tuple(
        replace(a, demands=tuple(d + extra[i] if d else 0 for d in a.demands)) if extra[i] else a
        for i, a in enumerate(instance.activities)
    )
    try:
        return improved_schedule(
            replace(instance, activities=activities),
            seconds=1e9 if config.deterministic else min(2.0, 0.1 * config.time_limit),
            seed=config.seed,
            max_rounds=40 if config.deterministic else 400,
        )
    except ValueError:
        return None


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
