"""Everything a risk run needs besides the network: dates, deadlines, tranches, charges."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import numpy as np
from numpy.typing import NDArray

from carveout.risk.network import Network
from carveout.risk.sampling import SamplingOptions


@dataclass(frozen=True, slots=True)
class TrancheTerms:
    """A hosting tranche as the simulation prices it.

    Hosting is charged ``monthly_charge`` from ``start`` to ``end`` (days from the
    programme start). If any of ``activities`` cuts over after ``end``, the
    ``extensions`` ``(length_months, step_up)`` are taken in order, each at
    ``monthly_charge × (1 + step_up)``; beyond them, month by month at the last rate.
    """

    code: str
    host: str
    start: float
    end: float
    monthly_charge: float
    activities: tuple[int, ...]
    extensions: tuple[tuple[int, float], ...] = ()


@dataclass(frozen=True, eq=False)
class RiskModel:
    """A network plus the calendar, deadlines and hosting terms that give it meaning."""

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
    monthly_charges: NDArray[np.float64] | None = None
    groups: tuple[tuple[int, ...], ...] = ()
