"""The cost report: every pool's allocations, fair shares, ledger and settlement.

:func:`cost_report` is the one service function the CLI, the web and the
governance pack call; :class:`CostReport` is JSON-serialisable and is stored
as the result of kind ``"costs"`` (see ``docs/costs.md``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from carveout.costs.from_portfolio import pool_scopes
from carveout.costs.methods import Method
from carveout.costs.pool import MAX_FINDINGS, pool_costs
from carveout.costs.results import (
    AllocationReport,
    CostReport,
    FairRange,
    FindingReport,
    PartyCost,
    PoolCosts,
)
from carveout.costs.text import ROUNDING, money
from carveout.domain import Portfolio
from carveout.errors import CarveoutError

__all__ = [
    "MAX_FINDINGS",
    "AllocationReport",
    "CostReport",
    "FairRange",
    "FindingReport",
    "PartyCost",
    "PoolCosts",
    "cost_report",
    "pool_costs",
]

GAPS_IN_HEADLINES = 2
"""Parties per pool named among the headlines for paying less than their fair share."""


def _headlines(pools: Sequence[PoolCosts]) -> list[str]:
    lines = []
    for pool in pools:
        current = next((a for a in pool.allocations if a.method == Method.RATIO), None)
        if pool.core_empty:
            lines.append(
                f"{pool.name}: no charging can be subsidy-free (the core is empty); at best some "
                f"coalition pays {money(pool.least_core or 0.0)} a year above its stand-alone cost"
            )
        if current is not None:
            if current.subsidy_free:
                lines.append(f"{pool.name}: the {current.label.lower()} is subsidy-free")
            else:
                lines.extend(f"{pool.name}: {f.sentence}" for f in current.findings[:2])
        gaps = sorted((g for g in pool.gaps if g.gap <= -ROUNDING), key=lambda g: g.gap)
        lines.extend(f"{pool.name}: {g.sentence}" for g in gaps[:GAPS_IN_HEADLINES])
        if pool.settlement is not None:
            lines.extend(
                f"{pool.name}: {s}"
                for s in pool.settlement.sentences
                if s.startswith(("Net at exit", "Defensible", "No settlement range"))
            )
    return lines


def cost_report(
    *,
    portfolio: Portfolio,
    methods: Sequence[Method] = tuple(Method),
    fair_method: Method = Method.SHAPLEY,
    year: int | None = None,
    exponent: float = 1.0,
    driver: str | None = None,
    samples: int = 20_000,
    seed: int = 0,
    on_stage: Callable[[str, int, int], None] | None = None,
) -> CostReport:
    """Allocate every cost pool of ``portfolio`` by ``methods``, test for subsidy, settle.

    ``year`` picks the annual cost shown (each pool's latest by default);
    ``fair_method`` is the standard fair shares are measured by (Shapley value
    or nucleolus); ``exponent`` < 1 gives the variable costs economies of
    scale; ``driver`` names a party driver for the driver method (usage per
    service by default). ``on_stage(text, done, stages)`` is told as each stage begins
    (each pool, then the findings), for a progress bar.
    """
    if not portfolio.services:
        raise CarveoutError("the portfolio has no services to cost; import a catalogue first")
    scopes = pool_scopes(portfolio=portfolio)
    stages = len(scopes) + 1
    costed: list[PoolCosts] = []
    for done, scope in enumerate(scopes):
        if on_stage is not None:
            on_stage(f"Allocating pool {done + 1} of {len(scopes)}: {scope.name}", done, stages)
        costed.append(
            pool_costs(
                portfolio=portfolio,
                scope=scope,
                methods=methods,
                fair_method=fair_method,
                year=year,
                exponent=exponent,
                driver=driver,
                samples=samples,
                seed=seed,
            )
        )
    if on_stage is not None:
        on_stage("Summing up the findings", len(scopes), stages)
    pools = tuple(costed)
    totals: dict[str, dict[str, float]] = {}
    for pool in pools:
        for allocation in pool.allocations:
            into = totals.setdefault(allocation.method, {})
            for share in allocation.shares:
                into[share.party] = into.get(share.party, 0.0) + share.amount
    return CostReport(
        year=year,
        methods=tuple(str(m) for m in methods),
        fair_method=pools[0].fair_method if pools else str(fair_method),
        exponent=exponent,
        pools=pools,
        totals=totals,
        headlines=tuple(_headlines(pools)),
    )
