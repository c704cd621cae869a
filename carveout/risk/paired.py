"""Simulating a model and its variants on common random numbers.

Every variant (:mod:`carveout.risk.variants`) draws the same uniforms as the
model, batch by batch (batch ``k`` from child ``k`` of ``SeedSequence(seed)``,
as :func:`carveout.risk.engine.simulate` does), so the difference between their
P80s is the variant's effect and not sampling noise. Samples are independent of
one another, so a variant only re-schedules the samples whose inputs it
changed — the durations, the risks that happened or their cost — and keeps the
model's own result for every other: a risk that happens in three runs in ten
costs three tenths of a simulation to switch off.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from carveout.risk.branches import extension_costs
from carveout.risk.cell_costs import CellPrices
from carveout.risk.engine import cut_over_together, simulate_drawn
from carveout.risk.model import RiskModel
from carveout.risk.sampling import Draw, draw

P80 = 0.8
CHUNK_RUNS = 10_000
"""Runs simulated in one call: batches are drawn one by one from their own seeds and joined."""


@dataclass(frozen=True, eq=False)
class Outcome:
    """Each run's programme finish (days from the model's start) and cost to go (or None)."""

    finish: NDArray[np.float64]
    cost: NDArray[np.float64] | None

    @property
    def p80_finish(self) -> float:
        return float(np.quantile(self.finish, P80))

    @property
    def p80_cost(self) -> float | None:
        return None if self.cost is None else float(np.quantile(self.cost, P80))


@dataclass(frozen=True, eq=False)
class Simulated:
    """What the passes make of one set of inputs: each service's cut-over (services cut over
    together sharing the latest date), the cost of the risks that counted as happening (a
    window risk: when it struck) and the extension charges they exercised."""

    finish: NDArray[np.float64]
    risk_cost: NDArray[np.float64]
    extension: NDArray[np.float64]


def simulate_inputs(
    model: RiskModel,
    durations: NDArray[np.float64],
    happened: NDArray[np.bool_],
    risk_cost: NDArray[np.float64],
) -> Simulated:
    """The runs of drawn inputs, as :func:`carveout.risk.engine.run_batch` simulates them."""
    finish, _, settled, cost = simulate_drawn(model, durations, happened, risk_cost)
    finish = cut_over_together(model, finish)
    extension = extension_costs(model, finish.astype(np.float32), settled)
    return Simulated(finish, cost, extension)


@dataclass(frozen=True, eq=False)
class _Batch:
    inputs: Draw
    finish: NDArray[np.float32]
    programme: NDArray[np.float64]
    cells: NDArray[np.float64] | None
    cost: NDArray[np.float64] | None


Part = tuple[np.random.SeedSequence, int]
"""One batch of a chunk: its seed and its runs."""


def _draw(model: RiskModel, parts: Sequence[Part]) -> Draw:
    """The inputs of a chunk of batches, each drawn from its own seed, one after another."""
    draws = [draw(model.network, seed=s, n=n, options=model.sampling) for s, n in parts]
    if len(draws) == 1:
        return draws[0]
    return Draw(
        np.concatenate([d.durations for d in draws]),
        np.concatenate([d.happened for d in draws]),
        np.concatenate([d.risk_cost for d in draws]),
    )


def _base(model: RiskModel, prices: CellPrices | None, parts: Sequence[Part]) -> _Batch:
    inputs = _draw(model, parts)
    done = simulate_inputs(model, inputs.durations, inputs.happened, inputs.risk_cost)
    # Priced from single-precision dates, as the engine keeps them, so the costs agree.
    kept = done.finish.astype(np.float32)
    cells = None if prices is None else prices.cells(kept)
    cost = (
        None
        if prices is None or cells is None
        else prices.run_costs(cells, done.risk_cost + done.extension)
    )
    return _Batch(inputs, kept, done.finish.max(axis=1), cells, cost)


def _variant(
    variant: RiskModel, base: _Batch, prices: CellPrices | None, parts: Sequence[Part]
) -> tuple[NDArray[np.float64], NDArray[np.float64] | None]:
    inputs = _draw(variant, parts)
    changed = np.flatnonzero(
        np.any(inputs.durations != base.inputs.durations, axis=1)
        | np.any(inputs.happened != base.inputs.happened, axis=1)
        | (inputs.risk_cost != base.inputs.risk_cost)
    )
    programme = base.programme.copy()
    cost = None if base.cost is None else base.cost.copy()
    if changed.size:
        done = simulate_inputs(
            variant,
            inputs.durations[changed],
            inputs.happened[changed],
            inputs.risk_cost[changed],
        )
        programme[changed] = done.finish.max(axis=1)
        if cost is not None and prices is not None and base.cells is not None:
            cells = prices.repriced(
                base.cells[changed], base.finish[changed], done.finish.astype(np.float32)
            )
            cost[changed] = prices.run_costs(cells, done.risk_cost + done.extension)
    return programme, cost


def _check_aligned(model: RiskModel, variant: RiskModel) -> None:
    """A variant must read the same columns of the stream as the model."""
    same_events = tuple(e.code for e in variant.sampling.events) == tuple(
        e.code for e in model.sampling.events
    )
    if variant.network.size != model.network.size or not same_events:
        raise ValueError(
            "a variant must keep the model's activities and risk events in place "
            "(switch a risk off with probability 0 rather than removing it)"
        )


def batch_sizes(runs: int, batch_size: int) -> list[int]:
    """Runs split into batches as the engine splits them."""
    full, rest = divmod(runs, batch_size)
    return [batch_size] * full + ([rest] if rest else [])


def _chunks(parts: list[Part]) -> list[list[Part]]:
    """Batches grouped, in order, into chunks of about :data:`CHUNK_RUNS` runs: each chunk is
    simulated in one call, however small the batches."""
    chunks: list[list[Part]] = []
    runs = CHUNK_RUNS
    for part in parts:
        if runs + part[1] > CHUNK_RUNS:
            chunks.append([])
            runs = 0
        chunks[-1].append(part)
        runs += part[1]
    return chunks


def paired_runs(
    model: RiskModel,
    variants: Sequence[RiskModel],
    *,
    runs: int,
    seed: int = 0,
    batch_size: int = 10_000,
) -> tuple[Outcome, list[Outcome]]:
    """``runs`` runs of ``model`` and of each variant, every one on the model's uniforms."""
    if runs < 1:
        raise ValueError("runs must be at least 1")
    for v in variants:
        _check_aligned(model, v)
    sizes = batch_sizes(runs, batch_size)
    prices = None if model.hosting is None else CellPrices(model)
    seeds = np.random.SeedSequence(seed).spawn(len(sizes))
    base_finish: list[NDArray[np.float64]] = []
    base_cost: list[NDArray[np.float64]] = []
    finishes: list[list[NDArray[np.float64]]] = [[] for _ in variants]
    costs: list[list[NDArray[np.float64]]] = [[] for _ in variants]
    for parts in _chunks(list(zip(seeds, sizes, strict=True))):
        base = _base(model, prices, parts)
        base_finish.append(base.programme)
        if base.cost is not None:
            base_cost.append(base.cost)
        for i, v in enumerate(variants):
            programme, cost = _variant(v, base, prices, parts)
            finishes[i].append(programme)
            if cost is not None:
                costs[i].append(cost)
    priced = bool(base_cost)
    return (
        Outcome(np.concatenate(base_finish), np.concatenate(base_cost) if priced else None),
        [
            Outcome(np.concatenate(f), np.concatenate(c) if priced else None)
            for f, c in zip(finishes, costs, strict=True)
        ],
    )
