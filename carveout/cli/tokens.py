"""``carveout tokens``: API tokens for scripts and other systems, acting as one user.

A token is shown once when made and kept only as a keyed hash; it expires, records when
it was last used, may be read-only, and can be revoked at any time.
"""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from carveout.cli.app import app, console
from carveout.cli.users import Email, database

tokens = typer.Typer(no_args_is_help=True, rich_markup_mode="rich")
app.add_typer(tokens, name="tokens")


@tokens.callback()
def tokens_group() -> None:
    """Create, list and revoke API tokens.

    Example: carveout tokens create ann@warks.police.uk --name reporting --scope read
    """


@tokens.command("create")
def create(
    email: Email,
    name: Annotated[str, typer.Option(help="What the token is for, e.g. the script's name.")],
    scope: Annotated[
        str, typer.Option(help="read (reads only) or write (reads and writes, as the user may).")
    ] = "read",
    days: Annotated[
        int | None,
        typer.Option(min=1, max=3650, help="Days until it expires (default: CARVEOUT_TOKEN_DAYS)."),
    ] = None,
) -> None:
    """Make an API token acting as a user; it is printed once and never again.

    Send it as `Authorization: Bearer <token>` to the JSON API under /api.

    Example: carveout tokens create ann@warks.police.uk --name reporting --scope read
    """
    from datetime import timedelta

    from carveout.access.principal import Scope
    from carveout.access.tokens import server_secret
    from carveout.config import get_settings
    from carveout.errors import CarveoutError
    from carveout.storage.accounts import get_account, now
    from carveout.storage.credentials import issue_token

    if scope not in ("read", "write"):
        raise typer.BadParameter(
            f"{scope!r} is not a scope: use read or write.", param_hint="'--scope'"
        )
    settings = get_settings()
    with database() as engine:
        user = get_account(engine, email=email)
        if user.disabled:
            raise CarveoutError(f"{user.email} is disabled: enable them first.")
        at = now()
        value, made = issue_token(
            engine,
            account_id=user.id,
            name=name,
            scope=Scope(scope),
            secret=server_secret(settings),
            at=at,
            expires=at + timedelta(days=days or settings.token_days),
        )
    console.print(
        f"Token {made.prefix} for {made.email} ({made.scope.value}, expires "
        f"{made.expires:%Y-%m-%d}):\n[bold]{value}[/]\n"
        "It is shown only this once: keep it somewhere safe. Revoke it with "
        f"`carveout tokens revoke {made.prefix}`."
    )


@tokens.command("list")
def list_tokens(
    email: Annotated[str | None, typer.Argument(help="Only this user's tokens.")] = None,
) -> None:
    """List API tokens: whose, what for, scope, expiry, last use, and whether revoked.

    Example: carveout tokens list ann@warks.police.uk
    """
    from carveout.storage import credentials
    from carveout.storage.accounts import get_account, now

    with database() as engine:
        owner = get_account(engine, email=email).id if email else None
        found = credentials.list_tokens(engine, account_id=owner)
    if not found:
        console.print("No tokens yet: make one with `carveout tokens create`.")
        return
    at = now()
    table = Table(title="API tokens")
    for column in ("Prefix", "User", "Name", "Scope", "Created", "Expires", "Last used", "State"):
        table.add_column(column, overflow="fold")
    for token in found:
        table.add_row(
            token.prefix,
            token.email,
            token.name,
            token.scope.value,
            f"{token.created:%Y-%m-%d}",
            f"{token.expires:%Y-%m-%d}",
            f"{token.last_used:%Y-%m-%d %H:%M}" if token.last_used else "never",
            token.state(at),
        )
    console.print(table)


@tokens.command("revoke")
def revoke(
    prefix: Annotated[str, typer.Argument(help="The token's prefix, as `tokens list` shows it.")],
) -> None:
    """Revoke an API token: its next request is refused.

    Example: carveout tokens revoke 3f9a0c1e
    """
    from carveout.storage.accounts import now
    from carveout.storage.credentials import revoke_token

    with database() as engine:
        token = revoke_token(engine, prefix=prefix, at=now())
    console.print(f"Token {token.prefix} of {token.email} ({token.name}) is revoked.")
