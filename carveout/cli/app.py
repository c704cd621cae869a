"""The Typer application object and the shared console."""

from __future__ import annotations

import traceback

import click
import typer
from rich.console import Console

from carveout.errors import CarveoutError

app = typer.Typer(
    name="carveout",
    help="Plan, cost and track the separation of shared services.\n\n"
    "Example: carveout demo && carveout show",
    no_args_is_help=True,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
)
console = Console(highlight=False)


@app.callback()
def carveout() -> None:
    """Plan, cost and track the separation of shared services.

    Example: carveout demo && carveout show
    """
    # A callback keeps ``carveout COMMAND`` a command group even when only the
    # module of the command being run has been imported.


errors = Console(stderr=True, highlight=False)


def report_error(error: BaseException, *, debug: bool) -> int:
    """Print ``error`` for a person and return the exit code."""
    if isinstance(error, click.exceptions.Exit):
        return error.exit_code
    if isinstance(error, click.exceptions.Abort):
        errors.print("Aborted.")
        return 1
    if isinstance(error, click.ClickException):
        error.show()
        return error.exit_code
    if debug:
        errors.print(traceback.format_exc())
    if isinstance(error, CarveoutError):
        errors.print(f"[bold red]Error:[/] {error}")
        return 1
    errors.print(
        f"[bold red]Unexpected error:[/] {type(error).__name__}: {error}\n"
        "Run the command again with --debug to see where it happened."
    )
    return 2
