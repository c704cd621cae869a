"""Small networks and models for the risk tests."""

from __future__ import annotations

import itertools
from datetime import date

import numpy as np

from carveout.risk.distributions import Shape
from carveout.risk.engine import Samples, simulate
from carveout.risk.model import RiskModel
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
