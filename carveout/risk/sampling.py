"""Drawing one batch of samples: durations, correlation, Latin hypercube, risk events.

Everything a batch draws derives from its :class:`numpy.random.SeedSequence`:
the counter-based stream (one column per activity, then one per risk event) and,
for the Latin hypercube and Iman–Conover permutations, a generator seeded from
the batch's own child sequence. A batch is therefore reproducible on its own,
whichever engine or thread runs it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numba
import numpy as np
from numpy.typing import NDArray

from carveout.risk.correlation import iman_conover
from carveout.risk.distributions import latin_hypercube, lookup
from carveout.risk.events import RiskEvent, apply_events, event_costs, impact_matrix, occurrences
from carveout.risk.network import Network
from carveout.risk.precedence import _draw
from carveout.risk.streams import batch_key, uniforms


@dataclass(frozen=True, eq=False)
class SamplingOptions:
    """How durations are drawn: stratified or not, correlated or not, which risks."""

    latin_hypercube: bool = False
    correlation: NDArray[np.float64] | None = None
    events: tuple[RiskEvent, ...] = ()


@dataclass(frozen=True, eq=False)
class Draw:
    """One batch's inputs: durations (samples × activities) and the risks that happened."""

    durations: NDArray[np.float64]
    happened: NDArray[np.bool_]
    risk_cost: NDArray[np.float64]


@numba.njit(parallel=True, cache=True)
def _durations_kernel(key, stride, low, span, tables, tindex, out):  # type: ignore[no-untyped-def]
    n, m = out.shape
    for s in numba.prange(n):
        base = np.uint64(s) * np.uint64(stride)
        for j in range(m):
            out[s, j] = _draw(key, base, j, low, span, tables, tindex)


def sample_durations(network: Network, *, key: int, n: int, stride: int) -> NDArray[np.float64]:
    """Independent durations for ``n`` samples, drawn in a compiled kernel."""
    out = np.empty((n, network.size))
    _durations_kernel(
        np.uint64(key),
        stride,
        network.low,
        network.span,
        network.tables,
        network.table_index,
        out,
    )
    return out


def durations_from_uniforms(network: Network, u: NDArray[np.float64]) -> NDArray[np.float64]:
    """Durations by inverse transform of uniforms ``u`` (samples × activities), in NumPy."""
    q = lookup(u, network.tables, network.table_index)
    return np.asarray(network.low + network.span * q)


def draw(
    network: Network, *, seed: np.random.SeedSequence, n: int, options: SamplingOptions
) -> Draw:
    """The inputs of one batch of ``n`` samples."""
    m, events = network.size, options.events
    stride = m + len(events)
    key = batch_key(seed)
    if options.latin_hypercube or options.correlation is not None:
        aux = np.random.default_rng(
            np.random.SeedSequence(seed.entropy, spawn_key=(*seed.spawn_key, 0))
        )
        u = uniforms(key, 0, n, m, stride)
        if options.latin_hypercube:
            u = latin_hypercube(u, aux)
        if options.correlation is not None:
            u = iman_conover(u, options.correlation, aux)
        durations = durations_from_uniforms(network, u)
    else:
        durations = sample_durations(network, key=key, n=n, stride=stride)
    if not events:
        return Draw(durations, np.zeros((n, 0), dtype=np.bool_), np.zeros(n))
    ue = uniforms(key, 0, n, stride, stride)[:, m:]
    happened = occurrences(ue, events)
    durations = apply_events(durations, happened, impact_matrix(events, m))
    return Draw(durations, happened, event_costs(happened, events))
