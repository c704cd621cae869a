"""``carveout separation``: the cost of separating in four kinds, and the itemised claim."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from carveout.cli.app import AsOf, app, console, parse_day
from carveout.formatting import pounds, uk_date

if TYPE_CHECKING:
    from carveout.costs.exit_settlement import ExitClaim
    from carveout.costs.separation_report import SeparationReport


@app.command()
def separation(
    as_of: AsOf = None,
    scenario: Annotated[
        str | None,
        typer.Option(help="Scenario whose saved plan gives the exits (default: latest planned)."),
    ] = None,
    day_rate: Annotated[
        float | None,
        typer.Option(
            min=0,
            help="Pounds per person-day of migration work, for every team instead of the "
            "teams' recorded day rates (none: each team's own rate).",
        ),
    ] = None,
    months: Annotated[
        int, typer.Option(min=0, help="Months of stranded cost and dual running counted.")
    ] = 12,
) -> None:
    """The cost of separating by kind and party — one-time work, transitional charges,
    dis-synergies, stranded costs — actual before the data date, forecast after, against
    the agreements' budgets; and, for an ending agreement, the itemised claim for
    reasonable costs beside the settlement of the latest cost report (`carveout costs`).

    Migration work is priced at each team's recorded day rate; --day-rate prices every
    team's work at one rate instead. Work of a team with no rate is counted in person-days.

    Example: carveout separation --day-rate 450 --months 12
    """
    from carveout.cli.calendar import _scenario_and_plan
    from carveout.costs.report import CostReport
    from carveout.costs.separation_report import separation_report
    from carveout.storage import open_store

    with open_store() as store:
        portfolio = store.load()
        _, day, plan = _scenario_and_plan(store, portfolio, scenario, parse_day(as_of))
        stored = store.latest_result(scenario="portfolio", kind="costs")
    costs = CostReport.model_validate(stored) if stored is not None else None
    report = separation_report(
        portfolio=portfolio,
        plan=plan,
        as_of=day,
        costs=costs,
        day_rate=day_rate,
        period=months,
        rate_origin="given on the command line",
    )
    print_separation(report)
    if costs is None:
        console.print("[dim]No cost report saved: run carveout costs to see the settlement.[/]")


def print_separation(report: SeparationReport) -> None:
    cost = report.cost
    table = Table(title=f"Separation cost as of {uk_date(cost.as_of)}, from {report.basis}")
    for column in ("kind", "party", "actual", "forecast", "total", "budget"):
        table.add_column(column, justify="left" if column in ("kind", "party") else "right")
    for row in report.kind_totals():
        budget = "—" if row["budget"] is None else pounds(row["budget"])
        cells = [pounds(row["actual"]), pounds(row["forecast"]), pounds(row["total"])]
        if row["kind"] == "one_time" and row["unpriced_days"]:
            unpriced = f"{row['unpriced_days']:,.0f} person-days"
            if row["priced_days"]:
                cells[2] = f"{cells[2]} + {unpriced} unpriced"
            else:
                cells = ["—", "—", unpriced]
        table.add_row(row["label"], row["name"], *cells, budget)
    console.print(table)
    if any(row["kind"] == "one_time" for row in report.kind_totals()):
        console.print(f"Migration work is {report.rate_basis}.")
    for claim in report.claims:
        print_claim(claim, report.names)


def print_claim(claim: ExitClaim, names: dict[str, str]) -> None:
    table = Table(title=f"Itemised claim for reasonable costs under {claim.agreement}")
    for column in ("component", "amount", "services", "months"):
        table.add_column(column, justify="right" if column == "amount" else "left")
    for c in claim.components:
        shown = ", ".join(c.services[:4]) + (
            f" +{len(c.services) - 4}" if len(c.services) > 4 else ""
        )
        amount = pounds(c.amount)
        if c.unpriced_days:
            amount += f" + {c.unpriced_days:,.0f} person-days unpriced"
        table.add_row(c.label, amount, shown or "—", c.months)
    table.add_row("[bold]Itemised claim[/]", f"[bold]{pounds(claim.total)}[/]", "", "")
    console.print(table)
    for line in claim_sentences(claim, names):
        console.print(f"    {line}.")


def claim_sentences(claim: ExitClaim, names: dict[str, str]) -> list[str]:
    """Who pays the claim, and the settlement figures it sits beside."""
    from carveout.costs.text import flows

    lines = []
    if claim.payer is not None and claim.total:
        payees = ", ".join(names.get(p, p) for p in claim.claimants)
        lines.append(
            f"{names.get(claim.payer, claim.payer)} served notice and bears the others' "
            f"reasonable costs: it pays {payees} {pounds(claim.total)} "
            f"({claim.period} months of stranded cost and dual running)"
        )
    elif not claim.claimants:
        lines.append("Under the agreement each party bears its own costs: no claim is paid")
    if claim.settlement_costs is not None:
        lines.append(
            "Beside it, the settlement's own reasonable costs are "
            f"{pounds(claim.settlement_costs)} "
            f"(a year of running apart, from the cost game); the settlement nets to "
            f"{flows(claim.settlement_net, names)}"
            + (
                f" over its {len(claim.pool_settlements)} pools ("
                + "; ".join(
                    f"{x.pool}: reasonable costs {pounds(x.reasonable_costs)}, "
                    f"{flows(x.transfers, names)}"
                    for x in claim.pool_settlements
                )
                + ")"
                if len(claim.pool_settlements) > 1
                else ""
            )
        )
    if claim.low is not None and claim.high is not None and claim.payer in claim.low:
        payer = names.get(claim.payer, claim.payer) if claim.payer else ""
        lines.append(
            f"Defensible settlements for {payer}: from {_net(claim.low[claim.payer or ''])} "
            f"to {_net(claim.high[claim.payer or ''])}"
        )
    return lines


def _net(amount: float) -> str:
    return f"{'receiving' if amount >= 0 else 'paying'} {pounds(abs(amount))}"
