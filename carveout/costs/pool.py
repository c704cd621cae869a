"""One cost pool: allocations, subsidy test, fair shares and their range, ledger, settlement."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from carveout.costs.core import core_range
from carveout.costs.from_portfolio import PoolScope, catalogue_game
from carveout.costs.games import CatalogueGame
from carveout.costs.ledger import Ledger, fair_share_ledger
from carveout.costs.methods import Allocation, Method, allocate
from carveout.costs.nucleolus import MAX_NUCLEOLUS_PLAYERS
from carveout.costs.results import (
    AllocationReport,
    FairRange,
    FindingReport,
    PartyCost,
    PoolCosts,
)
from carveout.costs.settlement import Settlement, exit_settlement
from carveout.costs.subsidy import core_status, subsidy_test
from carveout.costs.termination import extra_costs, settled_agreement
from carveout.domain import ChargingBasis, Portfolio
from carveout.errors import CarveoutError

MAX_FINDINGS = 25
"""Findings kept per allocation (worst first); the total count is kept too."""

STANDARDS = {Method.SHAPLEY: "Shapley", Method.NUCLEOLUS: "nucleolus"}
"""The methods a fair share may be measured by, as the sentences name them."""


def _allocation_report(
    allocation: Allocation,
    *,
    game: CatalogueGame,
    scale: float,
    names: Sequence[str],
    core: tuple[bool | None, float | None],
) -> AllocationReport:
    total = float(allocation.amounts.sum()) or 1.0
    widths = allocation.half_width if allocation.half_width is not None else [0.0] * game.n
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
            game.players, names, allocation.amounts, allocation.explanations, widths, strict=True
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


def _basis_phrase(scope: PoolScope, fractions: Sequence[float]) -> str:
    """ "the current 69/31 basis" or "the current basis by population (today's values)"."""
    pool = scope.pool
    if pool is not None and pool.basis is ChargingBasis.DRIVER:
        return f"the current basis by {pool.driver} (today's values)"
    return "the current " + "/".join(f"{100 * f:.0f}" for f in fractions) + " basis"


def _core_bounds(game: CatalogueGame, empty: bool | None) -> tuple[np.ndarray, np.ndarray] | None:
    if empty is not False or game.n > MAX_NUCLEOLUS_PLAYERS:
        return None
    found = core_range(game)
    return None if found is None else (found.least, found.greatest)


def _settle(
    *,
    scope: PoolScope,
    portfolio: Portfolio,
    game: CatalogueGame,
    fair: Allocation,
    ledger: Ledger | None,
    scale: float,
    standard: str,
    names: dict[str, str],
    empty: bool | None,
) -> tuple[Settlement | None, list[str]]:
    """The settlement when the pool's agreement is ending (else a note when it is not)."""
    code = scope.pool.agreement if scope.pool else None
    agreement = settled_agreement(scope.pool, portfolio.agreement_by_code)
    if agreement is None:
        if code:
            return None, [f"{code} is not ending, so nobody leaves the pool and nothing is settled"]
        unsettled = "The pool names no agreement, so nobody leaves it and its gaps are not settled"
        return None, [unsettled] if ledger is not None else []
    if ledger is not None:
        last = ledger.years[-1]
        scale = sum(r.charged for r in ledger.rows if r.year == last) / game.cost(game.grand)
    extra = extra_costs(
        game=game, fair=fair.amounts, scale=scale, leaving=agreement.terminating_party
    )
    settlement = exit_settlement(
        agreement=agreement,
        players=game.players,
        names=names,
        ledger=ledger,
        extra=extra,
        standard=standard,
        core_empty=empty,
    )
    return settlement, []


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
    annual_costs = dict(scope.pool.annual_costs) if scope.pool else {}
    chosen = year if year is not None else (max(annual_costs) if annual_costs else None)
    notes = []
    if chosen is not None and chosen not in annual_costs and annual_costs:
        notes.append(f"no annual cost recorded for {chosen}; the catalogue cost is used")
    annual = annual_costs.get(chosen, catalogue) if chosen is not None else catalogue
    scale = annual / catalogue
    if fair_method not in STANDARDS:
        notes.append("fair shares are measured by the Shapley value or the nucleolus: Shapley here")
        fair_method = Method.SHAPLEY
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
    standard = STANDARDS[fair_method]
    fair = by_method[fair_method]
    labels = [
        portfolio.party_by_code[p].name if p in portfolio.party_by_code else p for p in game.players
    ]
    names = dict(zip(game.players, labels, strict=True))
    core = core_status(game, scale=scale)
    bounds = _core_bounds(game, core[0])
    if core[0] is None and game.n > 1:
        notes.append(
            f"subsidy-free ranges are computed for at most {MAX_NUCLEOLUS_PLAYERS} parties; "
            f"{scope.name} has {game.n}"
        )
    ledger = None
    charged = by_method.get(Method.RATIO)
    if charged is not None and scope.pool is not None:
        fractions = charged.amounts / catalogue
        ledger = fair_share_ledger(
            players=game.players,
            names=names,
            basis=dict(zip(game.players, map(float, fractions), strict=True)),
            basis_phrase=_basis_phrase(scope, [float(f) for f in fractions]),
            fair=dict(zip(game.players, map(float, fair.amounts / catalogue), strict=True)),
            core=None
            if bounds is None
            else {
                p: (float(lo / catalogue), float(hi / catalogue))
                for p, lo, hi in zip(game.players, *bounds, strict=True)
            },
            standard=standard,
            annual_costs=annual_costs,
            charges=scope.pool.charges,
            fallback_cost=catalogue,
        )
    settlement, settle_notes = _settle(
        scope=scope,
        portfolio=portfolio,
        game=game,
        fair=fair,
        ledger=ledger,
        scale=scale,
        standard=standard,
        names=names,
        empty=core[0],
    )
    singles = np.int64(1) << np.arange(game.n, dtype=np.int64)
    alone = game.costs(singles) * scale
    incremental = annual - game.costs(game.grand ^ singles) * scale
    incremental[np.abs(incremental) < 1e-9 * annual] = 0.0
    return PoolCosts(
        pool=scope.code,
        name=scope.name,
        year=chosen,
        annual_cost=annual,
        catalogue_cost=catalogue,
        players=game.players,
        names=names,
        stand_alone=dict(zip(game.players, map(float, alone), strict=True)),
        incremental=dict(zip(game.players, map(float, incremental), strict=True)),
        allocations=tuple(
            _allocation_report(by_method[m], game=game, scale=scale, names=labels, core=core)
            for m in methods
            if m in by_method
        ),
        core_empty=core[0],
        least_core=core[1],
        coalitions_tested=(1 << game.n) - 2 if game.n <= 20 else 2 * game.n,
        every_coalition=game.n <= 20,
        fair_method=str(fair_method),
        standard=standard,
        fairness=tuple(
            FairRange(
                party=p,
                name=names[p],
                fair=float(fair.amounts[i] * scale),
                least=None if bounds is None else float(bounds[0][i] * scale),
                greatest=None if bounds is None else float(bounds[1][i] * scale),
            )
            for i, p in enumerate(game.players)
        ),
        agreement=scope.pool.agreement if scope.pool else None,
        ledger_years=ledger.years if ledger else (),
        ledger_span=ledger.span if ledger else "",
        ledger=ledger.rows if ledger else (),
        gaps=ledger.gaps if ledger else (),
        settlement=settlement,
        notes=(*(ledger.notes if ledger else ()), *notes, *settle_notes),
    )
