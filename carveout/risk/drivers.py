"""Drivers in days and pounds: what each risk and each uncertain estimate adds to the P80s.

A driver's contribution is the P80 finish (and P80 cost) of the model as it
stands minus the same P80 of the model without that driver, both simulated on
common random numbers (:mod:`carveout.risk.paired`), so the difference is the
driver's own effect and not sampling noise:

- *without a risk* means the risk never happens (its probability is 0);
- *without an uncertain migration* means its duration is fixed at its most
  likely value (the other migrations keep their spread).

Contributions do not add up to the total: drivers overlap (two risks on the
same chain hide each other) and a P80 is not a sum.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict

from carveout.risk.model import RiskModel
from carveout.risk.paired import Outcome
from carveout.risk.variants import at_most_likely, uncertain_activities, without_risks

RISK = "risk"
ESTIMATE = "estimate"


class _Out(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class DriverImpact(_Out):
    """How much later and dearer the P80 is because of one risk or one uncertain estimate.

    ``name`` is the risk's code or the migrating service's code and ``kind``
    ``"risk"`` or ``"estimate"``; ``days`` is the P80 finish with the driver
    minus without it, ``cost`` the same for the P80 cost to go (None when the
    runs are not priced). Negative values mean the driver brings the P80 forward
    or makes it cheaper (possible when teams are shared: a late job can free
    people for another in a better order).
    """

    name: str
    kind: str
    title: str
    days: float
    cost: float | None


@dataclass(frozen=True, slots=True)
class DriverVariant:
    """One driver and the model without it."""

    name: str
    kind: str
    model: RiskModel


def driver_variants(model: RiskModel) -> list[DriverVariant]:
    """The model without each risk that can happen, then without each uncertain estimate."""
    risks = [
        DriverVariant(e.code, RISK, without_risks(model, (e.code,)))
        for e in model.sampling.events
        if e.probability > 0
    ]
    estimates = [
        DriverVariant(model.network.names[j], ESTIMATE, at_most_likely(model, j))
        for j in uncertain_activities(model)
    ]
    return risks + estimates


def _difference(with_it: float | None, without: float | None) -> float | None:
    return None if with_it is None or without is None else with_it - without


def measure_drivers(
    *,
    base: Outcome,
    variants: Sequence[DriverVariant],
    outcomes: Sequence[Outcome],
    titles: Mapping[str, str] | None = None,
) -> list[DriverImpact]:
    """Each driver's contribution, ranked (see :func:`rank_drivers`)."""
    names = titles or {}
    found = [
        DriverImpact(
            name=v.name,
            kind=v.kind,
            title=names.get(v.name, ""),
            days=base.p80_finish - out.p80_finish,
            cost=_difference(base.p80_cost, out.p80_cost),
        )
        for v, out in zip(variants, outcomes, strict=True)
    ]
    return rank_drivers(found)


def rank_drivers(drivers: Sequence[DriverImpact]) -> list[DriverImpact]:
    """Most days first; equal days by most pounds, then by name."""
    return sorted(drivers, key=lambda d: (-round(d.days, 6), -(d.cost or 0.0), d.name))


def top_drivers(drivers: Sequence[DriverImpact], count: int) -> list[DriverImpact]:
    """The first ``count`` drivers that move either P80 by at least a day or a pound."""
    return [d for d in drivers if abs(d.days) >= 1 or abs(d.cost or 0.0) >= 1][:count]
