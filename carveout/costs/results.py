"""The shapes of a cost report: JSON-serialisable, stored as the result of kind ``"costs"``.

The words follow ``docs/costs.md``: a *fair share* is a party's charge by the
chosen standard (Shapley value or nucleolus); its *subsidy-free range* is the
least and greatest it could be charged while the charging stays in the core;
the *gap to the fair share* is what it paid above (+) or below (−) its fair
share; a *settlement* arises only where the pool's agreement is ending.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from carveout.costs.ledger import FairShareGap, LedgerRow
from carveout.costs.settlement import Settlement


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


class FairRange(_Result):
    """One party in the year shown: its fair share and its subsidy-free range.

    ``least``/``greatest`` are its least and greatest charge over the core
    (None when the core is empty or the pool too large to solve exactly).
    """

    party: str
    name: str
    fair: float
    least: float | None
    greatest: float | None


class PoolCosts(_Result):
    """Everything about one cost pool: the year shown, the ledger years and the settlement."""

    pool: str
    name: str
    year: int | None
    annual_cost: float
    catalogue_cost: float
    players: tuple[str, ...]
    names: dict[str, str]
    stand_alone: dict[str, float]
    incremental: dict[str, float]
    allocations: tuple[AllocationReport, ...]
    core_empty: bool | None
    least_core: float | None
    coalitions_tested: int
    every_coalition: bool
    fair_method: str
    standard: str
    fairness: tuple[FairRange, ...]
    agreement: str | None
    ledger_years: tuple[int, ...]
    ledger_span: str
    ledger: tuple[LedgerRow, ...]
    gaps: tuple[FairShareGap, ...]
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
