"""The governance pack's section on the cost of separating and the itemised claim."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict

from carveout.costs.report import CostReport
from carveout.costs.separation_report import separation_report
from carveout.domain import Portfolio
from carveout.planning.plan import Plan


class _Part(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class KindTotal(_Part):
    """One kind of cost for one party: actual, forecast, total and any budget; for the
    one-time kind, the person-days in it and those with no day rate (in no amount)."""

    label: str
    party: str
    actual: float
    forecast: float
    total: float
    days: float
    budget: float | None
    unpriced_days: float = 0.0


class ClaimLine(_Part):
    """One component of an itemised claim and the records behind it."""

    label: str
    amount: float
    services: tuple[str, ...]
    months: str
    unpriced_days: float = 0.0


class ClaimSection(_Part):
    """An ending agreement's itemised claim, who pays it, and the settlement beside it."""

    agreement: str
    payer: str | None
    total: float
    components: tuple[ClaimLine, ...]
    settlement_costs: float | None
    settlement_net: float | None
    pool_nets: tuple[tuple[str, float, float], ...] = ()
    low: float | None
    high: float | None


class SeparationSection(_Part):
    """The four kinds of separation cost by party, and each ending agreement's claim.

    ``priced`` is whether any migration work has a day rate; ``rate_basis`` says how it is
    priced (see :func:`carveout.costs.separation_report.rate_basis`)."""

    basis: str
    period: int
    priced: bool
    rate_basis: str
    totals: tuple[KindTotal, ...]
    claims: tuple[ClaimSection, ...]


def separation_section(
    *, portfolio: Portfolio, plan: Plan | None, as_of: date, costs: CostReport | None
) -> SeparationSection | None:
    """The section, or None when the portfolio has no migrations and no schedule lines."""
    if not portfolio.migrations and not portfolio.schedule_lines:
        return None
    report = separation_report(portfolio=portfolio, plan=plan, as_of=as_of, costs=costs)
    names = report.names
    return SeparationSection(
        basis=report.basis,
        period=report.cost.period,
        priced=any(x.days > 0 and not x.unpriced for x in report.cost.lines),
        rate_basis=report.rate_basis,
        totals=tuple(
            KindTotal(
                label=row["label"],
                party=row["name"],
                actual=row["actual"],
                forecast=row["forecast"],
                total=row["total"],
                days=row["days"],
                budget=row["budget"],
                unpriced_days=row["unpriced_days"],
            )
            for row in report.kind_totals()
        ),
        claims=tuple(
            ClaimSection(
                agreement=c.agreement,
                payer=names.get(c.payer, c.payer) if c.payer else None,
                total=c.total,
                components=tuple(
                    ClaimLine(
                        label=x.label,
                        amount=x.amount,
                        services=x.services,
                        months=x.months,
                        unpriced_days=x.unpriced_days,
                    )
                    for x in c.components
                ),
                settlement_costs=c.settlement_costs,
                settlement_net=c.settlement_net.get(c.payer) if c.payer else None,
                pool_nets=tuple(
                    (x.pool, x.reasonable_costs, x.transfers.get(c.payer, 0.0))
                    for x in c.pool_settlements
                )
                if c.payer
                else (),
                low=c.low.get(c.payer) if c.low and c.payer else None,
                high=c.high.get(c.payer) if c.high and c.payer else None,
            )
            for c in report.claims
        ),
    )
