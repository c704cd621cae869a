"""One view of the separation cost and the itemised claims: command, page, API and pack.

:func:`separation_report` computes the four kinds of cost (see
:mod:`carveout.costs.separation_cost`) and, for every ending agreement whose
terms say who bears the reasonable costs, the itemised claim (see
:mod:`carveout.costs.exit_settlement`), set beside the settlement of the stored
cost report. :func:`separation_json` is its JSON shape, and :func:`rate_basis` says
in words where the migration work's day rates came from.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from carveout.charges.report import charges_view
from carveout.costs.exit_settlement import ExitClaim, exit_claim
from carveout.costs.results import CostReport
from carveout.costs.separation_cost import (
    KIND_LABELS,
    STRANDED_MONTHS,
    Kind,
    RateSource,
    SeparationCost,
    separation_cost,
)
from carveout.costs.termination import is_ending
from carveout.domain import Portfolio
from carveout.domain.dates import first_month_to_go
from carveout.formatting import pounds
from carveout.planning.plan import Plan


@dataclass(frozen=True, slots=True)
class SeparationReport:
    """The separation cost as of a date, its claims, and the names of the parties.

    ``rate_origin`` says where a day rate given for every team came from (e.g. "given
    on the command line").
    """

    basis: str
    cost: SeparationCost
    claims: tuple[ExitClaim, ...]
    names: dict[str, str]
    rate_origin: str = "given for every team"

    @property
    def rate_basis(self) -> str:
        return rate_basis(self.cost, self.rate_origin)

    def kind_totals(self) -> list[dict[str, Any]]:
        """Per kind and party: actual, forecast, and the budget where one is set; for the
        one-time kind, its person-days priced and unpriced (in no amount)."""
        rows = []
        for kind in Kind:
            for party in sorted({x.party for x in self.cost.lines if x.kind is kind}):
                lines = [x for x in self.cost.lines if x.kind is kind and x.party == party]
                actual = round(sum(x.amount for x in lines if x.actual), 2)
                forecast = round(sum(x.amount for x in lines if not x.actual), 2)
                budget = self.cost.budgets.get(party) if kind is Kind.TRANSITIONAL else None
                rows.append(
                    {
                        "kind": str(kind),
                        "label": KIND_LABELS[kind],
                        "party": party,
                        "name": self.names.get(party, party),
                        "actual": actual,
                        "forecast": forecast,
                        "total": round(actual + forecast, 2),
                        "budget": budget,
                        "days": round(sum(x.days for x in lines), 1),
                        "priced_days": round(
                            sum((x.days for x in lines if not x.unpriced), 0.0), 1
                        ),
                        "unpriced_days": round(sum((x.days for x in lines if x.unpriced), 0.0), 1),
                    }
                )
        return rows


def separation_report(
    *,
    portfolio: Portfolio,
    plan: Plan | None,
    as_of: date,
    costs: CostReport | None,
    day_rate: float | None = None,
    period: int = STRANDED_MONTHS,
    rate_origin: str = "given for every team",
) -> SeparationReport:
    """The four kinds of cost of ``plan`` (or the contract without one) as of ``as_of``.

    ``costs`` is the stored cost report whose settlements the claims are set beside;
    ``day_rate``, when given, overrides every team's recorded rate, and ``rate_origin``
    says where it came from.
    """
    view = charges_view(portfolio=portfolio, plan=plan, as_of=as_of)
    cost = separation_cost(
        portfolio=portfolio, plan=plan, view=view, day_rate=day_rate, period=period
    )
    settlements = {p.name: p.settlement for p in costs.pools if p.settlement} if costs else {}
    claims = []
    for agreement in portfolio.agreements:
        if agreement.termination_costs is None or not is_ending(agreement):
            continue
        pools = [p for p in portfolio.cost_pools if p.agreement == agreement.code]
        claims.append(
            exit_claim(agreement=agreement, pools=pools, cost=cost, settlements=settlements)
        )
    return SeparationReport(
        basis=f"the plan of {plan.scenario}" if plan is not None else "the contract",
        cost=cost,
        claims=tuple(claims),
        names={p.code: p.name for p in portfolio.parties},
        rate_origin=rate_origin,
    )


def _and(items: tuple[str, ...]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def rate_basis(cost: SeparationCost, origin: str = "given for every team") -> str:
    """How the migration work is priced, in words that follow "migration work is": "priced
    at each team's recorded day rate", "priced at £450 a day, given on the command line",
    which teams' days are not priced, or "counted in person-days" when none is."""
    source = cost.rate_source
    if source is RateSource.GIVEN:
        return f"priced at {pounds(cost.day_rate)} a day, {origin}"
    if source is RateSource.TEAMS:
        return "priced at each team's recorded day rate"
    teams = cost.unpriced_teams
    unpriced = (
        f"{cost.unpriced_days:,.0f} person-days of team{'s' if len(teams) > 1 else ''} "
        f"{_and(teams)}"
        if teams
        else "no work"
    )
    if source is RateSource.PARTLY:
        return (
            f"priced at each team's recorded day rate; {unpriced} have no day rate recorded "
            "and are counted in days, not priced"
        )
    return "counted in person-days: no day rate is recorded"


def _claim_json(claim: ExitClaim) -> dict[str, Any]:
    return {
        "agreement": claim.agreement,
        "terms": claim.terms,
        "payer": claim.payer,
        "claimants": list(claim.claimants),
        "pools": list(claim.pools),
        "period_months": claim.period,
        "total": claim.total,
        "transfers": claim.transfers,
        "components": [
            {
                "key": c.key,
                "label": c.label,
                "amount": c.amount,
                "unpriced_days": c.unpriced_days,
                "services": list(c.services),
                "months": c.months,
            }
            for c in claim.components
        ],
        "settlement_reasonable_costs": claim.settlement_costs,
        "settlement_net": claim.settlement_net,
        "settlement_by_pool": [
            {"pool": x.pool, "reasonable_costs": x.reasonable_costs, "net": x.transfers}
            for x in claim.pool_settlements
        ],
        "settlement_low": claim.low,
        "settlement_high": claim.high,
    }


def separation_json(report: SeparationReport) -> dict[str, Any]:
    """The report as JSON: totals by kind and party, by month, and the claims."""
    first = first_month_to_go(report.cost.as_of)
    return {
        "as_of": report.cost.as_of.isoformat(),
        "basis": report.basis,
        "day_rate": report.cost.day_rate,
        "rate_source": str(report.cost.rate_source),
        "rate_basis": report.rate_basis,
        "unpriced_days": report.cost.unpriced_days,
        "unpriced_teams": list(report.cost.unpriced_teams),
        "period_months": report.cost.period,
        "totals": report.kind_totals(),
        "months": [
            {"month": m.isoformat(), "kind": str(k), "party": p, "amount": a, "actual": m < first}
            for (m, k, p), a in report.cost.by_month().items()
        ],
        "claims": [_claim_json(c) for c in report.claims],
    }
