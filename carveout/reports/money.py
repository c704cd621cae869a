"""The money section: a cost report laid out pool by pool for the board."""

from __future__ import annotations

from carveout.costs.report import CostReport, PoolCosts
from carveout.reports.pool_contents import LedgerLine, PartyShares, PoolSection

FINDINGS_SHOWN = 3
"""Subsidy findings listed per allocation method; the rest are counted."""


def _findings(pool: PoolCosts, methods: tuple[str, ...]) -> list[str]:
    allocations = sorted(pool.allocations, key=lambda a: a.method != "ratio")
    findings: list[str] = []
    for label, allocation in zip(methods, allocations, strict=True):
        if allocation.subsidy_free:
            findings.append(f"{label}: subsidy-free.")
            continue
        shown = [f"{label}: {f.sentence}." for f in allocation.findings[:FINDINGS_SHOWN]]
        more = allocation.findings_total - len(shown)
        findings.extend(shown)
        if more > 0:
            findings.append(f"{label}: … and {more} more coalition(s).")
    if pool.core_empty:
        findings.insert(
            0,
            "No charging can be subsidy-free: the core is empty (least-core excess "
            f"£{pool.least_core or 0:,.0f} a year).",
        )
    return findings


def _parties(pool: PoolCosts) -> tuple[PartyShares, ...]:
    allocations = sorted(pool.allocations, key=lambda a: a.method != "ratio")
    fairness = {f.party: f for f in pool.fairness}
    gaps = {g.party: g for g in pool.gaps}
    settled = pool.settlement
    parties = []
    for i, party in enumerate(pool.players):
        gap, fair = gaps.get(party), fairness[party]
        parties.append(
            PartyShares(
                party=pool.names.get(party, party),
                amounts=tuple(a.shares[i].amount for a in allocations),
                stand_alone=pool.stand_alone[party],
                incremental=pool.incremental[party],
                fair=fair.fair,
                least=fair.least,
                greatest=fair.greatest,
                paid=gap.paid if gap else None,
                fair_total=gap.fair if gap else None,
                gap=gap.gap if gap else None,
                settle_low=gap.settle_low if gap else None,
                settle_high=gap.settle_high if gap else None,
                net=settled.transfers.get(party) if settled else None,
                net_low=settled.low.get(party) if settled and settled.low else None,
                net_high=settled.high.get(party) if settled and settled.high else None,
            )
        )
    return tuple(parties)


def pool_sections(report: CostReport | None) -> tuple[PoolSection, ...]:
    """Each pool's allocations side by side (current basis first), fair shares and
    their subsidy-free range, subsidy findings, the fair-share ledger and any settlement."""
    if report is None:
        return ()
    sections = []
    for pool in report.pools:
        allocations = sorted(pool.allocations, key=lambda a: a.method != "ratio")
        methods = tuple("Current basis" if a.method == "ratio" else a.label for a in allocations)
        sections.append(
            PoolSection(
                code=pool.pool,
                name=pool.name,
                year=pool.year,
                annual_cost=pool.annual_cost,
                methods=methods,
                parties=_parties(pool),
                totals=tuple(sum(s.amount for s in a.shares) for a in allocations),
                findings=tuple(_findings(pool, methods)),
                ledger=tuple(
                    LedgerLine(
                        year=row.year,
                        party=pool.names.get(row.party, row.party),
                        charged=row.charged,
                        fair=row.fair,
                        difference=row.difference,
                        cumulative=row.cumulative,
                        recorded=row.recorded,
                        least=row.least,
                        greatest=row.greatest,
                    )
                    for row in pool.ledger
                ),
                settlement=pool.settlement.sentences if pool.settlement else (),
                notes=pool.notes,
                standard=pool.standard,
                ledger_years=pool.ledger_span,
                gaps=tuple(g.sentence for g in pool.gaps),
                core_empty=pool.core_empty,
            )
        )
    return tuple(sections)
