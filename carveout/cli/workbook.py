"""``carveout template``, ``import`` and ``export``: the portfolio as a workbook."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from carveout.cli.app import app, console
from carveout.errors import CarveoutError

if TYPE_CHECKING:
    from carveout.portfolio import ImportResult, WorkbookInvalid
    from carveout.storage.replacing import MassDeletion


@app.command()
def template(
    file: Annotated[Path, typer.Argument(help="The .xlsx file to write.")],
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite the file if it exists.")
    ] = False,
) -> None:
    """Write an empty workbook to fill in: one sheet per entity, each column explained.

    Row 1 names the columns (required ones in red), row 2 explains them, and
    columns with a fixed list of values offer it as a drop-down. Fill it in and
    load it with carveout import.

    Example: carveout template portfolio.xlsx
    """
    from carveout.portfolio import write_template
    from carveout.portfolio.sheets import SHEETS

    _check_target(file, force=force, suffix=".xlsx")
    write_template(path=file)
    console.print(f"Wrote the template [bold]{file}[/] ({len(SHEETS)} sheets).")


@app.command("import")
def import_(
    file: Annotated[
        Path, typer.Argument(help="An .xlsx workbook, or a folder of <sheet>.csv files.")
    ],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Check and show what would change; write nothing.")
    ] = False,
    partial: Annotated[
        list[str] | None,
        typer.Option(
            "--partial",
            "--only",
            metavar="KIND",
            help="Replace only this kind (e.g. raid or services; repeat for more); every "
            "other kind is left as it is and its sheets need not be in the file.",
        ),
    ] = None,
    allow_deletions: Annotated[
        bool,
        typer.Option(
            "--allow-deletions",
            help="Confirm removing more than 20% (and more than 5) of the records of a kind.",
        ),
    ] = False,
) -> None:
    """Replace the stored portfolio with the one in FILE, all or nothing.

    The file is the whole portfolio: records in the database that are not in
    the file are REMOVED. Every sheet must be in the file, with its header row
    (a missing sheet is an error, not an empty one), unless --partial names
    the kinds the file replaces. An import that would remove more than 20% and
    more than 5 records of a kind stops unless --allow-deletions is given.
    Everything is checked before anything is written; on any error every
    problem is listed by sheet, row and column and nothing is written.
    Importing the same file again changes nothing.

    Examples: carveout import portfolio.xlsx   carveout import raid.xlsx --partial raid
    """
    from carveout.config import get_settings
    from carveout.portfolio import WorkbookInvalid, import_workbook
    from carveout.portfolio.partial import named_kinds
    from carveout.storage import open_store
    from carveout.storage.replacing import MassDeletion

    settings = get_settings()
    kinds = named_kinds(partial or ())
    with open_store() as store, _progress() as progress:
        task = progress.add_task("Importing", total=None)

        def step(name: str) -> None:
            progress.update(task, description=f"{file.name}: {name}")

        try:
            result = import_workbook(
                store=store,
                path=file,
                actor=settings.operator,
                kinds=kinds,
                allow_deletions=allow_deletions,
                dry_run=dry_run,
                step=step,
            )
        except WorkbookInvalid as invalid:
            progress.stop()
            console.print(_error_table(invalid))
            raise
        except MassDeletion as refused:
            progress.stop()
            console.print(_deletions_table(refused))
            raise
    _print_result(result)


@app.command()
def export(
    file: Annotated[
        Path, typer.Argument(help="An .xlsx file, or a folder (no extension) for CSV files.")
    ],
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite the file if it exists.")
    ] = False,
) -> None:
    """Write the stored portfolio in the import format (.xlsx, or one CSV per sheet).

    Importing the export gives back the same portfolio.

    Examples: carveout export portfolio.xlsx   carveout export portfolio-csv/
    """
    from carveout.portfolio import write_workbook
    from carveout.storage import open_store

    if file.suffix:
        _check_target(file, force=force, suffix=".xlsx")
    elif file.exists() and any(file.glob("*.csv")) and not force:
        raise CarveoutError(f"{file} already holds CSV files: use --force to overwrite them.")
    with open_store() as store, _progress() as progress:
        progress.add_task(f"Exporting to {file}", total=None)
        portfolio = store.load()
        write_workbook(portfolio, path=file)
    count = sum(1 for _ in portfolio.items())
    console.print(f"Wrote {count} records to [bold]{file}[/].")


def _check_target(file: Path, *, force: bool, suffix: str) -> None:
    if file.suffix.lower() != suffix:
        raise CarveoutError(f"{file} must end in {suffix}, e.g. portfolio{suffix}.")
    if file.exists() and not force:
        raise CarveoutError(f"{file} already exists: use --force to overwrite it.")


def _progress() -> Progress:
    return Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    )


def _error_table(invalid: WorkbookInvalid) -> Table:
    shown = len(invalid.errors)
    more = f" (first {shown} of {invalid.total})" if invalid.total > shown else ""
    table = Table(title=f"Errors in {invalid.source}{more}: nothing was imported")
    for header in ("Sheet", "Row", "Column", "Value", "Expected"):
        table.add_column(header, overflow="fold")
    for error in invalid.errors:
        row = str(error.row) if error.row is not None else "—"
        table.add_row(error.sheet, row, error.column or "—", error.value, error.expected)
    return table


def _deletions_table(refused: MassDeletion) -> Table:
    from carveout.portfolio.sheets import SHEET_OF_KIND

    table = Table(title="Deletions to confirm: nothing was imported")
    for header in ("Sheet", "Would remove", "Of"):
        table.add_column(header, justify="left" if header == "Sheet" else "right")
    for kind, (removed, stored) in refused.removals.items():
        table.add_row(SHEET_OF_KIND[kind].name, str(removed), str(stored))
    return table


def _print_result(result: ImportResult) -> None:
    counts = result.counts()
    verb = "would change" if result.dry_run else "changed"
    if not counts:
        console.print(f"{result.source}: nothing {verb}; the database already matches the file.")
    else:
        table = Table(
            title=f"{result.source}: what {verb}" + (" (dry run)" if result.dry_run else "")
        )
        for header in ("Sheet", "Added", "Changed", "Removed"):
            table.add_column(header, justify="left" if header == "Sheet" else "right")
        for sheet, row in counts.items():
            table.add_row(sheet, str(row["added"]), str(row["changed"]), str(row["removed"]))
        console.print(table)
    if result.kinds is not None:
        from carveout.portfolio.sheets import SHEET_OF_KIND

        replaced = ", ".join(sorted(SHEET_OF_KIND[kind].name for kind in result.kinds))
        ignored = ", ".join(result.ignored_sheets)
        console.print(
            f"A partial import: it replaced {replaced}; every other sheet was left as it was"
            + (f" (ignored in the file: {ignored})." if ignored else ".")
        )
