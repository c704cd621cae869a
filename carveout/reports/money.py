"""The money section: a cost report laid out pool by pool for the board."""

from __future__ import annotations

from carveout.costs.report import CostReport
from carveout.reports.contents import LedgerLine, PartyShares, PoolSection

FINDINGS_SHOWN = 3
"""Subsidy findings listed per allocation method; the rest are counted."""


def pool_sections(report: CostReport | None) -> tuple[PoolSection, ...]:
    """Each pool's allocations side by side (current basis first), findings and ledger."""
    if report is None:
        return ()
    sections = []
    for pool in report.pools:
        allocations = sorted(pool.allocations, key=lambda a: a.method != "ratio")
        methods = tuple("Current basis" if a.method == "ratio" else a.label for a in allocations)
        parties = []
        for i, party in enumerate(pool.players):
            name = allocations[0].shares[i].name if allocations else party
            parties.append(
                PartyShares(
                    party=name,
                    amounts=tuple(a.shares[i].amount for a in allocations),
                    stand_alone=pool.stand_alone[party],
                    incremental=pool.incremental[party],
                )
            )
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
        names = (
            {p: s.name for p, s in zip(pool.players, allocations[0].shares, strict=True)}
            if (allocations)
            else {}
        )
        sections.append(
            PoolSection(
                code=pool.pool,
                name=pool.name,
                year=pool.year,
                annual_cost=pool.annual_cost,
                methods=methods,
                parties=tuple(parties),
                totals=tuple(sum(s.amount for s in a.shares) for a in allocations),
                findings=tuple(findings),
                ledger=tuple(
                    LedgerLine(
                        year=row.year,
                        party=names.get(row.party, row.party),
                        charged=row.charged,
                        fair=row.fair,
                        difference=row.difference,
                        cumulative=row.cumulative,
                    )
                    for row in pool.ledger
                ),
                settlement=pool.settlement.sentences if pool.settlement else (),
                notes=pool.notes,
            )
        )
    return tuple(sections)
