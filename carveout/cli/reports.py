"""``carveout report`` (the governance pack) and ``carveout export-plan`` (the plan workbook)."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from carveout.cli.app import AsOf, app, console, parse_day
from carveout.errors import CarveoutError
from carveout.formatting import uk_date

if TYPE_CHECKING:
    from carveout.cli.demo import DemoRun


class Format(StrEnum):
    PDF = "pdf"
    HTML = "html"
    BOTH = "both"


@app.command()
def report(
    scenario: Annotated[
        str | None, typer.Option(help="Scenario to report on (default: the latest planned).")
    ] = None,
    as_of: AsOf = None,
    kind: Annotated[Format, typer.Option("--format", help="What to write.")] = Format.BOTH,
    out: Annotated[
        Path | None, typer.Option(help="Folder to write into (default: the output folder).")
    ] = None,
) -> None:
    """Write the governance pack for the board: summary, progress, plan, risk, money, appendix.

    Everything is as of the data date: the scenario's plan and risk forecast
    saved for that date are used when the portfolio has not changed since,
    and computed (quickly) otherwise; the report says which. It is remembered
    so the next one shows the progress since.

    Example: carveout report --scenario tsa-2023 --as-of 2021-10-01 --format both --out reports
    """
    day = parse_day(as_of)
    from carveout.config import get_settings
    from carveout.reports.build import write_report
    from carveout.storage import open_store

    settings = get_settings()
    formats = ("html", "pdf") if kind is Format.BOTH else (kind.value,)
    folder = out or settings.output_dir
    with open_store() as store, console.status("Preparing the report…") as status:
        files = write_report(
            store=store,
            scenario=scenario,
            as_of=day,
            out=folder,
            actor=settings.operator,
            formats=formats,
            on_stage=lambda text: status.update(f"{text}…"),
        )
    pack = files.pack
    console.print(
        f"Board report for scenario [bold]{pack.scenario}[/] at {uk_date(pack.as_of)}: "
        f"status [bold]{pack.status.rating.upper()}[/] ({'; '.join(pack.status.reasons)})."
    )
    for source in pack.sources:
        console.print(f"[dim]{source}[/]")
    for path in (files.html, files.pdf):
        if path is not None:
            console.print(f"Wrote {path}")


@app.command("export-plan")
def export_plan(
    file: Annotated[Path, typer.Argument(help="The .xlsx workbook to write.")],
    scenario: Annotated[
        str | None, typer.Option(help="Scenario to export (default: the latest planned).")
    ] = None,
    as_of: AsOf = None,
) -> None:
    """Write the plan, tranches, forecasts and allocations to an Excel workbook, one sheet each.

    Example: carveout export-plan plan.xlsx --scenario extended
    """
    day = parse_day(as_of)
    if file.suffix.lower() != ".xlsx":
        raise CarveoutError(f"{file} should end in .xlsx: the plan workbook is an Excel file.")
    from carveout.reports.inputs import gather_inputs
    from carveout.reports.plan_workbook import write_plan_workbook
    from carveout.storage import open_store

    with open_store() as store, console.status("Gathering the plan and its results…"):
        inputs = gather_inputs(store=store, scenario=scenario, as_of=day)
        sheets = write_plan_workbook(path=file, inputs=inputs)
    for source in inputs.sources:
        console.print(f"[dim]{source.detail}[/]")
    console.print(f"Wrote {file} with sheets: {', '.join(sheets)}.")


def write_demo_report(run: DemoRun) -> None:
    """The demo's last step: write the board report for the demonstration and say where it is.

    Meant for ``DEMO_STEPS`` after the plan, risk and cost steps, whose saved
    results it uses (it computes any that are missing).
    """
    from carveout.config import get_settings
    from carveout.reports.build import write_report

    settings = get_settings()
    with console.status("Writing the board report…") as status:
        files = write_report(
            store=run.opened,
            scenario=None,
            as_of=run.as_of,
            out=settings.output_dir,
            actor=settings.operator,
            on_stage=lambda text: status.update(f"{text}…"),
        )
    console.print(f"Board report: {files.pdf} (and {files.html}).")
