"""Small networks and models for the risk tests."""

from __future__ import annotations

import itertools
from datetime import date

import numpy as np

from carveout.risk.distributions import Shape
from carveout.risk.engine import Samples, simulate
from carveout.risk.model import HostingTables, RiskModel
from carveout.risk.network import Network, build_network

START = date(2020, 1, 1)


def triangular(names: list[str], low: float, mode: float, high: float, **kw: object) -> Network:
    return build_network(
        names=names,
        estimates=[(low, mode, high)] * len(names),
        shape=Shape.TRIANGULAR,
        **kw,  # type: ignore[arg-type]
    )


def series(n: int, low: float, mode: float, high: float) -> Network:
    names = [f"A{i}" for i in range(n)]
    return triangular(names, low, mode, high, edges=list(itertools.pairwise(names)))


def run(model: RiskModel, runs: int, seed: int = 1) -> Samples:
    return simulate(model, runs=runs, seed=seed, batch_size=max(1, runs // 4))


def programme(network: Network, runs: int, *, resource_aware: bool = False) -> np.ndarray:
    model = RiskModel(scenario="t", start=START, network=network, resource_aware=resource_aware)
    return np.asarray(run(model, runs).programme, dtype=np.float64)


MONTHLY = 1000.0
"""Each service's hosting charge a month until it cuts over."""


def hosting(services: int, months: int = 60) -> HostingTables:
    """Hosting of ``MONTHLY`` a month per service, up to and including its cut-over month."""
    cumulative = np.tile(MONTHLY * np.arange(1, months + 1, dtype=np.float64), (services, 1))
    zero = np.zeros_like(cumulative)
    rate = np.full(services, MONTHLY)
    return HostingTables(
        first_month=START,
        origin_shift=0,
        hosting=cumulative,
        step_up=zero,
        running=zero,
        last_hosting=rate,
        last_step_up=np.zeros(services),
        last_running=np.zeros(services),
        monthly=rate,
        has_tranche=np.ones(services, dtype=np.bool_),
        tranche_start=np.zeros(services, dtype=np.int64),
    )
