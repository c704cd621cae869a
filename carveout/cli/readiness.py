"""``carveout readiness``: each service's exit gate beside its planned cut-over."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from carveout.cli.app import AsOf, app, console, parse_day
from carveout.errors import CarveoutError
from carveout.formatting import uk_date

if TYPE_CHECKING:
    from carveout.reports.readiness import ReadinessSection

_COLOURS = {"go": "green", "ready": "green", "no_go": "red", "not_ready": "yellow"}


@app.command()
def readiness(
    service: Annotated[str | None, typer.Option(help="Only this service's gate.")] = None,
    scenario: Annotated[
        str | None,
        typer.Option(help="Scenario whose saved plan gives the cut-overs (default: the latest)."),
    ] = None,
    as_of: AsOf = None,
) -> None:
    """Show each service's exit gate: criteria met, what blocks it, the go/no-go decision and
    the planned cut-over. A service cannot be planned to cut over before its gate can pass.

    Example: carveout readiness --service RMS
    """
    given = parse_day(as_of)
    from carveout.cli.calendar import _scenario_and_plan
    from carveout.reports.readiness import readiness_section
    from carveout.storage import open_store

    with open_store() as store:
        portfolio = store.load()
        if service is not None and service not in portfolio.service_by_code:
            raise CarveoutError(f"There is no service {service!r}. `carveout show` lists them.")
        _, _, plan = _scenario_and_plan(store, portfolio, scenario, given)
    section = readiness_section(portfolio=portfolio, plan=plan, service=service)
    if section is None:
        raise CarveoutError(
            "No exit criteria are recorded"
            + (f" for {service}" if service else "")
            + ". Add rows to the exit_criteria sheet and `carveout import` the workbook."
        )
    print_readiness(section)


def print_readiness(section: ReadinessSection) -> None:
    """The gates as a Rich table, one row per service."""
    table = Table(title="Exit readiness")
    for header in ("Service", "Gate", "Met", "Can pass", "Planned cut-over", "Blocked by"):
        table.add_column(header)
    for s in section.services:
        colour = _COLOURS.get(s.state, "white")
        decided = f" ({s.approver}, {uk_date(s.decided)})" if s.decided else ""
        table.add_row(
            s.service,
            f"[{colour}]{s.state}[/]{decided}",
            f"{s.met}/{s.total}",
            uk_date(s.can_pass) if s.can_pass else "now",
            (uk_date(s.planned_cutover) + (" (held by gate)" if s.held else ""))
            if s.planned_cutover
            else "—",
            "; ".join(s.blocking),
        )
    console.print(table)
    console.print(f"{section.ready} of {len(section.services)} services ready to exit.")
