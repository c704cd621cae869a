"""The demonstration's users: an account for each role of each party and of the programme
office, their passwords shown once and kept in a file only their owner can read."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from carveout.cli.app import console

if TYPE_CHECKING:
    from carveout.cli.demo import DemoRun

DEMO_ROLES = {"party": ("editor", "finance", "viewer"), "office": ("admin", "auditor")}
"""The demonstration's users: these roles in each party, and in the programme office."""


def users_file(database: Path) -> Path:
    """Where the demo writes its users' passwords: beside the database, for its owner only."""
    return Path(f"{database}.users.txt")


def add_users(run: DemoRun) -> None:
    """A user for each role of each party and of the programme office, with a new password
    each, shown once and written to :func:`users_file`."""
    from rich.table import Table

    from carveout.access import PROGRAMME_OFFICE, Role
    from carveout.access.passwords import generate_password, hash_password
    from carveout.storage.accounts import create_account

    rows: list[tuple[str, str, str, str]] = []
    for party in run.portfolio.parties:
        rows += [
            (r, party.code, f"{r}@{party.code.lower()}.example", "") for r in DEMO_ROLES["party"]
        ]
    rows += [
        (r, PROGRAMME_OFFICE, f"{r}@programme-office.example", "") for r in DEMO_ROLES["office"]
    ]
    made = []
    with console.status("Creating a user for each role of each party…"):
        for role, organisation, email, _ in rows:
            password = generate_password()
            create_account(
                run.opened.engine,
                email=email,
                name=f"Demo {role} of {organisation}",
                organisation=organisation,
                role=Role(role),
                password_hash=hash_password(password),
            )
            made.append((email, organisation, role, password))
    target = users_file(run.database)
    _write_private(target, "".join(f"{e}\t{o}\t{r}\t{p}\n" for e, o, r, p in made))
    table = Table(title="Demonstration users (sign in at /login)")
    for column in ("E-mail", "Organisation", "Role", "Password"):
        table.add_column(column, no_wrap=True)
    for row in made:
        table.add_row(*row)
    console.print(table)
    console.print(
        f"These passwords are shown only this once; they are also in {target}, readable "
        "only by you."
    )


def _write_private(path: Path, text: str) -> None:
    """``text`` in ``path``, readable and writable by its owner only (even if it existed)."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(descriptor, 0o600)
    with os.fdopen(descriptor, "w") as file:
        file.write(text)
