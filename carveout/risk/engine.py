"""Running batches of samples locally or on a Dask cluster, with identical results.

Batch ``k`` always draws from child ``k`` of ``SeedSequence(seed)``, whichever engine
or worker runs it, and batches are combined and checked for convergence in batch
order, so a seed fixes the result. Locally a batch uses every core through the
parallel kernels; on Dask each batch runs single-threaded and batches run side by
side.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray

from carveout.risk.branches import extension_costs
from carveout.risk.calendars import calendar_for, settle
from carveout.risk.convergence import ConvergenceInfo, checkpoints, is_stable
from carveout.risk.criticality import critical_counts
from carveout.risk.joint import run_costs
from carveout.risk.model import RiskModel
from carveout.risk.precedence import forward_pass
from carveout.risk.resources import schedule
from carveout.risk.sampling import draw

SENSITIVITY_SAMPLES = 20_000
"""Samples whose inputs are kept for the sensitivity ranking."""


@dataclass(frozen=True, eq=False)
class BatchResult:
    """What one batch of samples produced."""

    index: int
    finish: NDArray[np.float32]
    durations: NDArray[np.float32]
    happened: NDArray[np.bool_]
    risk_cost: NDArray[np.float64]
    critical: NDArray[np.int64]
    cost: NDArray[np.float64] | None = None
    extension: NDArray[np.float64] | None = None


def simulate_drawn(
    model: RiskModel,
    durations: NDArray[np.float64],
    happened: NDArray[np.bool_],
    risk_cost: NDArray[np.float64],
    *,
    parallel: bool = True,
) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.bool_], NDArray[np.float64]]:
    """Each activity's finish in each run of drawn inputs (blackouts moving cut-overs, window
    risks striking), and the durations, occurrences and risk costs as they settled."""
    net, events = model.network, model.sampling.events
    calendar = calendar_for(model.blackouts, events, happened, net.size)
    if model.resource_aware and net.has_resources:
        finish = schedule(durations, net, parallel=parallel, calendar=calendar)
    else:
        finish = forward_pass(durations, net, parallel=parallel, calendar=calendar)
    settled, occurred, cost = settle(calendar, events, durations, happened, risk_cost)
    return finish, settled, occurred, cost


def cut_over_together(model: RiskModel, finish: NDArray[np.float64]) -> NDArray[np.float64]:
    """``finish`` with each group of services that cut over together at its latest finish."""
    for group in model.groups:
        finish[:, list(group)] = finish[:, list(group)].max(axis=1, keepdims=True)
    return finish


def run_batch(
    model: RiskModel, index: int, seed: np.random.SeedSequence, n: int, *, parallel: bool = True
) -> BatchResult:
    """Draw and simulate one batch of ``n`` samples."""
    net = model.network
    inputs = draw(net, seed=seed, n=n, options=model.sampling)
    finish, durations, happened, risk_cost = simulate_drawn(
        model, inputs.durations, inputs.happened, inputs.risk_cost, parallel=parallel
    )
    critical = critical_counts(
        durations, finish, net, resources=model.resource_aware and net.has_resources
    )
    kept = cut_over_together(model, finish).astype(np.float32)
    extension = extension_costs(model, kept, happened)
    return BatchResult(
        index=index,
        finish=kept,
        durations=durations.astype(np.float32),
        happened=happened,
        risk_cost=risk_cost,
        critical=critical,
        cost=run_costs(model, kept, risk_cost, extension),
        extension=extension,
    )


@dataclass(frozen=True, eq=False)
class Samples:
    """Every batch kept, joined in batch order."""

    finish: NDArray[np.float32]
    durations: NDArray[np.float32]
    happened: NDArray[np.bool_]
    risk_cost: NDArray[np.float64]
    critical: NDArray[np.int64]
    convergence: ConvergenceInfo
    seed: int
    cost: NDArray[np.float64] | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    extension: NDArray[np.float64] | None = None
    """Per run: the extension charges exercised by risks, beyond its hosting terms."""

    @property
    def runs(self) -> int:
        return int(self.finish.shape[0])

    @property
    def programme(self) -> NDArray[np.float32]:
        return np.asarray(self.finish.max(axis=1))


def _batches(runs: int, batch_size: int) -> list[int]:
    full, rest = divmod(runs, batch_size)
    return [batch_size] * full + ([rest] if rest else [])


def _local(
    model: RiskModel, sizes: list[int], seeds: list[np.random.SeedSequence]
) -> Iterator[BatchResult]:
    for k, (n, s) in enumerate(zip(sizes, seeds, strict=True)):
        yield run_batch(model, k, s, n)


def _dask(
    model: RiskModel, sizes: list[int], seeds: list[np.random.SeedSequence], client: Any
) -> Iterator[BatchResult]:
    workers = max(1, len(client.scheduler_info().get("workers", {})))
    window = 2 * workers
    [shared] = client.scatter([model], broadcast=True)
    pending: list[Any] = []
    submitted = 0
    try:
        for k in range(len(sizes)):
            while submitted < len(sizes) and submitted < k + window:
                pending.append(
                    client.submit(
                        run_batch,
                        shared,
                        submitted,
                        seeds[submitted],
                        sizes[submitted],
                        parallel=False,
                        pure=False,
                    )
                )
                submitted += 1
            yield pending[k].result()
            pending[k] = None
    finally:
        client.cancel([f for f in pending if f is not None])


def simulate(
    model: RiskModel,
    *,
    runs: int,
    seed: int = 0,
    batch_size: int = 10_000,
    tolerance: float = 1.0,
    cost_tolerance: float = 0.005,
    stop_early: bool = False,
    min_batches: int = 3,
    client: Any = None,
    progress: Callable[[int, int], None] | None = None,
) -> Samples:
    """Simulate up to ``runs`` samples of ``model``.

    The P80 finish and P80 cost are checked at widening intervals
    (:func:`~carveout.risk.convergence.checkpoints`, from ``min_batches``);
    with ``stop_early`` the run stops at the first check where both moved less
    than ``tolerance`` days and ``cost_tolerance`` of the cost since the one
    before. ``client`` (a ``distributed.Client``) runs the batches on Dask.
    """
    if runs < 1:
        raise ValueError("runs must be at least 1")
    sizes = _batches(runs, batch_size)
    seeds = np.random.SeedSequence(seed).spawn(len(sizes))
    marks = set(checkpoints(len(sizes), min_batches))
    stream = _local(model, sizes, seeds) if client is None else _dask(model, sizes, seeds, client)
    kept: list[BatchResult] = []
    programmes: list[NDArray[np.float32]] = []
    history: list[float] = []
    cost_history: list[float] = []
    checks: list[int] = []
    converged = False
    done = 0
    for batch in stream:
        kept.append(batch)
        programmes.append(batch.finish.max(axis=1))
        done += batch.finish.shape[0]
        if progress is not None:
            progress(done, runs)
        if len(kept) not in marks:
            continue
        checks.append(done)
        history.append(float(np.quantile(np.concatenate(programmes), 0.8)))
        if batch.cost is not None:
            cost_history.append(float(np.quantile(_joined_costs(kept), 0.8)))
        steady = is_stable(tuple(history), tuple(cost_history), tolerance, cost_tolerance)
        if stop_early and steady and len(kept) < len(sizes):
            converged = True
            break
    if hasattr(stream, "close"):
        stream.close()
    budget = 0
    keep_inputs: list[BatchResult] = []
    for b in kept:
        if budget < SENSITIVITY_SAMPLES:
            keep_inputs.append(b)
            budget += b.finish.shape[0]
    return Samples(
        finish=np.concatenate([b.finish for b in kept]),
        durations=np.concatenate([b.durations for b in keep_inputs]),
        happened=np.concatenate([b.happened for b in keep_inputs]),
        risk_cost=np.concatenate([b.risk_cost for b in kept]),
        critical=np.sum([b.critical for b in kept], axis=0),
        convergence=ConvergenceInfo(
            tolerance=tolerance,
            cost_tolerance=cost_tolerance,
            batches=len(kept),
            runs=done,
            requested=runs,
            converged=converged,
            p80_history=tuple(history),
            cost_history=tuple(cost_history),
            checks=tuple(checks),
            stable=is_stable(tuple(history), tuple(cost_history), tolerance, cost_tolerance),
        ),
        seed=seed,
        cost=_joined_costs(kept) if kept[0].cost is not None else None,
        extension=np.concatenate([b.extension for b in kept if b.extension is not None]),
    )


def _joined_costs(kept: list[BatchResult]) -> NDArray[np.float64]:
    return np.concatenate([b.cost for b in kept if b.cost is not None])
