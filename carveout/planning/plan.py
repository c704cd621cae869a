"""What a plan says: the result of planning one scenario.

Plans are stored as scenario results (JSON) and read by risk, reports and the
web, so this shape is shared and changes to it must stay backward compatible.
"""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, ConfigDict


class _Result(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class PlannedMigration(_Result):
    """When one service moves, by whom, and in which wave."""

    service: str
    team: str
    start: date
    cutover: date
    wave: int
    effort_days: float
    duration_days: int
    frozen: bool = False
    late_days: int = 0
    critical: bool = False


class HostedCount(_Result):
    """How many services ``host`` still runs for ``consumer`` at the start of ``month``."""

    month: date
    host: str
    consumer: str
    services: int


class HostingTranche(_Result):
    """Transitional hosting implied by the plan: these services until ``until``."""

    host: str
    until: date
    services: tuple[str, ...]
    monthly_charge: float
    cost: float


class Conflict(_Result):
    """One constraint taking part in a conflict when no plan fits."""

    constraint: str
    detail: str


class Plan(_Result):
    """The outcome of planning a scenario.

    ``status`` is ``optimal``, ``feasible`` or ``infeasible``; an infeasible
    plan has no migrations but says which ``conflicts`` stop it and the
    ``earliest_feasible_deadline``. ``bound`` is the solver's proven lower
    bound on ``objective_value`` and ``gap`` their relative difference.
    ``notes`` says what the planner left out or assumed (e.g. a moving
    service with no migration recorded).
    """

    scenario: str
    objective: str
    status: str
    created: datetime
    start: date
    deadline: date | None = None
    finish: date | None = None
    objective_value: float | None = None
    bound: float | None = None
    gap: float | None = None
    hosting_cost: float = 0.0
    step_up_cost: float = 0.0
    bridge_cost: float = 0.0
    lateness_cost: float = 0.0
    migrations: tuple[PlannedMigration, ...] = ()
    burn_down: tuple[HostedCount, ...] = ()
    tranches: tuple[HostingTranche, ...] = ()
    critical_chain: tuple[str, ...] = ()
    bridged: tuple[str, ...] = ()
    conflicts: tuple[Conflict, ...] = ()
    earliest_feasible_deadline: date | None = None
    solve_seconds: float = 0.0
    seed: int = 0
    notes: tuple[str, ...] = ()

    @property
    def total_cost(self) -> float:
        return self.hosting_cost + self.step_up_cost + self.bridge_cost + self.lateness_cost

    @property
    def feasible(self) -> bool:
        return self.status in ("optimal", "feasible")
