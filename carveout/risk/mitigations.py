"""Mitigations: each risk before and after its mitigation, and what the mitigation buys.

A mitigation replaces one risk's event by the event the risk becomes once the
mitigation is in place (its probability, delay and cost impact once
mitigated). The model with every risk as it stands and the model with that one
risk mitigated are simulated on common random numbers
(:mod:`carveout.risk.paired`); the differences of their P80 finish and P80 cost
are what the mitigation buys, set against what it costs. "All mitigations"
mitigates every risk that has one at once.

The P80 costs do not include what the mitigations cost: that is shown beside
them, so a board can weigh the one against the other.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from pydantic import BaseModel, ConfigDict

from carveout.formatting import pounds
from carveout.risk.events import RiskEvent
from carveout.risk.model import RiskModel
from carveout.risk.paired import Outcome
from carveout.risk.variants import event_codes, with_events

ALL = "all"
"""The code of the line with every mitigation taken."""
PER_SPEND = 100_000.0
"""Days bought are also given per this much spent."""


class _Out(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


@dataclass(frozen=True, slots=True)
class Mitigation:
    """A risk's mitigation: what is done, what it costs, and the risk's event once done."""

    code: str
    action: str
    cost: float
    event: RiskEvent


class MitigationEffect(_Out):
    """One mitigation (or all of them, ``code == "all"``) and what it buys.

    ``finish_p80_after`` / ``cost_p80_after`` are the P80 finish and cost to go
    with the mitigation in place and every other risk as it stands;
    ``days_earlier`` and ``cost_saving`` how much earlier and cheaper they are
    than with no mitigation (negative: later or dearer); ``cost`` is what the
    mitigation costs, not included in the P80 cost.
    """

    code: str
    title: str
    action: str
    cost: float
    finish_p80_after: date
    cost_p80_after: float | None
    days_earlier: float
    cost_saving: float | None

    @property
    def net_saving(self) -> float | None:
        """P80 cost saved less what the mitigation costs."""
        return None if self.cost_saving is None else self.cost_saving - self.cost

    @property
    def days_per_spend(self) -> float | None:
        """Days brought forward per £100,000 spent (None for a mitigation that costs nothing)."""
        return None if self.cost <= 0 else self.days_earlier * PER_SPEND / self.cost

    @property
    def saving_per_pound(self) -> float | None:
        """Pounds of P80 cost saved per pound spent."""
        if self.cost <= 0 or self.cost_saving is None:
            return None
        return self.cost_saving / self.cost


def mitigation_variants(
    model: RiskModel, mitigations: Sequence[Mitigation]
) -> tuple[list[Mitigation], list[RiskModel]]:
    """The mitigations of risks in the model, and a variant for each then one for all.

    A mitigation of a risk the model does not simulate (it cannot happen, or
    touches nothing left to do) buys nothing and is left out here.
    """
    known = set(event_codes(model))
    usable = [m for m in mitigations if m.code in known]
    variants = [with_events(model, {m.code: m.event}) for m in usable]
    if usable:
        variants.append(with_events(model, {m.code: m.event for m in usable}))
    return usable, variants


def effect(
    *,
    code: str,
    title: str,
    action: str,
    cost: float,
    base: Outcome,
    after: Outcome,
    day_of: Callable[[float], date],
) -> MitigationEffect:
    """What the change from ``base`` to ``after`` buys; ``day_of`` dates a finish offset."""
    base_cost, after_cost = base.p80_cost, after.p80_cost
    return MitigationEffect(
        code=code,
        title=title,
        action=action,
        cost=cost,
        finish_p80_after=day_of(after.p80_finish),
        cost_p80_after=after_cost,
        days_earlier=base.p80_finish - after.p80_finish,
        cost_saving=None if base_cost is None or after_cost is None else base_cost - after_cost,
    )


def unchanged(
    *, mitigation: Mitigation, title: str, base: Outcome, day_of: Callable[[float], date]
) -> MitigationEffect:
    """The effect of a mitigation of a risk the simulation does not include: none."""
    return effect(
        code=mitigation.code,
        title=title,
        action=mitigation.action,
        cost=mitigation.cost,
        base=base,
        after=base,
        day_of=day_of,
    )


def sentence(m: MitigationEffect) -> str:
    """What a mitigation buys, in a board's words."""
    who = "Taking every mitigation" if m.code == ALL else f"Mitigating {m.code}"
    days = round(m.days_earlier)
    if days > 0:
        finish = f"brings the P80 finish forward {days:,} day{'s' if days != 1 else ''}"
    elif days < 0:
        finish = f"puts the P80 finish back {-days:,} day{'s' if days != -1 else ''}"
    else:
        finish = "leaves the P80 finish where it is"
    saving = m.cost_saving
    if saving is None:
        money = ""
    elif round(saving) > 0:
        money = f" and the P80 cost down {pounds(saving)}"
    elif round(saving) < 0:
        money = f" and the P80 cost up {pounds(-saving)}"
    else:
        money = " and the P80 cost unchanged"
    return f"{who} {finish}{money} for {pounds(m.cost)}."


def mitigated_event(event: RiskEvent, mitigated: RiskEvent | None) -> RiskEvent:
    """The event once mitigated: ``mitigated`` (same code), or — when the mitigation makes
    the risk impossible and it is no longer simulated — the event that never happens."""
    if mitigated is not None:
        return mitigated
    return dataclasses.replace(event, probability=0.0)
