"""The forecast: what the simulated samples say about dates, hosting and drivers."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
from numpy.typing import NDArray
from pydantic import BaseModel, ConfigDict

from carveout.risk.branches import in_play
from carveout.risk.convergence import ConvergenceInfo
from carveout.risk.correlation import rank_correlation
from carveout.risk.engine import Samples
from carveout.risk.impacts import RiskImpacts
from carveout.risk.joint import JointConfidence, joint_confidence
from carveout.risk.model import RiskModel
from carveout.risk.money import CostDistribution, RecommendedTranche, money_forecast

LEVELS = (0.5, 0.8, 0.9)


class _Out(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Dates(_Out):
    """P50 / P80 / P90 dates of one finish."""

    p50: date
    p80: date
    p90: date


class ServiceForecast(_Out):
    """One service: its cut-over dates, chance of meeting its dates, how often it is critical."""

    service: str
    planned: date | None
    dates: Dates
    p_by_deadline: float | None
    p_by_tranche_end: float | None
    criticality: float


class TrancheForecast(_Out):
    """The chance that every service due out by a tranche's end has left by then.

    ``services`` counts those it is the last tranche of: a service that a later
    tranche also lists is not late for this one.
    """

    code: str
    host: str
    end: date
    services: int
    p_leave_by_end: float


class Driver(_Out):
    """An estimate or a risk, how strongly it moves the finish, and the finish's swing."""

    name: str
    kind: str
    rank_correlation: float
    low: float
    high: float


class Forecast(_Out):
    """Everything a risk run concludes for one scenario."""

    scenario: str
    runs: int
    seed: int
    confidence: float
    method: str
    start: date
    as_of: date
    fingerprint: str = ""
    deadline: date | None
    finish: Dates
    p_meet_deadline: float | None
    s_curve: tuple[tuple[date, float], ...]
    services: tuple[ServiceForecast, ...]
    tranches: tuple[TrancheForecast, ...]
    hosting_cost: CostDistribution
    drivers: tuple[Driver, ...]
    recommended: tuple[RecommendedTranche, ...]
    recommended_cost: float
    convergence: ConvergenceInfo
    joint: JointConfidence | None = None
    impacts: RiskImpacts | None = None
    """Drivers in days and pounds and what each mitigation buys (None: not measured)."""
    in_play: tuple[str, ...] = ()
    """One line each: the blackouts, risk windows and branches the simulation honoured."""


__all__ = [
    "ConvergenceInfo",
    "CostDistribution",
    "Forecast",
    "JointConfidence",
    "RecommendedTranche",
    "build_forecast",
]


def _day(start: date, offset: float) -> date:
    # A cut-over during day d (offset in (d, d+1]) is dated day d: offsets count ends of days.
    # A forecast past the calendar's last day (long chains of the longest work) is dated on it.
    last = (date.max - start).days
    return start + timedelta(days=min(last, max(0, int(np.ceil(offset - 1e-9)) - 1)))


def _dates(start: date, values: NDArray[np.floating]) -> Dates:
    q = np.quantile(values, LEVELS)
    return Dates(p50=_day(start, q[0]), p80=_day(start, q[1]), p90=_day(start, q[2]))


def _drivers(model: RiskModel, samples: Samples, top: int) -> list[Driver]:
    n = samples.durations.shape[0]
    if n < 10:
        return []
    finish = samples.programme[:n].astype(np.float64)
    inputs = np.hstack([samples.durations.astype(np.float64), samples.happened.astype(np.float64)])
    varied = inputs.std(axis=0) > 0
    names = [*model.network.names, *(e.code for e in model.sampling.events)]
    kinds = ["estimate"] * model.network.size + ["risk"] * len(model.sampling.events)
    cols = np.flatnonzero(varied)
    if cols.size == 0:
        return []
    rho = rank_correlation(np.column_stack([inputs[:, cols], finish]))[-1, :-1]
    rho = np.nan_to_num(rho)
    drivers = []
    for c in np.argsort(-np.abs(rho))[:top]:
        j = int(cols[c])
        x = inputs[:, j]
        if kinds[j] == "risk":
            low, high = finish[x == 0].mean(), finish[x == 1].mean()
        else:
            lo, hi = np.quantile(x, [0.1, 0.9])
            low, high = finish[x <= lo].mean(), finish[x >= hi].mean()
        drivers.append(
            Driver(
                name=names[j],
                kind=kinds[j],
                rank_correlation=float(rho[c]),
                low=float(low),
                high=float(high),
            )
        )
    return drivers


def build_forecast(
    model: RiskModel,
    samples: Samples,
    *,
    confidence: float = 0.8,
    top_drivers: int = 10,
    fingerprint: str = "",
    by: date | None = None,
    budget: float | None = None,
) -> Forecast:
    """The forecast of ``samples`` simulated from ``model``.

    The joint confidence tests the date ``by`` (default: the deadline, else the
    P80 finish) and ``budget`` (default: the model's budget, else the P80 cost).
    """
    start, net = model.start, model.network
    finish = samples.finish
    programme = samples.programme.astype(np.float64)
    deadlines = model.deadlines if model.deadlines is not None else np.full(net.size, np.nan)
    tranche_end = np.full(net.size, np.inf)
    for t in model.tranches:
        for j in t.activities:
            tranche_end[j] = t.end
    q = np.quantile(finish, LEVELS, axis=0)
    services = [
        ServiceForecast(
            service=name,
            planned=_day(start, model.planned[j]) if model.planned is not None else None,
            dates=Dates(
                p50=_day(start, q[0, j]), p80=_day(start, q[1, j]), p90=_day(start, q[2, j])
            ),
            p_by_deadline=None
            if np.isnan(deadlines[j])
            else float(np.mean(finish[:, j] <= deadlines[j] + 1)),
            p_by_tranche_end=None
            if np.isinf(tranche_end[j])
            else float(np.mean(finish[:, j] <= tranche_end[j] + 1)),
            criticality=float(samples.critical[j] / samples.runs),
        )
        for j, name in enumerate(net.names)
    ]
    tranches = [
        TrancheForecast(
            code=t.code,
            host=t.host,
            end=start + timedelta(days=t.end),
            services=len(t.activities),
            p_leave_by_end=float(np.mean(finish[:, list(t.activities)].max(axis=1) <= t.end + 1)),
        )
        for t in model.tranches
    ]
    cost, recommended = money_forecast(model, samples, confidence)
    curve = np.quantile(programme, np.linspace(0.01, 0.99, 99))
    conv = samples.convergence
    return Forecast(
        scenario=model.scenario,
        runs=samples.runs,
        seed=samples.seed,
        confidence=confidence,
        method="resource-aware" if model.resource_aware and net.has_resources else "precedence",
        start=start,
        as_of=model.as_of or start,
        fingerprint=fingerprint,
        deadline=start + timedelta(days=model.deadline) if model.deadline is not None else None,
        finish=_dates(start, programme),
        p_meet_deadline=None
        if model.deadline is None
        else float(np.mean(programme <= model.deadline + 1)),
        s_curve=tuple(
            (_day(start, v), float(p))
            for v, p in zip(curve, np.linspace(0.01, 0.99, 99), strict=True)
        ),
        services=tuple(services),
        tranches=tuple(tranches),
        hosting_cost=cost,
        drivers=tuple(_drivers(model, samples, top_drivers)),
        recommended=tuple(recommended),
        recommended_cost=float(sum(c.cost for c in recommended)),
        convergence=conv,
        joint=_joint(model, samples, programme, by=by, budget=budget),
        in_play=in_play(model),
    )


def _joint(
    model: RiskModel,
    samples: Samples,
    programme: NDArray[np.float64],
    *,
    by: date | None,
    budget: float | None,
) -> JointConfidence | None:
    if samples.cost is None:
        return None
    start = model.start
    if by is not None:
        when, by_basis = by, "the date chosen"
    elif model.deadline is not None:
        when, by_basis = start + timedelta(days=model.deadline), "the deadline"
    else:
        when, by_basis = _day(start, float(np.quantile(programme, 0.8))), "the P80 finish"
    if budget is not None:
        amount, basis = budget, "the budget chosen"
    elif model.budget is not None:
        amount, basis = model.budget, model.budget_basis
    else:
        amount, basis = float(np.quantile(samples.cost, 0.8)), "the P80 cost"
    return joint_confidence(
        start=start,
        programme=programme,
        cost=samples.cost,
        by=max(when, start),
        by_basis=by_basis,
        budget=amount,
        basis=basis,
    )
