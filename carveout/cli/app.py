"""The Typer application object and the shared console."""

from __future__ import annotations

import time
import traceback
from collections.abc import Callable
from datetime import date
from typing import Annotated

import typer
from rich.console import Console

from carveout.errors import CarveoutError

_clock = [time.perf_counter()]


def command_started() -> float:
    """When the running command started: the application's callback, before the command
    imports its engines. Time limits count from here, so compiling comes out of them."""
    return _clock[0]


def restart_clock() -> None:
    """Start counting a new command now (the demo runs several in one process)."""
    _clock[0] = time.perf_counter()


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
    # module of the command being run has been imported. It runs before every
    # command, whose time limit counts from here: the engines it imports, and
    # anything they compile, come out of that limit.
    restart_clock()


errors = Console(stderr=True, highlight=False)

AsOf = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        metavar="DATE",
        help="The data date, YYYY-MM-DD: what happened before it is fact, the rest is planned "
        "from it (default: the scenario's pinned date, else today).",
    ),
]
"""The ``--as-of`` option every command made as of a data date takes."""

PlanAsOf = Annotated[
    str | None,
    typer.Option(
        "--plan-as-of",
        metavar="DATE",
        help="The data date of the saved plan whose exits to use, YYYY-MM-DD, when no plan "
        "was made as of --as-of (it may not be later; default: --as-of).",
    ),
]
"""The ``--plan-as-of`` option: a view as of one date from the plan made as of an earlier one."""


def parse_day(value: str | None, option: str = "--as-of") -> date | None:
    """``value`` as a date (None stays None), or a usage error naming ``option``."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(
            f"{value!r} is not a date; write it as YYYY-MM-DD, e.g. 2021-10-01.",
            param_hint=f"'{option}'",
        ) from None


def report_error(error: BaseException, *, debug: bool) -> int:
    """Print ``error`` for a person and return the exit code.

    Usage errors (a bad option value, an unknown command) never get here: the
    application reports them itself, naming the option, with exit code 2.
    """
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


def between(low: float, high: float, *, example: float) -> Callable[[float], float]:
    """An option callback refusing values outside the open interval (``low``, ``high``).

    ``min=``/``max=`` on an option include their bounds; this is for the
    options (a confidence, a number of seconds) where the bound itself is meaningless.
    """

    def check(value: float) -> float:
        if not low < value < high:
            upper = "" if high == float("inf") else f" and less than {high:g}"
            raise typer.BadParameter(
                f"{value:g} is not allowed: use more than {low:g}{upper}, e.g. {example:g}."
            )
        return value

    return check
