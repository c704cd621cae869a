"""Drivers and mitigations of a plan, measured together on common random numbers.

One pass simulates the model as it stands, the model without each driver
(:mod:`carveout.risk.drivers`) and the model with each mitigation, then with
all of them (:mod:`carveout.risk.mitigations`), every one on the same uniforms
(:mod:`carveout.risk.paired`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date, timedelta

import numpy as np
from pydantic import BaseModel, ConfigDict

from carveout.domain import Portfolio, RaidKind, RaidStatus
from carveout.planning.plan import Plan
from carveout.risk.drivers import DriverImpact, driver_variants, measure_drivers
from carveout.risk.events import RiskEvent
from carveout.risk.joint import finish_days
from carveout.risk.mitigations import (
    ALL,
    Mitigation,
    MitigationEffect,
    effect,
    mitigated_event,
    mitigation_variants,
    unchanged,
)
from carveout.risk.model import RiskModel
from carveout.risk.paired import paired_runs

IMPACT_RUNS = 5_000
"""Runs for the drivers and mitigations unless asked otherwise: on common random numbers
the differences settle far sooner than the P80s themselves."""

METHOD = (
    "Each figure compares two simulations of the same runs on the same random numbers: the "
    "plan with every risk and estimate as it stands, and the plan without one driver (a risk "
    "that never happens; a migration's duration fixed at its most likely value) or with one "
    "risk mitigated. The difference is that driver's or mitigation's own effect, not sampling "
    "noise. Contributions overlap, so they do not add up to the total. Mitigation costs are "
    "not included in the P80 cost."
)


class _Out(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class RiskImpacts(_Out):
    """What drives the P80 finish and P80 cost, and what each mitigation would buy.

    ``finish_p80`` and ``cost_p80`` are the P80s of these runs with every risk
    as it stands (close to, not always the same as, the forecast's own, which
    may rest on more runs). ``drivers`` are ranked, most days first;
    ``mitigations`` likewise, most days brought forward first.
    """

    runs: int
    seed: int
    as_of: date
    finish_p80: date
    cost_p80: float | None
    drivers: tuple[DriverImpact, ...]
    mitigations: tuple[MitigationEffect, ...] = ()
    all_mitigations: MitigationEffect | None = None
    method: str = METHOD


def _day_of(start: date) -> Callable[[float], date]:
    """Dates a finish offset as the forecast does: a cut-over during day d is day d."""

    def day(offset: float) -> date:
        return start + timedelta(days=int(finish_days(np.array([offset]))[0]))

    return day


def risk_impacts(
    model: RiskModel,
    *,
    mitigations: Sequence[Mitigation] = (),
    titles: Mapping[str, str] | None = None,
    runs: int = IMPACT_RUNS,
    seed: int = 0,
    batch_size: int = 10_000,
) -> RiskImpacts:
    """Every driver's contribution to the P80s and every mitigation's effect on them.

    ``titles`` names risks and services for people (code -> title).
    """
    names = dict(titles or {})
    drivers = driver_variants(model)
    usable, mitigated = mitigation_variants(model, mitigations)
    base, outcomes = paired_runs(
        model,
        [d.model for d in drivers] + mitigated,
        runs=runs,
        seed=seed,
        batch_size=batch_size,
    )
    day_of = _day_of(model.start)
    after = dict(zip((m.code for m in usable), outcomes[len(drivers) :], strict=False))
    effects = [
        effect(
            code=m.code,
            title=names.get(m.code, ""),
            action=m.action,
            cost=m.cost,
            base=base,
            after=after[m.code],
            day_of=day_of,
        )
        if m.code in after
        else unchanged(mitigation=m, title=names.get(m.code, ""), base=base, day_of=day_of)
        for m in mitigations
    ]
    every = (
        effect(
            code=ALL,
            title="Every mitigation taken",
            action=", ".join(m.code for m in usable),
            cost=sum(m.cost for m in mitigations),
            base=base,
            after=outcomes[-1],
            day_of=day_of,
        )
        if usable
        else None
    )
    return RiskImpacts(
        runs=runs,
        seed=seed,
        as_of=model.as_of or model.start,
        finish_p80=day_of(base.p80_finish),
        cost_p80=base.p80_cost,
        drivers=tuple(
            measure_drivers(
                base=base, variants=drivers, outcomes=outcomes[: len(drivers)], titles=names
            )
        ),
        mitigations=tuple(
            sorted(
                effects, key=lambda e: (-round(e.days_earlier, 6), -(e.cost_saving or 0), e.code)
            )
        ),
        all_mitigations=every,
    )


def plan_mitigations(
    *, portfolio: Portfolio, plan: Plan, model: RiskModel
) -> tuple[Mitigation, ...]:
    """The mitigations of the open risks, each with its risk's event once mitigated.

    The mitigated events are built by the same conversion as the model's own
    (the model of the portfolio with those risks mitigated), so a mitigated
    delay turns into time exactly as the risk's own delay does.
    """
    from carveout.risk.from_plan import model_from_plan

    chosen = [
        r
        for r in portfolio.raid
        if r.kind is RaidKind.RISK and r.status is RaidStatus.OPEN and r.has_mitigation
    ]
    if not chosen:
        return ()
    codes = {r.code for r in chosen}
    mitigated = portfolio.model_copy(
        update={"raid": tuple(r.mitigated() if r.code in codes else r for r in portfolio.raid)}
    )
    after = {e.code: e for e in model_from_plan(portfolio=mitigated, plan=plan).sampling.events}
    before = {e.code: e for e in model.sampling.events}
    return tuple(
        Mitigation(
            code=r.code,
            action=r.mitigation,
            cost=r.mitigation_cost,
            event=mitigated_event(before[r.code], after.get(r.code)),
        )
        for r in chosen
        if r.code in before
    ) + tuple(
        # A risk the simulation leaves out (it cannot happen) keeps a line that buys nothing.
        Mitigation(code=r.code, action=r.mitigation, cost=r.mitigation_cost, event=_never(r.code))
        for r in chosen
        if r.code not in before
    )


def _never(code: str) -> RiskEvent:
    return RiskEvent(code, 0.0, (), ())


def titles_of(portfolio: Portfolio) -> dict[str, str]:
    """Each risk's title and each service's name, by code."""
    found = {s.code: s.name for s in portfolio.services}
    found.update({r.code: r.title for r in portfolio.raid})
    return found
