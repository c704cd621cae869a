"""Lower bounds on the cost of any plan, known before the search.

Four bounds, all in the model's money (see :mod:`carveout.planning.money`):

- the **static** bound counts each service on its own: the floor of its own
  terms at its earliest end (:mod:`carveout.planning.service_floor`);
- the **team** bound also counts each team's capacity against its work
  (:mod:`carveout.planning.team_bound`);
- the **chain** bound follows waits along trees of dependencies, where a
  provider's own wait delays its consumers (:mod:`carveout.planning.chain_bound`);
- the **relaxation** bound solves the time-indexed linear relaxation of the
  whole plan, capacity, dependencies and bridges together, in buckets of weeks
  (:mod:`carveout.planning.relaxation_bound`).

All are true lower bounds, not estimates: the proofs are in those modules'
docstrings, and the best of them is reported, so it is never below the static
one. None is exact in general. The static bound is exact for one consumer that
pays or waits for one provider on another team, not for a chain: three services
on three teams, each bridge dearer than waiting, give a static bound of 34,708
against an optimum of 47,718, which the chain bound reaches.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

from carveout.planning.chain_bound import chain_cost_bound
from carveout.planning.relaxation_bound import relaxation_bound
from carveout.planning.service_floor import service_floors
from carveout.planning.team_bound import team_cost_bound
from carveout.planning.terms import SeparationModel

RELAXATION_CELLS = 8_000
"""End-week cells the relaxation may have when no time is set: past it, weeks are taken two,
then four, at a time."""
CELLS_PER_SECOND = 2_700
"""Cells the relaxation is given per second of its time, and at least :data:`MIN_CELLS` (a
small model solves in a blink): sizes, not the clock, choose its bucket (and whether it
runs), so the same model always gets the same bound."""
MIN_CELLS = 2_000
SHARE = 0.1
"""Share of a plan's time limit the relaxation may take."""
BUCKETS = (1, 2, 4)
"""Bucket sizes tried, finest first."""
UNTIL = 2 / 3
"""Share of the horizon the relaxation follows week by week (or bucket by bucket): every end
after it is one state, "late", at the hosting of its first week (see
:mod:`carveout.planning.relaxation_bound`). On the generated 250-service portfolios this costs
the bound up to 4 % (seed 1: 10.20 M against 10.61 M over the whole horizon), and keeps the
1,000-service relaxation within what a 60 s plan allows it. A model whose whole horizon fits
its cells week by week has no late state (:func:`whole_horizon`)."""
CLOCK = (3.0, 1.0)
"""The wall-clock limit of its solve, past its time (factor, seconds): a safety net on a
loaded machine, never reached on a quiet one."""


@dataclass(frozen=True, slots=True)
class CostBounds:
    """Each bound known before the search, and the best of them.

    ``relaxation`` is None when it was too large for the time it was given, or
    not solved in time; ``bucket`` is the weeks per bucket it used (0: it did not
    run) and ``seconds`` the time all four took.
    """

    static: int
    team: int
    chain: int
    relaxation: int | None
    bucket: int
    seconds: float

    @property
    def best(self) -> int:
        return max(self.static, self.team, self.chain, self.relaxation or 0)


def static_cost_bound(model: SeparationModel) -> int:
    """No plan costs less: each service's hosting, tie-break and bridges, on its own."""
    return sum(floor(0) for floor in service_floors(model))


def relaxation_bucket(model: SeparationModel, seconds: float | None = None) -> int | None:
    """Weeks per bucket for the relaxation: the finest that keeps it within its cells.

    With ``seconds``, the cells it may have are :data:`CELLS_PER_SECOND` a second, and None
    means even the coarsest buckets leave too many: no relaxation. Without, the coarsest
    bucket is taken however many cells it leaves.
    """
    cells = _cells(model, relaxation_until(model))
    allowed = _allowed(seconds)
    fallback = BUCKETS[-1] if seconds is None else None
    return next((b for b in BUCKETS if cells <= allowed * b), fallback)


def whole_horizon(model: SeparationModel, seconds: float | None = None) -> bool:
    """Whether the relaxation follows every week of the horizon, with no late state: when
    that fits in its cells week by week (on small models; :data:`UNTIL` costs the bound up to
    7 % there, 3.51 M against 3.78 M at 80 generated services, seed 1)."""
    return _cells(model, None) <= _allowed(seconds)


def _cells(model: SeparationModel, until: int | None) -> int:
    """End-week cells of the relaxation week by week, up to ``until`` (None: all)."""
    cells = 0
    for end in model.core.ends:
        domain = list(end.proto.domain)
        last = int(domain[-1]) if until is None else min(int(domain[-1]), until)
        cells += max(0, last - int(domain[0]))
    return cells


def _allowed(seconds: float | None) -> float:
    return RELAXATION_CELLS if seconds is None else max(MIN_CELLS, CELLS_PER_SECOND * seconds)


def relaxation_until(model: SeparationModel) -> int:
    """The week from which the relaxation takes every end as one late state."""
    return max(1, math.ceil(model.separation.horizon * UNTIL))


def cost_bounds(
    model: SeparationModel, *, seconds: float | None = None, patience: float = 1.0
) -> CostBounds:
    """Every bound known before the search; the relaxation is given ``seconds`` (see
    :func:`relaxation_bucket`), and ``patience`` times its wall-clock safety net
    (:data:`CLOCK`), as a repeatable search allows a slow machine."""
    floors = service_floors(model)
    began = time.perf_counter()
    bucket = relaxation_bucket(model, seconds)
    relaxation = None
    if bucket is not None:
        clock = None if seconds is None else (CLOCK[0] * seconds + CLOCK[1]) * patience
        whole = bucket == 1 and whole_horizon(model, seconds)
        until = None if whole else -(-relaxation_until(model) // bucket)
        relaxation = relaxation_bound(model, bucket=bucket, time_limit=clock, until=until)
    return CostBounds(
        static=sum(floor(0) for floor in floors),
        team=team_cost_bound(model, floors),
        chain=chain_cost_bound(model, floors),
        relaxation=relaxation,
        bucket=bucket or 0,
        seconds=time.perf_counter() - began,
    )


def cost_lower_bound(
    model: SeparationModel, *, seconds: float | None = None, patience: float = 1.0
) -> int:
    """The best lower bound known before the search (:meth:`CostBounds.best`)."""
    return cost_bounds(model, seconds=seconds, patience=patience).best
