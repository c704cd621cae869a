"""The shape of the governance pack's cost-pool sections: each party's charge by each
method, its fair share and subsidy-free range, the ledger of what it paid, the gaps and the
settlement at exit (worked out in :mod:`carveout.reports.money`)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class _Part(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class PartyShares(_Part):
    """One party in a pool: its charge by each method, its fair share and what is defensible.

    ``fair`` is its fair share in the year shown and ``least``/``greatest`` the
    least and greatest it could be charged subsidy-free (None when the core is
    empty). Over the ledger years: what it ``paid``, its ``fair_total``, the
    ``gap`` (paid above (+) or below (−) its fair share) and the settlement of
    that gap that keeps every year subsidy-free, ``settle_low`` .. ``settle_high``.
    ``net`` is what it receives (+) or pays (−) at exit, when the pool is settled.
    """

    party: str
    amounts: tuple[float, ...]
    stand_alone: float
    incremental: float
    fair: float
    least: float | None
    greatest: float | None
    paid: float | None
    fair_total: float | None
    gap: float | None
    settle_low: float | None
    settle_high: float | None
    net: float | None
    net_low: float | None
    net_high: float | None


class LedgerLine(_Part):
    """One party in one year: paid (``recorded`` or by today's basis) against its fair share."""

    year: int
    party: str
    charged: float
    fair: float
    difference: float
    cumulative: float
    recorded: bool
    least: float | None
    greatest: float | None


class PoolSection(_Part):
    """One cost pool: allocations, subsidy test, fair shares and ranges, gaps, settlement.

    ``gaps`` say what each party paid against its fair share over
    ``ledger_years``; ``settlement`` is empty unless the pool's agreement is
    ending; ``notes`` say what was assumed.
    """

    code: str
    name: str
    year: int | None
    annual_cost: float
    methods: tuple[str, ...]
    parties: tuple[PartyShares, ...]
    totals: tuple[float, ...]
    findings: tuple[str, ...]
    ledger: tuple[LedgerLine, ...]
    settlement: tuple[str, ...]
    notes: tuple[str, ...]
    standard: str
    ledger_years: str
    gaps: tuple[str, ...]
    core_empty: bool | None
