"""``carveout sso``: single sign-on by OpenID Connect, one issuer per organisation.

Each organisation may sign its people in with its own identity provider (e.g. a force's
Entra ID tenant). A person is let in when the verified e-mail address the issuer gives
is on the list or in one of the domains; their first sign-in creates their account.
"""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from carveout.cli.app import app, console
from carveout.cli.users import ROLES, database

sso = typer.Typer(no_args_is_help=True, rich_markup_mode="rich")
app.add_typer(sso, name="sso")

Organisation = Annotated[
    str, typer.Argument(help="A party's code, or programme-office.", show_default=False)
]


@sso.callback()
def sso_group() -> None:
    """Add, list and remove organisations' single sign-on issuers.

    Example: carveout sso add WARKS --issuer https://login.microsoftonline.com/TENANT/v2.0
    --client-id ID --domain warks.police.uk
    """


@sso.command("add")
def add(
    organisation: Organisation,
    issuer: Annotated[
        str,
        typer.Option(
            help="The issuer URL, e.g. https://login.microsoftonline.com/<tenant id>/v2.0.",
            show_default=False,
        ),
    ],
    client_id: Annotated[
        str, typer.Option(help="The application (client) id registered with the issuer.")
    ],
    client_secret: Annotated[
        str,
        typer.Option(
            prompt=True,
            hide_input=True,
            envvar="CARVEOUT_SSO_CLIENT_SECRET",
            help="The client secret (asked for, hidden, when not given).",
        ),
    ],
    domain: Annotated[
        list[str] | None,
        typer.Option(help="Sign in anyone of this e-mail domain (repeat for several)."),
    ] = None,
    email: Annotated[
        list[str] | None,
        typer.Option(help="Sign in this e-mail address (repeat for several)."),
    ] = None,
    role: Annotated[
        str, typer.Option(help=f"The role of accounts it creates: {', '.join(ROLES)}.")
    ] = "viewer",
) -> None:
    """Let an organisation's people sign in with its OpenID Connect issuer.

    Register http(s)://<dashboard host>/login/sso/<ORGANISATION>/callback as the
    application's redirect URI with the issuer.

    Example: carveout sso add WARKS --issuer https://login.microsoftonline.com/TENANT/v2.0
    --client-id 1b2c... --domain warks.police.uk --role viewer
    """
    from carveout.storage.accounts import parse_role
    from carveout.storage.providers import add_provider

    with database() as engine:
        provider = add_provider(
            engine,
            organisation=organisation,
            issuer=issuer,
            client_id=client_id,
            client_secret=client_secret,
            email_domains=domain or (),
            emails=email or (),
            role=parse_role(role),
        )
    whom = ", ".join([*provider.email_domains, *provider.emails])
    console.print(
        f"{provider.organisation} signs in with {provider.issuer} ({whom}); first sign-ins "
        f"become {provider.role.value}s. Redirect URI to register: "
        f"<dashboard>/login/sso/{provider.organisation}/callback"
    )


@sso.command("list")
def list_providers() -> None:
    """List each organisation's issuer, whom it signs in and the role it gives.

    Example: carveout sso list
    """
    from carveout.storage import providers

    with database() as engine:
        found = providers.list_providers(engine)
    if not found:
        console.print("No single sign-on issuers: add one with `carveout sso add`.")
        return
    table = Table(title="Single sign-on")
    for column in ("Organisation", "Issuer", "Client id", "Domains", "E-mails", "Role"):
        table.add_column(column, overflow="fold")
    for p in found:
        table.add_row(
            p.organisation,
            p.issuer,
            p.client_id,
            ", ".join(p.email_domains) or "—",
            ", ".join(p.emails) or "—",
            p.role.value,
        )
    console.print(table)


@sso.command("remove")
def remove(organisation: Organisation) -> None:
    """Stop an organisation signing in with its issuer (its accounts stay; sessions go on
    until they end: disable users to end them at once).

    Example: carveout sso remove WARKS
    """
    from carveout.storage.providers import remove_provider

    with database() as engine:
        remove_provider(engine, organisation=organisation)
    console.print(f"{organisation} no longer signs in by single sign-on.")
