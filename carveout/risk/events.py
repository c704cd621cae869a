"""Discrete risk events from the RAID log, and their effect on each sample."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray


@dataclass(frozen=True, slots=True)
class RiskEvent:
    """A risk that happens with ``probability`` and then delays ``activities``.

    ``delay`` is added to the duration of each affected activity (days, on the
    simulation's clock), already including any extra effort converted to time;
    ``cost`` is the one-off cost when it happens.

    A risk with a ``window`` (first and last day, inclusive, on the simulation's
    clock) strikes only activities whose cut-over falls inside it, and counts as
    happening only when it strikes one (see :mod:`carveout.risk.calendars`); its
    delay is added inside the passes, not to the sampled durations. A risk
    naming an ``extension`` exercises that extension option when it happens
    (see :mod:`carveout.risk.branches`).
    """

    code: str
    probability: float
    delay: tuple[float, ...]
    activities: tuple[int, ...]
    cost: float = 0.0
    window: tuple[float, float] | None = None
    extension: str | None = None

    def __post_init__(self) -> None:
        if not 0.0 <= self.probability <= 1.0:
            raise ValueError(f"risk {self.code}: probability must be between 0 and 1")
        if len(self.delay) != len(self.activities):
            raise ValueError(f"risk {self.code}: one delay per affected activity")


def impact_matrix(events: tuple[RiskEvent, ...], activities: int) -> NDArray[np.float64]:
    """``E × m`` delays: row ``e`` is what event ``e`` adds to each activity's duration.

    A window risk's row is zero: its delay depends on the cut-over date, so the passes add it.
    """
    impact = np.zeros((len(events), activities))
    for e, event in enumerate(events):
        if event.window is not None:
            continue
        for j, d in zip(event.activities, event.delay, strict=True):
            impact[e, j] += d
    return impact


def occurrences(u: NDArray[np.float64], events: tuple[RiskEvent, ...]) -> NDArray[np.bool_]:
    """Which events happen in each sample, from one uniform per sample and event."""
    p = np.array([e.probability for e in events], dtype=np.float64)
    return np.asarray(u < p[np.newaxis, :])


def apply_events(
    durations: NDArray[np.float64], happened: NDArray[np.bool_], impact: NDArray[np.float64]
) -> NDArray[np.float64]:
    """Durations lengthened by the events that happened in each sample."""
    if impact.shape[0] == 0:
        return durations
    return np.asarray(durations + happened.astype(np.float64) @ impact)


def event_costs(happened: NDArray[np.bool_], events: tuple[RiskEvent, ...]) -> NDArray[np.float64]:
    """The one-off cost of the events that happened in each sample."""
    cost = np.array([e.cost for e in events], dtype=np.float64)
    return np.asarray(happened.astype(np.float64) @ cost) if events else np.zeros(len(happened))
