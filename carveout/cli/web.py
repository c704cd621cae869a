"""``carveout serve``: the web dashboard and JSON API."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from carveout.cli.app import app, console
from carveout.errors import CarveoutError


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
    application = create_app(store_url=url)
    console.print(f"Dashboard on [bold]http://{host}:{port}/[/] (Ctrl+C to stop)")
    uvicorn.run(application, host=host, port=port, log_level="warning")
