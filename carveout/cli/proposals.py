"""``carveout proposals``: changes that bind several parties, waiting for their approval."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer
from rich.table import Table

from carveout.cli.app import app, console


class Shown(StrEnum):
    OPEN = "open"
    DECIDED = "decided"
    ALL = "all"


@app.command()
def proposals(
    status: Annotated[
        Shown, typer.Option(help="Which proposals: open (awaiting votes), decided, or all.")
    ] = Shown.OPEN,
) -> None:
    """List proposed changes to agreements, tranches, options and cost pools: who proposed
    them, the fields they change, which parties they wait for and each party's vote.

    The parties approve or reject them on the dashboard's Proposals page (or through
    /api/proposals); the command line only lists them.

    Example: carveout proposals --status all
    """
    from carveout.storage import open_store

    with open_store() as store:
        found = store.proposals(status=None if status is Shown.ALL else status.value)
    if not found:
        console.print(f"No proposals{'' if status is Shown.ALL else ' ' + status.value}.")
        return
    table = Table(title="Proposals")
    for column in ("No.", "Status", "Record", "Proposed by", "Changes", "Votes"):
        table.add_column(column, overflow="fold")
    for p in found:
        changes = ", ".join(p.fields)
        votes = [f"{v.party} {'approved' if v.approve else 'rejected'}" for v in p.votes]
        votes += [f"{party} to vote" for party in p.waiting_for]
        table.add_row(
            str(p.id),
            p.status + (f": {p.comment}" if p.comment else ""),
            f"{p.kind} {p.key} ({p.action})",
            f"{p.author} ({p.organisation}), {p.created:%Y-%m-%d %H:%M}",
            changes,
            "; ".join(votes),
        )
    console.print(table)
