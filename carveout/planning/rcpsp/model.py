"""The CP-SAT model of an instance: one interval per activity, cumulative resources.

Beyond the plain model it adds what makes CP-SAT strong on scheduling:
start windows from forward and backward critical-path passes, time-varying
capacity as fixed "reservation" intervals, disjunctive cliques of activities
that can never overlap, the critical-path and energy bounds on the makespan,
and a justified priority-rule schedule as hint and upper bound.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable, Sequence
from typing import Any

from ortools.sat.python import cp_model

from carveout.planning.rcpsp.bounds import (
    critical_path_bound,
    earliest_starts,
    latest_starts,
    resource_bound,
)
from carveout.planning.rcpsp.cliques import disjunctive_cliques
from carveout.planning.rcpsp.energy import precedence_energy_delays
from carveout.planning.rcpsp.heuristics import makespan
from carveout.planning.rcpsp.instance import Instance
from carveout.planning.rcpsp.parameters import SMALL_NETWORK, configure
from carveout.planning.rcpsp.solution import (
    Progress,
    ProgressReporter,
    Solution,
    SolverConfig,
    relative_gap,
)
from carveout.planning.rcpsp.warm_start import warm_start

_STATUS: dict[Any, str] = {
    cp_model.OPTIMAL: "optimal",
    cp_model.FEASIBLE: "feasible",
    cp_model.INFEASIBLE: "infeasible",
    cp_model.UNKNOWN: "unknown",
}


_DEFAULT_CONFIG = SolverConfig()
_CLIQUES_WHEN_SMALL = 3


class ScheduleModel:
    """Builds the CP-SAT model for an Instance; callers may add terms before solving.

    ``starts`` and ``ends`` are the decision variables, ``makespan`` is at
    least every end. Choose an objective with :meth:`minimise_makespan` or
    :meth:`minimise`, then call :meth:`solve`.
    """

    def __init__(self, instance: Instance, config: SolverConfig = _DEFAULT_CONFIG) -> None:
        began = time.perf_counter()
        self.instance = instance
        self.config = config
        self.model = cp_model.CpModel()
        self.horizon = instance.safe_horizon()
        self._objective: str | None = None
        self._lower_bound = 0
        self._solver: cp_model.CpSolver | None = None
        self._caller_hints: dict[int, tuple[cp_model.IntVar, int]] = {}
        self.heuristic: tuple[int, ...] | None = None
        if config.warm_start and config.hint is None:
            self.heuristic = warm_start(instance, config)
        self.starts: list[cp_model.IntVar] = []
        self.ends: list[cp_model.IntVar] = []
        self.intervals: list[cp_model.IntervalVar] = []
        self._add_activities()
        self._add_precedences()
        self._add_resources()
        self.makespan = self._add_makespan()
        self._add_energy_delays()
        self._own_constraints = len(self.model.proto.constraints)
        self._capped = False
        self._build_seconds = time.perf_counter() - began

    # -- building -----------------------------------------------------------

    def _add_activities(self) -> None:
        inst, m = self.instance, self.model
        es = earliest_starts(inst) or [a.release for a in inst.activities]
        ls = latest_starts(inst, self.horizon) or [
            self.horizon - a.duration for a in inst.activities
        ]
        self._es, self._ls = es, ls
        for i, a in enumerate(inst.activities):
            lo, hi = es[i], max(es[i], ls[i])
            allowed = cp_model.Domain(lo, hi)
            for a_lo, a_hi in a.forbidden_ends:
                banned = cp_model.Domain(a_lo - a.duration, a_hi - 1 - a.duration)
                allowed = allowed.intersection_with(banned.complement())
            start = m.new_int_var_from_domain(allowed, f"start_{i}")
            if ls[i] < es[i]:
                m.add(start <= ls[i])  # the windows are empty: let the solver say infeasible
            if a.fixed_start is not None:
                m.add(start == a.fixed_start)
            end = m.new_int_var(lo + a.duration, hi + a.duration, f"end_{i}")
            self.intervals.append(m.new_interval_var(start, a.duration, end, f"job_{i}"))
            self.starts.append(start)
            self.ends.append(end)

    def _add_precedences(self) -> None:
        acts = self.instance.activities
        for p in self.instance.precedences:
            self.model.add(
                self.starts[p.after] >= self.starts[p.before] + acts[p.before].duration + p.lag
            )
        for group in self.instance.together:
            for a, b in itertools.pairwise(group):
                self.model.add(self.starts[a] == self.starts[b])

    def _add_resources(self) -> None:
        inst, m = self.instance, self.model
        for r, resource in enumerate(inst.resources):
            used = [i for i, a in enumerate(inst.activities) if a.demands[r] > 0 and a.duration > 0]
            if not used:
                continue
            peak = resource.peak
            intervals = [self.intervals[i] for i in used]
            demands = [inst.activities[i].demands[r] for i in used]
            # Capacity below the peak is modelled as fixed intervals that use the difference.
            for s, e, level in resource.below_peak(self.horizon):
                intervals.append(m.new_fixed_size_interval_var(s, e - s, f"reserve_{r}_{s}"))
                demands.append(peak - level)
            m.add_cumulative(intervals, demands, peak)
        # A small network is closed by proof search, where every no-overlap
        # slows each node: only the largest cliques, which carry the strongest
        # makespan bounds, pay for themselves there.
        most = _CLIQUES_WHEN_SMALL if inst.size <= SMALL_NETWORK else None
        for clique in disjunctive_cliques(inst, most=most):
            m.add_no_overlap([self.intervals[i] for i in clique])

    def _add_makespan(self) -> cp_model.IntVar:
        inst = self.instance
        lower = 0
        try:
            lower = max(critical_path_bound(inst), resource_bound(inst))
        except ValueError:
            lower = 0  # an infeasible network: the constraints already say so
        self._lower_bound = lower
        span = self.model.new_int_var(min(lower, self.horizon), self.horizon, "makespan")
        for end in self.ends:
            self.model.add(span >= end)
        return span

    def _add_energy_delays(self) -> None:
        for delay in precedence_energy_delays(self.instance, self._es):
            if delay.before is None and delay.after is not None:
                self.model.add(self.starts[delay.after] >= delay.gap)
            elif delay.after is None and delay.before is not None:
                self.model.add(self.makespan >= self.ends[delay.before] + delay.gap)
            elif delay.before is not None and delay.after is not None:
                self.model.add(self.starts[delay.after] >= self.ends[delay.before] + delay.gap)

    # -- objectives ---------------------------------------------------------

    def minimise_makespan(self) -> None:
        """Minimise the latest end; the warm start caps it (and the start windows)."""
        self._objective = "makespan"
        self.model.minimize(self.makespan)

    def _cap_by_warm_start(self) -> None:
        """Bound the makespan by the warm start's, which shrinks every start window.

        Only sound when the model is still ours alone: a constraint added by
        the caller might exclude the warm start, and the cap would then cut
        off schedules the caller wants.
        """
        if self._capped or self._objective != "makespan" or self.heuristic is None:
            return
        if len(self.model.proto.constraints) != self._own_constraints:
            return
        self._capped = True
        upper = makespan(self.instance, self.heuristic)
        self.model.add(self.makespan <= upper)
        ls = latest_starts(self.instance, upper)
        if ls is not None:
            for start, latest in zip(self.starts, ls, strict=True):
                self.model.add(start <= latest)

    def minimise(self, expression: cp_model.LinearExprT, *, lower_bound: int | None = None) -> None:
        """Minimise an expression the caller built from ``starts``, ``ends`` and own variables."""
        self._objective = "custom"
        self.model.minimize(expression)
        if lower_bound is not None:
            self.model.add(expression >= lower_bound)

    # -- solving ------------------------------------------------------------

    def add_hint(self, var: cp_model.IntVar, value: int) -> None:
        """Suggest a value for a variable (the caller's own or a start); kept by every solve.

        A caller's hint wins over the start hint for the same variable; a
        later call for the same variable replaces the earlier one.
        """
        self._caller_hints[var.index] = (var, int(value))

    def _add_hint(self) -> None:
        # Rebuilt from scratch each time: CP-SAT rejects a variable hinted twice.
        self.model.clear_hints()  # type: ignore[no-untyped-call]
        ours: list[tuple[cp_model.IntVar, int]] = []
        hint = self.config.hint if self.config.hint is not None else self.heuristic
        if hint is not None and len(hint) == self.instance.size:
            for i, (start, end, a) in enumerate(
                zip(self.starts, self.ends, self.instance.activities, strict=True)
            ):
                ours.append((start, hint[i]))
                ours.append((end, hint[i] + a.duration))
            ours.append((self.makespan, makespan(self.instance, hint)))
        for var, value in ours:
            if var.index not in self._caller_hints:
                self.model.add_hint(var, value)
        for var, value in self._caller_hints.values():
            self.model.add_hint(var, value)

    def solve(
        self,
        *,
        on_progress: Callable[[Progress], None] | None = None,
        assumptions: Sequence[cp_model.IntVar] = (),
    ) -> Solution:
        """Solve within the configured time and return the best schedule with its bound and gap."""
        began = time.perf_counter()
        self._cap_by_warm_start()
        self._add_hint()
        self.model.clear_assumptions()
        if assumptions:
            self.model.add_assumptions(assumptions)
        # A deterministic limit counts the solver's work alone, not building's wall time.
        built = 0.0 if self.config.deterministic else self._build_seconds
        remaining = max(0.1, self.config.time_limit - built)
        solver = cp_model.CpSolver()
        configure(
            solver.parameters,
            self.config,
            remaining,
            size=self.instance.size,
            makespan=self._objective == "makespan",
            with_assumptions=bool(assumptions),
            feasibility=self._objective is None,
        )
        callback = ProgressReporter(on_progress) if on_progress is not None else None
        status = solver.solve(self.model, callback)
        self._solver = solver
        seconds = self._build_seconds + (time.perf_counter() - began)
        return self._solution(solver, status, seconds)

    def _solution(self, solver: cp_model.CpSolver, status: Any, seconds: float) -> Solution:
        if status == cp_model.MODEL_INVALID:
            raise ValueError(f"invalid scheduling model: {self.model.validate()}")
        name = _STATUS.get(status, "unknown")
        heuristic_span = makespan(self.instance, self.heuristic) if self.heuristic else None
        if name not in ("optimal", "feasible"):
            return Solution(name, (), None, None, None, None, seconds, heuristic_span)
        starts = tuple(int(solver.value(s)) for s in self.starts)
        objective = bound = gap = None
        if self._objective is not None:
            objective = float(solver.objective_value)
            bound = float(solver.best_objective_bound)
            if self._objective == "makespan":
                bound = max(bound, float(self._lower_bound))
            gap = relative_gap(objective, bound)
        return Solution(
            name,
            starts,
            makespan(self.instance, starts),
            objective,
            bound,
            gap,
            seconds,
            heuristic_span,
        )

    @property
    def static_bound(self) -> int:
        """The makespan bound known before any search: critical path and resource energy."""
        return self._lower_bound

    def best_bound(self) -> float | None:
        """The proven lower bound on the objective from the last solve, found or not."""
        if self._solver is None or self._objective is None:
            return None
        bound = float(self._solver.best_objective_bound)
        if self._objective == "makespan":
            bound = max(bound, float(self._lower_bound))
        return bound

    @property
    def build_seconds(self) -> float:
        """Wall seconds building the model took; :meth:`solve` takes them off its limit."""
        return self._build_seconds

    def deterministic_time(self) -> float:
        """The deterministic time the last solve took (0 before any)."""
        return 0.0 if self._solver is None else float(self._solver.deterministic_time)

    def sufficient_assumptions_for_infeasibility(self) -> list[int]:
        """Indices of assumption literals that are infeasible together (after such a solve)."""
        if self._solver is None:
            raise RuntimeError("solve() must run before asking why it failed")
        return list(self._solver.sufficient_assumptions_for_infeasibility())
