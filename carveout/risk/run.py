"""The risk analysis as one service call: portfolio and plan in, forecast out."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any

from carveout.domain import Portfolio
from carveout.errors import CarveoutError
from carveout.planning.plan import Plan
from carveout.risk.distributions import Shape
from carveout.risk.engine import simulate
from carveout.risk.forecast import Forecast, build_forecast
from carveout.risk.from_plan import model_from_plan
from carveout.risk.impacts import plan_mitigations, risk_impacts, titles_of


@contextmanager
def dask_client(scheduler: str | None) -> Iterator[Any]:
    """A client of the cluster at ``scheduler``, or of a local cluster started for the run."""
    import distributed

    # distributed ships no type information; keep its objects as Any at this edge.
    client_of: Any = distributed.Client
    cluster_of: Any = distributed.LocalCluster
    if scheduler:
        try:
            client = client_of(scheduler, timeout="10s")
        except OSError as error:
            raise CarveoutError(
                f"cannot reach the Dask scheduler at {scheduler}: {error}. "
                "Check the address (e.g. tcp://host:8786) or run with --engine local."
            ) from error
        try:
            yield client
        finally:
            client.close()
        return
    workers = os.cpu_count() or 1
    with (
        cluster_of(n_workers=workers, threads_per_worker=1, dashboard_address=None) as cluster,
        client_of(cluster) as client,
    ):
        yield client


def run_risk(
    *,
    portfolio: Portfolio,
    plan: Plan,
    runs: int = 10_000,
    seed: int = 0,
    confidence: float = 0.8,
    tolerance: float = 1.0,
    cost_tolerance: float = 0.005,
    stop_early: bool = False,
    batch_size: int | None = None,
    by: date | None = None,
    budget: float | None = None,
    shape: Shape = Shape.PERT,
    team_correlation: float = 0.0,
    latin_hypercube: bool = False,
    resource_aware: bool = True,
    client: Any = None,
    progress: Callable[[int, int], None] | None = None,
    impact_runs: int = 0,
) -> Forecast:
    """Simulate ``plan`` ``runs`` times and forecast its dates, hosting, drivers and joint
    confidence of meeting ``by`` (default: the deadline) within ``budget`` (default: the
    plan's cost to go).

    Convergence is checked at widening intervals (see :mod:`carveout.risk.convergence`);
    ``stop_early`` stops once the P80 finish moves less than ``tolerance`` days and the
    P80 cost less than ``cost_tolerance`` of itself. ``batch_size`` defaults to a
    twentieth of the runs, between 1,000 and 10,000. With ``impact_runs`` the forecast
    also measures, over that many runs on common random numbers, each driver's
    contribution to the P80 finish and cost and what each mitigation buys
    (:mod:`carveout.risk.impacts`; ``IMPACT_RUNS`` is a good number).
    """
    if not 0 < confidence < 1:
        raise CarveoutError(f"confidence must be between 0 and 1, got {confidence}")
    model = model_from_plan(
        portfolio=portfolio,
        plan=plan,
        shape=shape,
        team_correlation=team_correlation,
        latin_hypercube=latin_hypercube,
        resource_aware=resource_aware,
    )
    samples = simulate(
        model,
        runs=runs,
        seed=seed,
        batch_size=batch_size or default_batch(runs),
        tolerance=tolerance,
        cost_tolerance=cost_tolerance,
        stop_early=stop_early,
        client=client,
        progress=progress,
    )
    forecast = build_forecast(
        model,
        samples,
        confidence=confidence,
        fingerprint=portfolio.fingerprint,
        by=by,
        budget=budget,
    )
    if impact_runs <= 0:
        return forecast
    impacts = risk_impacts(
        model,
        mitigations=plan_mitigations(portfolio=portfolio, plan=plan, model=model),
        titles=titles_of(portfolio),
        runs=impact_runs,
        seed=seed,
    )
    return forecast.model_copy(update={"impacts": impacts})


def default_batch(runs: int) -> int:
    """A twentieth of the runs, between 1,000 and 10,000: enough checks, cheap batches."""
    return min(10_000, max(1_000, -(-runs // 20)))
