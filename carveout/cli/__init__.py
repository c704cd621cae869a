"""The ``carveout`` command line: one module per group of commands.

Every module in this package registers its commands on :data:`app` when
imported. The engines behind some commands take seconds to import, so
:func:`main` imports only the module of the command being run (all of them for
``--help``), then turns errors into one readable paragraph (``--debug`` shows
the traceback). The command modules import their engines inside the commands,
so loading all of them for ``--help`` stays fast (a test checks which modules
loading them imports).
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
from collections.abc import Sequence

from carveout.cli.app import app, console, report_error

COMMAND_MODULES: dict[str, str] = {
    "init": "store",
    "history": "store",
    "proposals": "proposals",
    "audit": "audit",
    "template": "workbook",
    "import": "workbook",
    "export": "workbook",
    "show": "portfolio",
    "impact": "portfolio",
    "demo": "demo",
    "plan": "planning",
    "plans": "planning",
    "baseline": "planning",
    "risk": "risk",
    "sweep": "sweep",
    "costs": "costs",
    "report": "reports",
    "export-plan": "reports",
    "calendar": "calendar",
    "readiness": "readiness",
    "charges": "charges",
    "service-levels": "service_levels",
    "separation": "separation",
    "serve": "web",
    "users": "users",
    "tokens": "tokens",
    "sso": "sso",
}
"""Which module defines each command (a test keeps this in step with the modules)."""


HELPER_MODULES = frozenset({"app", "demo_users", "plan_output", "risk_impacts"})
"""Modules of this package that define no command."""


def command_modules() -> list[str]:
    return [m.name for m in pkgutil.iter_modules(__path__) if m.name not in HELPER_MODULES]


def load_commands(argv: Sequence[str] = ()) -> None:
    """Import the module defining the command in ``argv``, or every module."""
    named = next((a for a in argv if not a.startswith("-")), None)
    modules = [COMMAND_MODULES[named]] if named in COMMAND_MODULES else command_modules()
    for module in modules:
        importlib.import_module(f"{__name__}.{module}")


def main() -> None:
    debug = "--debug" in sys.argv
    if debug:
        sys.argv.remove("--debug")
    try:
        load_commands(sys.argv[1:])
        # Standalone, Typer reports usage errors (bad option values, unknown
        # commands) itself, naming the option, with exit code 2.
        app()
    except Exception as error:  # the last line of defence for the user
        sys.exit(report_error(error, debug=debug))


__all__ = ["COMMAND_MODULES", "app", "console", "load_commands", "main"]
