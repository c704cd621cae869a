"""The ``carveout`` command line: one module per group of commands.

Every module in this package registers its commands on :data:`app` when
imported; :func:`main` imports them all, runs the command and turns errors
into one readable paragraph (``--debug`` shows the traceback).
"""

from __future__ import annotations

import importlib
import pkgutil
import sys

from carveout.cli.app import app, console, report_error


def load_commands() -> None:
    for module in pkgutil.iter_modules(__path__):
        if module.name != "app":
            importlib.import_module(f"{__name__}.{module.name}")


def main() -> None:
    load_commands()
    debug = "--debug" in sys.argv
    if debug:
        sys.argv.remove("--debug")
    try:
        app(standalone_mode=False)
    except Exception as error:  # the last line of defence for the user
        sys.exit(report_error(error, debug=debug))


__all__ = ["app", "console", "load_commands", "main"]
