"""The itemised claim for reasonable costs when a collaboration agreement ends.

The settlement (:mod:`carveout.costs.settlement`) prices the reasonable costs of
separation from the cost game: a year of each party's extra cost of running apart.
This module prices the same obligation bottom-up from the records, as a figure
of its own, the **itemised claim**, in four named components:

- **stranded costs**: fixed costs left with a claimant that hosted a service
  the other party leaves, for the stated period;
- **dual running**: a claimant's own copy of a replicated service, for the period;
- **rebuild or re-procurement**: a claimant's migration work;
- **hosting after exit**: transitional charges a claimant pays after the
  agreement's end (hosting at full cost recovery).

Each component lists its records (service, month, agreement or team). Who pays
follows the agreement's structured terms: the terminating party pays the others'
claim; under ``each_own`` nothing is paid; under ``shared`` the claim is split by
``termination_shares``. The claim is shown beside the settlement's reasonable
costs and its defensible range; it never replaces the settlement figure.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from carveout.costs.separation_cost import CostLine, Kind, SeparationCost
from carveout.costs.settlement import Settlement
from carveout.domain import Agreement, CostPool, TerminationCosts

COMPONENTS = (
    ("stranded", "Stranded costs", Kind.STRANDED),
    ("dual_running", "Dual running", Kind.DIS_SYNERGY),
    ("rebuild", "Rebuild or re-procurement", Kind.ONE_TIME),
    ("hosting_after_exit", "Hosting at full cost recovery after exit", Kind.TRANSITIONAL),
)


@dataclass(frozen=True, slots=True)
class ClaimComponent:
    """One named component: its amount and the records behind it."""

    key: str
    label: str
    amount: float
    lines: tuple[CostLine, ...]

    @property
    def unpriced_days(self) -> float:
        """Person-days of work in the component that no day rate prices (not in ``amount``)."""
        return round(sum(x.days for x in self.lines if x.unpriced), 1)

    @property
    def services(self) -> tuple[str, ...]:
        return tuple(sorted({line.service for line in self.lines}))

    @property
    def months(self) -> str:
        if not self.lines:
            return "—"
        first, last = min(x.month for x in self.lines), max(x.month for x in self.lines)
        return f"{first:%b %Y}–{last:%b %Y}"


@dataclass(frozen=True, slots=True)
class PoolSettlement:
    """One pool's settlement under the agreement: its reasonable costs and net transfers."""

    pool: str
    reasonable_costs: float
    transfers: dict[str, float]


def _reasonable(settlement: Settlement) -> float:
    return round(
        sum(
            max(0.0, v)
            for part in settlement.parts
            if part.kind == "reasonable_costs"
            for v in part.transfers.values()
        ),
        2,
    )


@dataclass(frozen=True, slots=True)
class ExitClaim:
    """The itemised claim under ``agreement``: components, total and who pays whom.

    ``transfers`` > 0 receives; ``settlement_costs`` is the settlement's own
    reasonable-costs figure for the same agreement (summed over its pools), and
    ``low``/``high`` the settlement's defensible range, beside it.
    """

    agreement: str
    terms: str | None
    payer: str | None
    claimants: tuple[str, ...]
    pools: tuple[str, ...]
    period: int
    components: tuple[ClaimComponent, ...]
    transfers: dict[str, float]
    settlement_costs: float | None
    settlement_net: dict[str, float]
    low: dict[str, float] | None
    high: dict[str, float] | None
    pool_settlements: tuple[PoolSettlement, ...] = ()

    @property
    def total(self) -> float:
        return round(sum(c.amount for c in self.components), 2)


def _claimants(agreement: Agreement) -> tuple[str | None, tuple[str, ...]]:
    parties = agreement.parties
    terms, leaving = agreement.termination_costs, agreement.terminating_party
    if terms is TerminationCosts.TERMINATING_PARTY and leaving is not None:
        return leaving, tuple(p for p in parties if p != leaving)
    if terms is TerminationCosts.SHARED:
        return None, parties
    return None, ()


def _transfers(agreement: Agreement, payer: str | None, owed: dict[str, float]) -> dict[str, float]:
    total = sum(owed.values())
    if agreement.termination_costs is TerminationCosts.TERMINATING_PARTY and payer is not None:
        return {**owed, payer: -total}
    if agreement.termination_costs is TerminationCosts.SHARED:
        weights = {p: agreement.termination_shares.get(p, 0.0) for p in owed}
        weight = sum(weights.values()) or 1.0
        return {p: owed[p] - total * weights[p] / weight for p in owed}
    return {}


def _sum(parts: Iterable[Settlement], key: str) -> dict[str, float]:
    out: dict[str, float] = {}
    for s in parts:
        for p, v in (getattr(s, key) or {}).items():
            out[p] = out.get(p, 0.0) + v
    return out


def exit_claim(
    *,
    agreement: Agreement,
    pools: Sequence[CostPool],
    cost: SeparationCost,
    settlements: Mapping[str, Settlement],
) -> ExitClaim:
    """Itemise the reasonable costs owed under ``agreement`` from ``cost``'s lines.

    ``pools`` are the cost pools shared under the agreement (their services
    bound the claim; none: every service); ``settlements`` their settlements
    by pool name.
    """
    payer, claimants = _claimants(agreement)
    scope = {s for pool in pools for s in pool.services}
    ended = agreement.end
    components = []
    for key, label, kind in COMPONENTS:
        lines = tuple(
            line
            for line in cost.lines
            if line.kind is kind
            and line.party in claimants
            and (not scope or line.service in scope or kind is Kind.TRANSITIONAL)
            and (kind is not Kind.TRANSITIONAL or ended is None or line.month > ended)
        )
        components.append(ClaimComponent(key, label, round(sum(x.amount for x in lines), 2), lines))
    owed = {
        p: sum(x.amount for c in components for x in c.lines if x.party == p) for p in claimants
    }
    mine_named = [(pool, s) for pool, s in settlements.items() if s.agreement == agreement.code]
    mine = [s for _, s in mine_named]
    reasonable = any(part.kind == "reasonable_costs" for s in mine for part in s.parts)
    settlement_costs = round(sum(_reasonable(s) for s in mine), 2) if reasonable else None
    ranged = bool(mine) and all(s.low is not None for s in mine)
    return ExitClaim(
        agreement=agreement.code,
        terms=None if agreement.termination_costs is None else str(agreement.termination_costs),
        payer=payer,
        claimants=claimants,
        pools=tuple(p.code for p in pools),
        period=cost.period,
        components=tuple(components),
        transfers={p: round(v, 2) for p, v in _transfers(agreement, payer, owed).items()},
        settlement_costs=settlement_costs,
        settlement_net=_sum(mine, "transfers"),
        low=_sum(mine, "low") if ranged else None,
        high=_sum(mine, "high") if ranged else None,
        pool_settlements=tuple(
            PoolSettlement(name, _reasonable(s), dict(s.transfers)) for name, s in mine_named
        ),
    )
