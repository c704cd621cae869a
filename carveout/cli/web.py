"""``carveout serve``: the web dashboard and JSON API."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from carveout.cli.app import app, console
from carveout.errors import CarveoutError

LOOPBACK = ("127.", "::1", "localhost")
APP_FACTORY = "carveout.web.app:app_from_environment"
"""What each worker process calls to build its app (uvicorn needs an import string)."""


def default_workers() -> int:
    """One worker process per core this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def exposure_warnings(host: str, *, https: bool, local_only: bool) -> list[str]:
    """What to warn about when the dashboard listens on ``host``: nothing on this machine's
    own address; otherwise plain HTTP, and host names not configured."""
    if host.startswith(LOOPBACK) or host == "[::1]":
        return []
    warnings = []
    if not https:
        warnings.append(
            f"listening on {host} over plain HTTP: passwords and session cookies would cross "
            "the network readable by anyone on the way. Serve it behind an HTTPS proxy and "
            "set CARVEOUT_HTTPS=1."
        )
    if local_only:
        warnings.append(
            "CARVEOUT_ALLOWED_HOSTS names only this machine (localhost), so requests to its "
            "other names are refused: set it to the names users type, e.g. "
            "CARVEOUT_ALLOWED_HOSTS=carveout.example.org."
        )
    return warnings


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.", min=1, max=65535)] = 8000,
    database: Annotated[
        Path | None,
        typer.Option(help="A SQLite database file (default: CARVEOUT_DATABASE_URL)."),
    ] = None,
    workers: Annotated[
        int | None,
        typer.Option(help="Worker processes answering requests (default: one per core).", min=1),
    ] = None,
) -> None:
    """Serve the dashboard and its JSON API (documented at /docs).

    Everyone signs in (`carveout users add`). On an address other than this machine's own,
    put it behind HTTPS (CARVEOUT_HTTPS=1) and name the hosts it answers
    (CARVEOUT_ALLOWED_HOSTS); it warns until both are set.

    Each worker process answers requests on its own; they share the database, the sessions
    in it and the server secret, and each keeps its own cache of what it reads, checked
    against the database's revision on every request.

    Example: carveout serve --port 8000 --database carveout.db --workers 2
    """
    import uvicorn

    from carveout.config import get_settings
    from carveout.storage import open_store

    url = get_settings().database_url
    if database is not None:
        if not database.exists():
            raise CarveoutError(
                f"{database} does not exist: run `carveout demo` or `carveout init` first, "
                "or leave out --database to use the configured database."
            )
        url = f"sqlite:///{database.resolve()}"
    settings = get_settings()
    for warning in exposure_warnings(host, https=settings.https, local_only=settings.local_only):
        console.print(f"[bold yellow]Warning:[/] {warning}")
    # Migrated once here, before any worker opens it: workers never race to upgrade it.
    open_store(url).close()
    # Each worker builds its app from the environment (uvicorn starts them afresh).
    os.environ["CARVEOUT_DATABASE_URL"] = url
    count = workers or default_workers()
    console.print(
        f"Dashboard on [bold]http://{host}:{port}/[/] with {count} worker"
        f"{'s' if count > 1 else ''} (Ctrl+C to stop)"
    )
    uvicorn.run(APP_FACTORY, factory=True, host=host, port=port, workers=count, log_level="warning")
