"""Everything a risk run needs besides the network: dates, deadlines, tranches, charges."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray

from carveout.risk.calendars import Blackouts
from carveout.risk.network import Network
from carveout.risk.sampling import SamplingOptions

if TYPE_CHECKING:
    from carveout.risk.branches import ExtensionCharge


@dataclass(frozen=True, slots=True)
class TrancheTerms:
    """A contracted tranche as the simulation reads it.

    ``end`` is the offset (days from the simulation's origin) of its last day;
    ``activities`` are the services it is the last tranche of: those that must
    have left by its end (a service that a later tranche also lists is not
    late for this one).
    """

    code: str
    host: str
    end: float
    activities: tuple[int, ...]


@dataclass(frozen=True, eq=False)
class HostingTables:
    """Charges to go for each service by the month it cuts over: the planner's own figures.

    Month ``k`` is ``k`` months after ``first_month`` (the first month to go on
    the data date); ``origin_shift`` converts a month counted from the
    simulation's origin to this count. Row ``j`` of ``hosting`` is service
    ``j``'s transitional hosting (step-ups included) for a cut-over in each
    month, cumulated; ``step_up`` and ``running`` likewise. Past the last
    column each grows by its ``last_*`` monthly rate.
    """

    first_month: date
    origin_shift: int
    hosting: NDArray[np.float64]
    step_up: NDArray[np.float64]
    running: NDArray[np.float64]
    last_hosting: NDArray[np.float64]
    last_step_up: NDArray[np.float64]
    last_running: NDArray[np.float64]
    monthly: NDArray[np.float64]
    has_tranche: NDArray[np.bool_]
    tranche_start: NDArray[np.int64]


@dataclass(frozen=True, eq=False)
class RiskModel:
    """A network plus the calendar, deadlines and hosting terms that give it meaning.

    ``start`` is the simulation's origin (day 0): the later of the programme
    start and the data date ``as_of``; nothing left to do starts before it.
    ``plan_durations`` are the plan's own durations (days), for replaying it.
    ``fixed_cost`` is cost every run bears whatever its dates (the bridges the
    plan builds); ``budget`` the budget the joint confidence tests against and
    ``budget_basis`` where it comes from. ``blackouts`` move cut-overs and
    ``extensions`` price the extension options risks may exercise
    (:mod:`carveout.risk.calendars`, :mod:`carveout.risk.branches`).
    """

    scenario: str
    start: date
    network: Network
    sampling: SamplingOptions = field(default_factory=SamplingOptions)
    resource_aware: bool = True
    deadline: float | None = None
    deadlines: NDArray[np.float64] | None = None
    planned: NDArray[np.float64] | None = None
    tranches: tuple[TrancheTerms, ...] = ()
    hosts: tuple[str, ...] = ()
    hosting: HostingTables | None = None
    groups: tuple[tuple[int, ...], ...] = ()
    as_of: date | None = None
    plan_durations: NDArray[np.float64] | None = None
    notes: tuple[str, ...] = ()
    fixed_cost: float = 0.0
    budget: float | None = None
    budget_basis: str = ""
    blackouts: Blackouts | None = None
    extensions: tuple[ExtensionCharge, ...] = ()
