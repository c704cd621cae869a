"""The entry point: plan one scenario of a portfolio as of a data date."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import UTC, date, datetime

from carveout.domain import Objective, Portfolio, Scenario
from carveout.planning.cost_bound import SHARE, cost_lower_bound
from carveout.planning.explain import explain_infeasibility
from carveout.planning.first_schedule import SHARE as FIRST_SHARE
from carveout.planning.first_schedule import first_schedule
from carveout.planning.incumbent import at_dates_cost, fallback_solution, hint_model
from carveout.planning.known import valid_schedules
from carveout.planning.lns import improve
from carveout.planning.money import in_pounds, progress_in_pounds
from carveout.planning.outputs import assemble_plan
from carveout.planning.plan import Plan
from carveout.planning.prepare import build_separation
from carveout.planning.ranking import cheapest, ranks_after, schedule_rank, solution_rank
from carveout.planning.rcpsp import Progress, Solution, SolverConfig
from carveout.planning.rcpsp.solution import with_lower_bound
from carveout.planning.replan import previous_hint, stability_weight
from carveout.planning.separation import Separation
from carveout.planning.terms import SeparationModel, build_model
from carveout.planning.warm import warm_schedule
from carveout.planning.warm_report import warm_progress

ProgressCallback = Callable[[Progress], None]

RESERVE = 0.1
"""Share of the time limit kept back for explaining an infeasible plan and writing it out."""
SLACK = (0.0, 2.0)
"""How far past the limit (share, seconds) a search may run on the wall clock when its
deterministic time has not run out: slow machines stop here, quiet ones deterministically."""
REPEATABLE = (10.0, 30.0)
"""The ``slack`` of a repeatable search: a machine up to about ten times slower than a quiet
one (a shared machine at a load average of 20 on 2 cores) still stops on deterministic time,
so it gives the same plan as any other, only later."""
WARM_SHARE = 0.3
"""Share of the time limit the heuristic warm start may take on the wall clock."""
HARD_LIMIT = (0.1, 4.0)
"""The wall-clock limit of the whole call, explanations included: 10% + 4 s past the limit,
leaving a second of the 10% + 5 s a command promises for writing the plan out."""
LNS_FROM = 150
"""Moves from which a cost plan is improved by large-neighbourhood search before CP-SAT."""
LNS_SHARE = (0.8, 1000, 1.0)
"""Share of the search time the large-neighbourhood search takes (CP-SAT the rest), and
from how many moves it takes it all: CP-SAT then spends the rest presolving alone."""


def plan_scenario(
    *,
    portfolio: Portfolio,
    scenario: Scenario,
    as_of: date | None = None,
    time_limit: float = 30,
    workers: int = 2,
    seed: int = 0,
    previous: Plan | None = None,
    known: Sequence[Plan] = (),
    on_progress: ProgressCallback | None = None,
    deterministic: bool = True,
    started: float | None = None,
    slack: tuple[float, float] = SLACK,
    lns: bool = True,
) -> Plan:
    """The best cut-over plan for ``scenario`` as of ``as_of`` found within ``time_limit``.

    ``as_of`` is the data date (default: the scenario's pinned one, else its
    start): work cut over before it is fact, work in progress plans only what
    is left, and nothing else starts before it. ``time_limit`` bounds the wall
    time of the whole call, compiling and explaining included. The search is
    deterministic by default: the same inputs, seed and workers give the same
    plan whatever the machine load, unless the wall-clock limit stops it first
    (the solver then counts deterministic time as well); ``deterministic=False``
    stops on the wall clock alone. With ``previous``, unfrozen services pay a
    penalty per week their cut-over moves, and the previous dates seed the
    search. ``known`` are plans stored for other scenarios: those made from the
    same portfolio as of the same date that meet this scenario's constraints
    are starting points, and the result never costs more than the cheapest.
    When no plan fits, the plan is ``infeasible`` and lists the conflicting
    constraints and the earliest feasible deadline. ``started`` is the
    :func:`time.perf_counter` reading the limit counts from (default: now), so
    a command counts its own start-up, compiling included, against the limit.
    ``slack`` (share, seconds) is how far past the limit a deterministic search
    may run on the wall clock (the warm start's share grows alike): a sweep gives
    more, so that a busy machine still stops on deterministic time and the same
    cell gives the same plan. With ``lns`` (the default), a cost plan of at least
    :data:`LNS_FROM` services to move spends most of its search time improving the
    warm start a neighbourhood at a time (:mod:`carveout.planning.lns`), then CP-SAT
    continues from the result; ``lns=False`` leaves the whole search to CP-SAT.
    """
    created = datetime.now(UTC)
    began = time.perf_counter()
    clock = began if started is None else started
    deadline = clock + time_limit * (1 + HARD_LIMIT[0]) + HARD_LIMIT[1]
    separation = build_separation(portfolio=portfolio, scenario=scenario, as_of=as_of)
    fingerprint = portfolio.fingerprint
    config = SolverConfig(
        time_limit=time_limit * (1 - RESERVE),
        workers=workers,
        seed=seed,
        deterministic=deterministic,
        warm_start=True,
        wall_deadline=clock + time_limit * (1 + slack[0]) + slack[1],
        warm_deadline=clock + max(2.0, WARM_SHARE * time_limit) * (1 + slack[0]),
    )
    previous_ends: dict[str, int] | None = None
    if previous is not None and previous.feasible:
        cal = separation.calendar
        previous_ends = {m.service: cal.last_end_by(m.cutover) for m in previous.migrations}
        config = replace(config, hint=previous_hint(separation, previous_ends))
    else:
        config = replace(config, hint=warm_schedule(separation, config))
    remaining = config.time_limit
    if config.hint is None:
        # No rule gave a valid schedule: CP-SAT looks for any, without costs, first.
        first, work = first_schedule(separation, config, seconds=FIRST_SHARE * time_limit)
        if first.status == "infeasible":
            return _explained(separation, first, created, seed, fingerprint, config, deadline)
        config = replace(config, hint=first.starts or None)
        if deterministic:
            remaining = max(0.5, remaining - work)
    weight = stability_weight(separation) if previous_ends else 0
    objective = scenario.objective
    if not deterministic:
        # On the wall clock, the time spent on the warm start comes off the solver's.
        remaining = max(0.5, remaining - (time.perf_counter() - began))
    budget = remaining / 2 if objective is Objective.LEXICOGRAPHIC else remaining
    model = build_model(
        separation,
        replace(config, time_limit=budget),
        previous_ends=previous_ends,
        stability_weight=weight,
    )
    others = [p for p in known if p.fingerprint == fingerprint and p.scenario != scenario.code]
    best_known = cheapest(model, valid_schedules(others, separation), objective)
    warm = config.hint if previous_ends is None else None
    if best_known is not None and (
        warm is None or schedule_rank(model, warm, objective) > best_known[1]
    ):
        warm = best_known[0]
        model.core.config = replace(model.core.config, hint=warm)
    if model.core.config.hint is not None:
        hint_model(model, model.core.config.hint)
    # Known before any search, in the model's money; CP-SAT is told it and reports the better.
    bound = (
        None
        if objective is Objective.FINISH
        else cost_lower_bound(model, seconds=SHARE * time_limit, patience=1 + slack[0])
    )
    unit = model.separation.money_unit
    report = progress_in_pounds(on_progress, unit) if objective is Objective.COST else on_progress
    if warm is not None and report is not None:
        elapsed = time.perf_counter() - began
        report(warm_progress(model, warm, objective, elapsed, cost_bound=bound))
    improved = None
    large = len(model.separation.moves) >= LNS_FROM
    if lns and large and objective is Objective.COST and warm is not None:
        # On the wall clock the search ends where CP-SAT's would have: building took some.
        ends = began + config.time_limit
        budget = remaining if deterministic else max(0.0, ends - time.perf_counter())
        improved = improve(
            model,
            warm,
            budget=budget * (LNS_SHARE[2] if len(warm) >= LNS_SHARE[1] else LNS_SHARE[0]),
            seed=seed,
            workers=workers,
            deterministic=deterministic,
            wall_deadline=config.wall_deadline,
        )
        warm = improved.starts
        left = budget - (improved.work if deterministic else improved.seconds)
        model.core.config = replace(model.core.config, hint=warm, time_limit=max(0.5, left))
        if report is not None:
            elapsed = time.perf_counter() - began
            report(warm_progress(model, warm, objective, elapsed, cost_bound=bound))
    solution = _solve(model, objective, remaining, on_progress, warm, bound)
    notes: list[str] = []
    if improved is not None:
        # The search's schedule is checked against every constraint: a CP-SAT stage left
        # too little time (or finding worse) never replaces it.
        found_cost = solution_rank(solution, objective, unit) if solution.feasible else None
        if found_cost is None or ranks_after(found_cost, (float(improved.cost),)):
            solution = in_pounds(
                with_lower_bound(
                    fallback_solution(model, improved.starts, objective, solution), bound
                ),
                unit,
            )
    found = solution_rank(solution, objective, unit) if solution.feasible else None
    if best_known is not None and (found is None or ranks_after(found, best_known[1])):
        solution = fallback_solution(model, best_known[0], objective, solution)
        if objective is not Objective.FINISH:
            solution = in_pounds(with_lower_bound(solution, bound), unit)
        notes.append(
            f"The plan stored for scenario {best_known[2]} also meets this scenario's "
            "constraints and costs less than the search found, so it is kept."
        )
    if not solution.feasible:
        return _explained(separation, solution, created, seed, fingerprint, config, deadline)
    if weight and objective is not Objective.FINISH:
        # A replan minimises cost plus the penalty for moving: the search's bound and proof
        # are of that sum, not of the cost, so only the bound known before it is reported.
        in_pounds_bound = None if bound is None else float(bound * unit)
        solution = with_lower_bound(
            replace(solution, bound=None, gap=None, status="feasible"), in_pounds_bound
        )
    if objective is not Objective.FINISH:
        solution = at_dates_cost(model, solution, unit)
    return assemble_plan(
        separation=separation,
        solution=solution,
        created=created,
        seed=seed,
        extra_notes=notes,
        fingerprint=fingerprint,
    )


def _explained(
    separation: Separation,
    solution: Solution,
    created: datetime,
    seed: int,
    fingerprint: str,
    config: SolverConfig,
    deadline: float,
) -> Plan:
    """The plan when no schedule was found: the conflicting constraints and the earliest
    feasible deadline, searched for until ``deadline`` on the wall clock."""
    left = max(0.5, deadline - time.perf_counter())
    conflicts, earliest, extra = explain_infeasibility(
        separation=separation,
        config=replace(config, time_limit=left, wall_deadline=deadline),
        timed_out=solution.status == "unknown",
    )
    return assemble_plan(
        separation=separation,
        solution=solution,
        created=created,
        seed=seed,
        conflicts=conflicts,
        earliest=earliest,
        extra_notes=extra,
        fingerprint=fingerprint,
    )


def _solve(
    model: SeparationModel,
    objective: Objective,
    time_limit: float,
    on_progress: ProgressCallback | None,
    warm: tuple[int, ...] | None,
    bound: int | None,
) -> Solution:
    """Solve for the objective; a valid warm start stands in when the solver finds nothing.

    A cost objective reports the better of CP-SAT's bound and ``bound`` (the
    one known before the search, in the model's money), in pounds.
    """
    core = model.core
    unit = model.separation.money_unit
    priced = progress_in_pounds(on_progress, unit)

    def settle(found: Solution, kind: Objective) -> Solution:
        if found.status != "unknown" or warm is None:
            return found
        return fallback_solution(model, warm, kind, found)

    def costed(found: Solution) -> Solution:
        return in_pounds(with_lower_bound(found, bound), unit)

    if objective is Objective.FINISH:
        core.minimise(core.makespan)
        return settle(core.solve(on_progress=on_progress), objective)
    if objective is Objective.COST:
        core.minimise(model.cost(), lower_bound=bound)
        return costed(settle(core.solve(on_progress=priced), objective))
    core.minimise(core.makespan)
    first = settle(core.solve(on_progress=on_progress), Objective.FINISH)
    if not first.feasible or first.makespan is None:
        return first
    core.model.add(core.makespan <= first.makespan)
    core.config = replace(
        core.config, hint=first.starts, time_limit=max(0.5, time_limit - first.seconds)
    )
    hint_model(model, first.starts)
    core.minimise(model.cost(), lower_bound=bound)
    second = costed(core.solve(on_progress=priced))
    if second.feasible:
        return second
    # The cost stage found nothing in its time: the finish-first schedule, at its cost.
    return costed(fallback_solution(model, first.starts, objective, first))
