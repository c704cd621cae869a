"""The cost report: every pool's allocations, subsidy findings, ledger and settlement.

:func:`cost_report` is the one service function the CLI, the web and the
governance pack call; :class:`CostReport` is JSON-serialisable and is stored
as the result of kind ``"costs"`` (see ``docs/costs.md``).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from pydantic import BaseModel, ConfigDict

from carveout.costs.from_portfolio import PoolScope, catalogue_game, pool_scopes
from carveout.costs.games import CatalogueGame
from carveout.costs.ledger import (
    LedgerRow,
    Settlement,
    cross_subsidy_ledger,
    exit_settlement,
    exiting_agreement,
)
from carveout.costs.methods import Allocation, Method, allocate
from carveout.costs.subsidy import core_status, subsidy_test
from carveout.costs.text import money
from carveout.domain import Portfolio
from carveout.errors import CarveoutError

MAX_FINDINGS = 25
"""Findings kept per allocation (worst first); the total count is kept too."""


class _Result(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class PartyCost(_Result):
    """One party's charge under one method, and why."""

    party: str
    name: str
    amount: float
    fraction: float
    explanation: str
    half_width: float | None = None


class FindingReport(_Result):
    """A coalition failing the incremental or stand-alone cost test."""

    coalition: tuple[str, ...]
    test: str
    charge: float
    bound: float
    gap: float
    sentence: str


class AllocationReport(_Result):
    """One method's charges for a pool, and its subsidy test."""

    method: str
    label: str
    shares: tuple[PartyCost, ...]
    note: str = ""
    subsidy_free: bool
    findings: tuple[FindingReport, ...]
    findings_total: int


class PoolCosts(_Result):
    """Everything about one cost pool in the chosen year."""

    pool: str
    name: str
    year: int | None
    annual_cost: float
    catalogue_cost: float
    players: tuple[str, ...]
    stand_alone: dict[str, float]
    incremental: dict[str, float]
    allocations: tuple[AllocationReport, ...]
    core_empty: bool | None
    least_core: float | None
    coalitions_tested: int
    every_coalition: bool
    fair_method: str
    ledger: tuple[LedgerRow, ...]
    settlement: Settlement | None
    notes: tuple[str, ...]


class CostReport(_Result):
    """The cost analysis of a portfolio: per pool, and headline findings."""

    year: int | None
    methods: tuple[str, ...]
    fair_method: str
    exponent: float
    pools: tuple[PoolCosts, ...]
    totals: dict[str, dict[str, float]]
    headlines: tuple[str, ...]


def _pool_year(scope: PoolScope, year: int | None) -> tuple[int | None, dict[int, float]]:
    costs = dict(scope.pool.annual_costs) if scope.pool else {}
    if year is not None:
        return year, costs
    return (max(costs) if costs else None), costs


def _allocation_report(
    allocation: Allocation,
    *,
    game: CatalogueGame,
    scale: float,
    names: Sequence[str],
    core: tuple[bool | None, float | None],
) -> AllocationReport:
    total = float(allocation.amounts.sum()) or 1.0
    shares = tuple(
        PartyCost(
            party=party,
            name=name,
            amount=float(amount * scale),
            fraction=float(amount / total),
            explanation=f"{name} {why}",
            half_width=None if allocation.half_width is None else float(width * scale),
        )
        for party, name, amount, why, width in zip(
            game.players,
            names,
            allocation.amounts,
            allocation.explanations,
            allocation.half_width if allocation.half_width is not None else [0.0] * game.n,
            strict=True,
        )
    )
    test = subsidy_test(game=game, charges=allocation.amounts, scale=scale, labels=names, core=core)
    findings = tuple(
        FindingReport(
            coalition=f.coalition,
            test=str(f.test),
            charge=f.charge,
            bound=f.bound,
            gap=f.gap,
            sentence=f.sentence,
        )
        for f in test.findings[:MAX_FINDINGS]
    )
    return AllocationReport(
        method=str(allocation.method),
        label=allocation.label,
        shares=shares,
        note=allocation.note,
        subsidy_free=test.subsidy_free,
        findings=findings,
        findings_total=len(test.findings),
    )


def pool_costs(
    *,
    portfolio: Portfolio,
    scope: PoolScope,
    methods: Sequence[Method],
    fair_method: Method = Method.SHAPLEY,
    year: int | None = None,
    exponent: float = 1.0,
    driver: str | None = None,
    samples: int = 20_000,
    seed: int = 0,
) -> PoolCosts:
    """The cost analysis of one pool."""
    game = catalogue_game(services=scope.services, players=scope.players, exponent=exponent)
    catalogue = game.cost(game.grand)
    if catalogue <= 0:
        raise CarveoutError(
            f"cost pool {scope.code} carries no cost: give its services a fixed or variable cost"
        )
    chosen, annual_costs = _pool_year(scope, year)
    notes = []
    if chosen is not None and chosen not in annual_costs and annual_costs:
        notes.append(f"no annual cost recorded for {chosen}; the catalogue cost is used")
    annual = annual_costs.get(chosen, catalogue) if chosen is not None else catalogue
    scale = annual / catalogue
    wanted = list(dict.fromkeys([*methods, Method.RATIO, fair_method]))
    allocations, skipped = allocate(
        scope=scope,
        game=game,
        portfolio=portfolio,
        methods=wanted,
        scale=scale,
        driver=driver,
        samples=samples,
        seed=seed,
    )
    notes.extend(skipped)
    by_method = {a.method: a for a in allocations}
    if fair_method not in by_method:
        notes.append(f"{fair_method} is not available here; fair shares use the Shapley value")
        fair_method = Method.SHAPLEY
        if fair_method not in by_method:
            by_method[fair_method] = allocate(
                scope=scope, game=game, portfolio=portfolio, methods=[fair_method], scale=scale
            )[0][0]
    names = [
        portfolio.party_by_code[p].name if p in portfolio.party_by_code else p for p in game.players
    ]
    core = core_status(game, scale=scale)
    reports = tuple(
        _allocation_report(by_method[m], game=game, scale=scale, names=names, core=core)
        for m in methods
        if m in by_method
    )
    singles = np.int64(1) << np.arange(game.n, dtype=np.int64)
    alone = game.costs(singles) * scale
    incremental = annual - game.costs(game.grand ^ singles) * scale
    ledger: list[LedgerRow] = []
    settlement = None
    charged = by_method.get(Method.RATIO)
    fair = by_method[fair_method]
    if charged is not None and annual_costs:
        fractions = dict(zip(game.players, charged.amounts / catalogue, strict=True))
        fair_fractions = dict(zip(game.players, fair.amounts / catalogue, strict=True))
        ledger = cross_subsidy_ledger(
            players=game.players, charged=fractions, fair=fair_fractions, annual_costs=annual_costs
        )
        agreement = exiting_agreement(portfolio.agreements, game.players)
        last = annual_costs[max(annual_costs)]
        remaining = 0.0
        if agreement is not None and agreement.terminating_party:
            rest = game.grand ^ game.mask([agreement.terminating_party])
            remaining = game.cost(rest) * last / catalogue
        settlement = exit_settlement(
            players=game.players,
            ledger=ledger,
            agreement=agreement,
            remaining_stand_alone=remaining,
            fair_last_year={p: f * last for p, f in fair_fractions.items()},
            labels=dict(zip(game.players, names, strict=True)),
        )
    return PoolCosts(
        pool=scope.code,
        name=scope.name,
        year=chosen,
        annual_cost=annual,
        catalogue_cost=catalogue,
        players=game.players,
        stand_alone=dict(zip(game.players, map(float, alone), strict=True)),
        incremental=dict(zip(game.players, map(float, incremental), strict=True)),
        allocations=reports,
        core_empty=core[0],
        least_core=core[1],
        coalitions_tested=(1 << game.n) - 2 if game.n <= 20 else 2 * game.n,
        every_coalition=game.n <= 20,
        fair_method=str(fair_method),
        ledger=tuple(ledger),
        settlement=settlement,
        notes=tuple(notes),
    )


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
                lines.append(f"{pool.name}: the current basis is subsidy-free")
            else:
                lines.extend(f"{pool.name}: {f.sentence}" for f in current.findings[:2])
        if pool.settlement is not None:
            lines.extend(
                f"{pool.name}: {s}" for s in pool.settlement.sentences if s.startswith("Net")
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
) -> CostReport:
    """Allocate every cost pool of ``portfolio`` by ``methods`` and test for subsidy.

    ``year`` picks the annual cost shown (each pool's latest by default);
    ``fair_method`` is what the ledger counts as fair; ``exponent`` < 1 gives
    the variable costs economies of scale; ``driver`` names a party driver for
    the driver method (usage per service by default).
    """
    if not portfolio.services:
        raise CarveoutError("the portfolio has no services to cost; import a catalogue first")
    pools = tuple(
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
        for scope in pool_scopes(portfolio=portfolio)
    )
    totals: dict[str, dict[str, float]] = {}
    for pool in pools:
        for allocation in pool.allocations:
            into = totals.setdefault(allocation.method, {})
            for share in allocation.shares:
                into[share.party] = into.get(share.party, 0.0) + share.amount
    return CostReport(
        year=year,
        methods=tuple(str(m) for m in methods),
        fair_method=str(fair_method),
        exponent=exponent,
        pools=pools,
        totals=totals,
        headlines=tuple(_headlines(pools)),
    )
