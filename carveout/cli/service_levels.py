"""``carveout service-levels``: attainment month by month, breaches, credits and net charges."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from carveout.cli.app import AsOf, PlanAsOf, app, console, parse_day
from carveout.cli.charges import DEMO_DAY, DEMO_SCENARIO, DEMO_SEEN
from carveout.errors import CarveoutError
from carveout.formatting import uk_date

if TYPE_CHECKING:
    from carveout.reports.service_levels import ServiceLevelsSection

_MARKS = {"met": "[green]✓[/]", "breached": "[red]✗[/]", "not_measured": "[yellow]?[/]"}


@app.command(name="service-levels")
def service_levels(
    as_of: AsOf = None,
    agreement: Annotated[
        str | None, typer.Option(help="Only this agreement's service levels (its code).")
    ] = None,
    scenario: Annotated[
        str | None,
        typer.Option(help="Scenario whose saved plan gives the exits (default: latest planned)."),
    ] = None,
    plan_as_of: PlanAsOf = None,
) -> None:
    """Show each service level month by month (met, breached, not measured), the breaches,
    the service credits they earn and the charges net of them, by paying party.

    A breach earns its credit percentage of the line's expected charge that month; a line's
    credits in a month are capped at its at-risk amount and never exceed the charge.

    Example: carveout service-levels --agreement TSA-2021
    """
    from carveout.cli.calendar import _scenario_and_plan
    from carveout.reports.service_levels import service_levels_section
    from carveout.storage import open_store

    given = parse_day(as_of)
    with open_store() as store:
        portfolio = store.load()
        if agreement is not None and agreement not in portfolio.agreement_by_code:
            known = ", ".join(a.code for a in portfolio.agreements) or "none"
            raise CarveoutError(f"--agreement {agreement} is not an agreement (known: {known}).")
        _, day, plan = _scenario_and_plan(
            store, portfolio, scenario, given, parse_day(plan_as_of, "--plan-as-of")
        )
    section = service_levels_section(portfolio=portfolio, plan=plan, as_of=day, agreement=agreement)
    if section is None:
        raise CarveoutError(
            "No service levels are recorded"
            + (f" under {agreement}" if agreement else "")
            + ". Add rows to the service_levels sheet and `carveout import` the workbook."
        )
    print_service_levels(section)


def print_service_levels(section: ServiceLevelsSection) -> None:
    """The grid, the breaches, the credits by line and the net charges, as Rich tables."""
    grid = Table(title=f"Service levels, as of {uk_date(section.as_of)} (✓ met, ✗ breached)")
    grid.add_column("Service level")
    grid.add_column("Target")
    for month in section.months:
        grid.add_column(f"{month:%b %y}", justify="center")
    for level in section.levels:
        cells = {m.month: _MARKS[m.attainment] for m in level.months}
        grid.add_row(
            level.code,
            level.describe.removeprefix(level.metric).strip(),
            *(cells.get(month, "") for month in section.months),
        )
    console.print(grid)
    if section.breaches:
        breaches = Table(title="Breaches and the credits they earn")
        for header in ("Service level", "Month", "Measured", "Credit %", "Credit", "Note"):
            breaches.add_column(header, justify="right" if "Credit" in header else "left")
        for b in section.breaches:
            breaches.add_row(
                b.service_level,
                f"{b.month:%b %Y}",
                f"{b.measured:g}",
                f"{b.credit_percent:g}%",
                f"£{b.credit:,.2f}",
                b.note,
            )
        console.print(breaches)
    owed = Table(title="What is owed: charges net of service credits, by paying party")
    for header in ("Agreement", "Party", "Expected", "Credits", "Net"):
        owed.add_column(header, justify="left" if header in ("Agreement", "Party") else "right")
    for o in section.owed:
        owed.add_row(
            o.agreement,
            o.party or "",
            f"£{o.expected:,.2f}",
            f"£{o.credits:,.2f}",
            f"£{o.net:,.2f}",
        )
    console.print(owed)
    count = len(section.breaches)
    console.print(
        f"{count} breach{'' if count == 1 else 'es'}; credits £{section.credits:,.2f} set off "
        f"against £{section.expected:,.2f} of charges: £{section.net:,.2f} owed. "
        f"Exits follow {section.basis}."
    )
    if section.later:
        console.print(section.later)


def record_demo_measurements(*, actor: str) -> None:
    """Store the demonstration's year of service-level measurements, made from its 2023
    plan's expected charges (synthetic), and show the credits they earn."""
    from datetime import date

    from carveout.charges.expected import exits, expected_charges
    from carveout.demo.service_levels import demo_measurements
    from carveout.domain.changes import diff
    from carveout.planning.plan import read_plan
    from carveout.storage import open_store

    day = date.fromisoformat(DEMO_DAY)
    with open_store() as store:
        portfolio = store.load()
        stored = store.latest_result(scenario=DEMO_SCENARIO, kind="plan", as_of=day)
        plan = read_plan(stored)
        cutovers = {m.service: m.cutover for m in plan.migrations} if plan is not None else {}
        expected = expected_charges(portfolio, exit_of=exits(portfolio, cutovers), as_of=day)
        made = demo_measurements(portfolio.service_levels, portfolio.schedule_lines, expected)
        store.apply(
            diff(portfolio, portfolio.replace(service_level_measurements=made)), actor=actor
        )
    console.print(f"Recorded {len(made)} service-level measurements (synthetic).")
    service_levels(
        as_of=DEMO_SEEN, agreement="TSA-2021", scenario=DEMO_SCENARIO, plan_as_of=DEMO_DAY
    )
