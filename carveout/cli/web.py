"""``carveout serve``: the web dashboard and JSON API."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from carveout.cli.app import app, console
from carveout.errors import CarveoutError

LOOPBACK = ("127.", "::1", "localhost")


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
) -> None:
    """Serve the dashboard and its JSON API (documented at /docs).

    Everyone signs in (`carveout users add`). On an address other than this machine's own,
    put it behind HTTPS (CARVEOUT_HTTPS=1) and name the hosts it answers
    (CARVEOUT_ALLOWED_HOSTS); it warns until both are set.

    Example: carveout serve --port 8000 --database carveout.db
    """
    import uvicorn

    from carveout.config import get_settings
    from carveout.web import create_app

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
    application = create_app(store_url=url)
    console.print(f"Dashboard on [bold]http://{host}:{port}/[/] (Ctrl+C to stop)")
    uvicorn.run(application, host=host, port=port, log_level="warning")
