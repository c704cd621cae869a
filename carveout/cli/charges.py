"""``carveout charges``: the charges expected under each agreement against the invoices."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from carveout.cli.app import AsOf, PlanAsOf, app, console, parse_day
from carveout.errors import CarveoutError
from carveout.formatting import uk_date

if TYPE_CHECKING:
    from carveout.charges.report import ChargesView


@app.command()
def charges(
    as_of: AsOf = None,
    agreement: Annotated[
        str | None, typer.Option(help="Only this agreement's charges (its code).")
    ] = None,
    month: Annotated[
        str | None, typer.Option(metavar="YYYY-MM", help="Only this month's charges.")
    ] = None,
    scenario: Annotated[
        str | None,
        typer.Option(help="Scenario whose saved plan gives the exits (default: latest planned)."),
    ] = None,
    plan_as_of: PlanAsOf = None,
    tolerance: Annotated[
        float, typer.Option(min=0, help="Pounds an invoice may differ before it is flagged.")
    ] = 1.0,
) -> None:
    """Match the invoices received to the charges each agreement's terms expect, by service
    and month, flag what differs and why, and show each party's cost against its budget.

    Exits are the actual cut-overs, else the saved plan's; notice to leave early is
    served on the data date (--as-of, else the scenario's pinned date, else today).

    Example: carveout charges --agreement TSA-2021 --month 2022-02
    """
    from datetime import date

    from carveout.charges.report import charges_view
    from carveout.cli.calendar import _scenario_and_plan
    from carveout.storage import open_store

    given = parse_day(as_of)
    chosen_month = None
    if month is not None:
        try:
            chosen_month = date.fromisoformat(f"{month}-01")
        except ValueError:
            raise CarveoutError(
                f"--month {month!r} is not a month: write YYYY-MM, e.g. 2022-02."
            ) from None
    with open_store() as store:
        portfolio = store.load()
        if agreement is not None and agreement not in portfolio.agreement_by_code:
            known = ", ".join(a.code for a in portfolio.agreements) or "none"
            raise CarveoutError(f"--agreement {agreement} is not an agreement (known: {known}).")
        _, day, plan = _scenario_and_plan(
            store, portfolio, scenario, given, parse_day(plan_as_of, "--plan-as-of")
        )
    view = charges_view(
        portfolio=portfolio,
        plan=plan,
        as_of=day,
        agreement=agreement,
        month=chosen_month,
        tolerance=tolerance,
    )
    print_charges(view)


def print_charges(view: ChargesView) -> None:
    """The flagged differences, the monthly totals and the budgets, as Rich tables."""
    months = Table(title=f"Charges by month, as of {uk_date(view.as_of)}")
    for header in ("Month", "Expected", "Invoiced", "Variance", "Flags"):
        months.add_column(header, justify="left" if header == "Month" else "right")
    for month in view.months:
        rows = [m for m in view.matches if m.month == month]
        owed, paid = sum(m.expected for m in rows), sum(m.invoiced for m in rows)
        flagged = sum(1 for m in rows if m.reason is not None)
        months.add_row(
            f"{month:%b %Y}", f"£{owed:,.0f}", f"£{paid:,.0f}", f"£{paid - owed:,.0f}", str(flagged)
        )
    console.print(months)
    if view.flagged:
        flags = Table(title=f"Differences above £{view.tolerance:,.2f}")
        for header in ("Agreement", "Service", "Month", "Expected", "Invoiced", "Reason"):
            flags.add_column(header)
        for m in view.flagged:
            flags.add_row(
                m.agreement,
                m.service,
                f"{m.month:%b %Y}",
                f"£{m.expected:,.2f}",
                f"£{m.invoiced:,.2f}",
                str(m.reason),
            )
        console.print(flags)
    budgets = Table(title="Cost against budget, by agreement and paying party")
    headers = ("Agreement", "Party", "Invoiced", "Expected to date", "Expected", "Credits", "Owed")
    for header in (*headers, "Budget"):
        budgets.add_column(header, justify="left" if header in ("Agreement", "Party") else "right")
    for b in view.budgets:
        budget = "—" if b.budget is None else f"£{b.budget:,.0f}"
        budgets.add_row(
            b.agreement,
            b.party,
            f"£{b.invoiced:,.0f}",
            f"£{b.expected_to_date:,.0f}",
            f"£{b.expected:,.0f}",
            f"−£{b.credits:,.2f}" if b.credits else "—",
            f"£{b.net:,.0f}",
            budget,
        )
    console.print(budgets)
    console.print(
        f"{len(view.flagged)} differences. Exits follow {view.basis}; "
        "notice to leave early is served on the data date."
    )
    if view.later_note:
        console.print(view.later_note)


DEMO_SCENARIO, DEMO_DAY = "tsa-2023", "2021-10-01"
DEMO_SEEN = "2022-10-01"
"""The demonstration's invoices and measurements run to Sep 2022: they are seen as of this
date, a year after the plan's, against that plan's exits."""


def receive_demo_invoices(*, actor: str) -> None:
    """Store the demonstration's year of invoices, made from its 2023 plan, and match them."""
    from datetime import date

    from carveout.charges.report import charges_view
    from carveout.demo.invoices import AGREEMENT, demo_invoices
    from carveout.domain.changes import diff
    from carveout.planning.plan import read_plan
    from carveout.storage import open_store

    day = date.fromisoformat(DEMO_DAY)
    with open_store() as store:
        portfolio = store.load()
        stored = store.latest_result(scenario=DEMO_SCENARIO, kind="plan", as_of=day)
        view = charges_view(portfolio=portfolio, plan=read_plan(stored), as_of=day)
        received = portfolio.replace(invoice_lines=demo_invoices(view.expected))
        store.apply(diff(portfolio, received), actor=actor)
    console.print(f"Received {len(received.invoice_lines)} invoice lines (synthetic).")
    charges(as_of=DEMO_SEEN, agreement=AGREEMENT, scenario=DEMO_SCENARIO, plan_as_of=DEMO_DAY)
