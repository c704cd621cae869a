"""What a plan says: the result of planning one scenario.

Plans are stored as scenario results (JSON) and read by risk, reports and the
web, so this shape is shared. A stored plan that no longer reads as a
:class:`Plan` (one of the first release, made without a data date) is treated
as missing and made again.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError


class _Result(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class PlannedMigration(_Result):
    """When one service moves, by whom, and in which wave.

    ``frozen`` marks a fact: a service cut over before the data date (both
    dates actual) or under way on it (its start actual, its cut-over planned).
    """

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
    """Transitional hosting implied by the plan: these services until ``until``.

    ``cost`` counts from ``start``: the first month to go on the data date.
    """

    host: str
    until: date
    services: tuple[str, ...]
    monthly_charge: float
    cost: float
    start: date | None = None


class Conflict(_Result):
    """One constraint taking part in a conflict when no plan fits."""

    constraint: str
    detail: str


class Plan(_Result):
    """The outcome of planning a scenario as of a data date.

    ``as_of`` is the data date: work cut over before it is fact, the rest is
    planned from ``max(start, as_of)``. ``fingerprint`` identifies the
    portfolio the plan was made from. ``status`` is ``optimal``, ``feasible``
    or ``infeasible``; an infeasible plan has no migrations but says which
    ``conflicts`` stop it and the ``earliest_feasible_deadline``. ``bound`` is
    the best proven lower bound on ``objective_value`` (the solver's, or the
    one known before the search, :mod:`carveout.planning.cost_bound`) and
    ``gap`` their relative difference. ``notes`` says what the planner left out or assumed.

    Money, all from the data date on (see :mod:`carveout.planning.hosting`):
    ``hosting_cost`` is transitional hosting to go, step-ups included, of which
    ``step_up_cost`` is due to step-ups; ``running_cost`` is the running cost
    of services still shared outside any transitional tranche; ``bridge_cost``
    the bridges the plan builds. Bridges the actual dates show were needed
    before the data date are ``bridges_built``, costing ``bridge_cost_to_date``.
    """

    scenario: str
    objective: str
    status: str
    created: datetime
    start: date
    as_of: date
    fingerprint: str = ""
    deadline: date | None = None
    finish: date | None = None
    objective_value: float | None = None
    bound: float | None = None
    gap: float | None = None
    hosting_cost: float = 0.0
    step_up_cost: float = 0.0
    running_cost: float = 0.0
    bridge_cost: float = 0.0
    bridge_cost_to_date: float = 0.0
    lateness_cost: float = 0.0
    migrations: tuple[PlannedMigration, ...] = ()
    burn_down: tuple[HostedCount, ...] = ()
    tranches: tuple[HostingTranche, ...] = ()
    critical_chain: tuple[str, ...] = ()
    bridged: tuple[str, ...] = ()
    bridges_built: tuple[str, ...] = ()
    conflicts: tuple[Conflict, ...] = ()
    earliest_feasible_deadline: date | None = None
    solve_seconds: float = 0.0
    seed: int = 0
    notes: tuple[str, ...] = ()

    @property
    def total_cost(self) -> float:
        """What the plan minimises: everything to go from the data date."""
        return self.hosting_cost + self.running_cost + self.bridge_cost + self.lateness_cost

    @property
    def origin(self) -> date:
        """The first day remaining work may be planned: the later of start and data date."""
        return max(self.start, self.as_of)

    @property
    def feasible(self) -> bool:
        return self.status in ("optimal", "feasible")


def read_plan(payload: dict[str, Any] | None) -> Plan | None:
    """The stored ``payload`` as a :class:`Plan`; None when there is none or it no longer reads
    (a plan of the first release, made without a data date: plan again)."""
    if payload is None:
        return None
    try:
        return Plan.model_validate(payload)
    except ValidationError:
        return None
