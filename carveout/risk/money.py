"""Transitional hosting over the samples, and the tranches to contract at a confidence."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Any

import numpy as np
from numpy.typing import NDArray
from pydantic import BaseModel, ConfigDict

from carveout.risk.engine import Samples
from carveout.risk.hosting import cutover_months, group_contracts, recommend_ends, sample_costs
from carveout.risk.model import RiskModel


class _Out(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class CostDistribution(_Out):
    """Transitional hosting to go over the samples (step-ups included), and a histogram.

    The same definition as the plan's ``hosting_cost``; ``running_*`` is the
    running cost of services shared outside any tranche, like the plan's;
    ``extension_mean`` the mean of the extension charges risks exercised beyond
    the hosting terms (included in the hosting figures).
    """

    mean: float
    p50: float
    p80: float
    p90: float
    step_up_mean: float
    risk_cost_mean: float
    running_mean: float = 0.0
    running_p80: float = 0.0
    extension_mean: float = 0.0
    bins: tuple[float, ...]
    counts: tuple[int, ...]


class RecommendedTranche(_Out):
    """Services to contract with ``host`` from ``start`` until ``until``."""

    host: str
    start: date
    until: date
    services: tuple[str, ...]
    monthly_charge: float
    cost: float


def _histogram(values: NDArray[np.floating], bins: int = 30) -> tuple[NDArray[Any], NDArray[Any]]:
    """Counts and edges of ``bins`` equal bins over ``values``; samples too alike for a float
    to tell 30 edges apart (costs of trillions, pennies apart) span a millionth of their size."""
    try:
        return np.histogram(values, bins=bins)
    except ValueError:
        low, high = float(values.min()), float(values.max())
        width = max(high - low, abs(high) * 1e-6)
        return np.histogram(values, bins=bins, range=(low, low + width))


def money_forecast(
    model: RiskModel, samples: Samples, confidence: float
) -> tuple[CostDistribution, list[RecommendedTranche]]:
    """Hosting to go over the samples, and the tranches to contract at ``confidence``."""
    start, net, tables = model.start, model.network, model.hosting
    if tables is None:
        raise ValueError("the risk model has no hosting terms to price the samples with")
    costs = sample_costs(samples.finish, start, tables)
    extension = samples.extension if samples.extension is not None else np.zeros(samples.runs)
    total = costs.hosting + extension
    counts, bins = _histogram(total)
    cost = CostDistribution(
        mean=float(total.mean()),
        p50=float(np.quantile(total, 0.5)),
        p80=float(np.quantile(total, 0.8)),
        p90=float(np.quantile(total, 0.9)),
        step_up_mean=float(costs.step_up.mean()),
        risk_cost_mean=float(samples.risk_cost.mean()),
        running_mean=float(costs.running.mean()),
        running_p80=float(np.quantile(costs.running, 0.8)),
        extension_mean=float(extension.mean()),
        bins=tuple(float(b) for b in bins),
        counts=tuple(int(c) for c in counts),
    )
    hosted = np.flatnonzero(tables.has_tranche)
    if hosted.size == 0:
        hosted = np.arange(net.size)
    sub = samples.finish[: min(samples.runs, 20_000)][:, hosted]
    months = np.maximum(0, cutover_months(sub, start, tables))
    ends = recommend_ends(months, tables.monthly[hosted], confidence)
    contracts = group_contracts(
        tables=tables,
        names=tuple(net.names[j] for j in hosted),
        hosts=tuple(model.hosts[j] if model.hosts else "host" for j in hosted),
        members=hosted,
        ends=ends,
    )
    return cost, [RecommendedTranche(**asdict(c)) for c in contracts]
