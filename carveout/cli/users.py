"""``carveout users``: who may sign in to the dashboard, their organisation and role.

The command line acts as the operating-system user, who already holds the database
(:func:`carveout.access.operator`): the programme office's administrator.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from carveout.cli.app import app, console

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from carveout.storage.accounts import Account

ROLES = ("admin", "editor", "finance", "viewer", "auditor")
"""The roles, as :class:`carveout.access.Role` names them (written out so that ``--help``
need not import it; a test keeps them in step)."""

users = typer.Typer(no_args_is_help=True, rich_markup_mode="rich")
app.add_typer(users, name="users")

Email = Annotated[str, typer.Argument(help="The user's e-mail address, e.g. ann@warks.police.uk.")]
Prompt = Annotated[
    bool,
    typer.Option(
        "--prompt",
        help="Type the password (hidden) instead of having one generated and printed once.",
    ),
]


@users.callback()
def users_group() -> None:
    """Add, list, disable users; reset their passwords; change their roles; sign them out.

    Example: carveout users add ann@warks.police.uk --organisation WARKS --role editor
    """


@contextmanager
def database() -> Iterator[Engine]:
    """The configured database's engine, for the access commands (closed after)."""
    from carveout.storage import open_store

    with open_store() as store:
        yield store.engine


def _new_password(email: str, name: str, *, prompt: bool) -> tuple[str, bool]:
    """A password for the user and whether carveout generated it (then it is printed)."""
    from carveout.access.passwords import check_password, generate_password

    if not prompt:
        return generate_password(), True
    typed: str = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    return check_password(typed, email=email, name=name), False


def _show_password(email: str, password: str) -> None:
    console.print(
        f"Password for {email}: [bold]{password}[/]\n"
        "It is shown only this once and not stored: pass it on to the user by a safe route."
    )


@users.command("add")
def add(
    email: Email,
    organisation: Annotated[
        str,
        typer.Option(help="A party's code, or programme-office.", show_default=False),
    ],
    role: Annotated[str, typer.Option(help=f"One of {', '.join(ROLES)}.")] = "viewer",
    name: Annotated[str, typer.Option(help="The user's name (default: the address).")] = "",
    prompt: Prompt = False,
) -> None:
    """Add a user who signs in with a password (generated and printed once, unless --prompt).

    Example: carveout users add ann@warks.police.uk --organisation WARKS --role editor
    """
    from carveout.access.passwords import hash_password
    from carveout.storage.accounts import check_organisation, create_account, parse_role

    chosen = parse_role(role)
    with database() as engine:
        check_organisation(engine, organisation)
        password, generated = _new_password(email, name, prompt=prompt)
        user = create_account(
            engine,
            email=email,
            name=name,
            organisation=organisation,
            role=chosen,
            password_hash=hash_password(password),
        )
    console.print(f"Added {user.email}: {user.role.value} of {user.organisation}.")
    if generated:
        _show_password(user.email, password)


@users.command("list")
def list_users(
    organisation: Annotated[
        str | None, typer.Option(help="Only the users of this organisation.")
    ] = None,
) -> None:
    """List the users: organisation, role, whether enabled or locked, last sign-in.

    Example: carveout users list --organisation WARKS
    """
    from carveout.storage.accounts import list_accounts

    with database() as engine:
        found = list_accounts(engine, organisation=organisation)
    if not found:
        console.print("No users yet: add one with `carveout users add`.")
        return
    table = Table(title="Users")
    for column in ("E-mail", "Name", "Organisation", "Role", "State", "Signs in by", "Last"):
        table.add_column(column, overflow="fold")
    for user in found:
        table.add_row(
            user.email,
            user.name,
            user.organisation,
            user.role.value,
            _state(user),
            "password" if user.has_password else "single sign-on",
            f"{user.last_login:%Y-%m-%d %H:%M}" if user.last_login else "never",
        )
    console.print(table)


def _state(user: Account) -> str:
    from carveout.storage.accounts import now

    if user.disabled:
        return "disabled"
    if user.locked_until is not None and user.locked_until > now():
        return f"locked until {user.locked_until:%H:%M} UTC"
    return "enabled"


@users.command("disable")
def disable(
    email: Email,
    enable: Annotated[bool, typer.Option("--enable", help="Enable the user again.")] = False,
) -> None:
    """Disable a user: their sessions end at once and their API tokens stop working.

    Example: carveout users disable ann@warks.police.uk
    """
    from carveout.storage.accounts import set_disabled

    with database() as engine:
        user = set_disabled(engine, email=email, disabled=not enable)
    done = "disabled: their sessions have ended" if user.disabled else "enabled again"
    console.print(f"{user.email} is {done}.")


@users.command("reset-password")
def reset_password(email: Email, prompt: Prompt = False) -> None:
    """Give a user a new password (generated and printed once, unless --prompt); their
    sessions end and any lockout is lifted.

    Example: carveout users reset-password ann@warks.police.uk
    """
    from carveout.access.passwords import hash_password
    from carveout.storage.accounts import get_account, set_password

    with database() as engine:
        user = get_account(engine, email=email)
        password, generated = _new_password(user.email, user.name, prompt=prompt)
        set_password(engine, email=user.email, password_hash=hash_password(password))
    console.print(f"New password set for {user.email}; their sessions have ended.")
    if generated:
        _show_password(user.email, password)


@users.command("role")
def role(
    email: Email,
    new_role: Annotated[str, typer.Argument(metavar="ROLE", help=f"One of {', '.join(ROLES)}.")],
) -> None:
    """Give a user another role; it applies from their next request.

    Example: carveout users role ann@warks.police.uk finance
    """
    from carveout.storage.accounts import parse_role, set_role

    with database() as engine:
        user = set_role(engine, email=email, role=parse_role(new_role))
    console.print(f"{user.email} is now {user.role.value} of {user.organisation}.")


@users.command("sign-out")
def sign_out(
    email: Annotated[str | None, typer.Argument(help="The user to sign out everywhere.")] = None,
    everyone: Annotated[bool, typer.Option("--all", help="Sign every user out.")] = False,
) -> None:
    """End a user's sessions in every browser (or every user's, with --all); API tokens go on.

    Example: carveout users sign-out ann@warks.police.uk
    """
    from carveout.errors import CarveoutError
    from carveout.storage.accounts import get_account, now
    from carveout.storage.credentials import revoke_every_session, revoke_sessions

    if (email is None) == (not everyone):
        raise CarveoutError("Name one user (carveout users sign-out EMAIL) or give --all.")
    with database() as engine:
        if email is None:
            ended = revoke_every_session(engine, at=now())
            whose = "every user"
        else:
            user = get_account(engine, email=email)
            ended = revoke_sessions(engine, account_id=user.id, at=now())
            whose = user.email
    console.print(f"Ended {ended} session(s) of {whose}.")
