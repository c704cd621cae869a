"""``carveout init`` and ``carveout history``: the database and its audit trail."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.table import Table

from carveout.cli.app import app, console
from carveout.errors import CarveoutError

if TYPE_CHECKING:
    from carveout.storage import AuditEntry

_MAX_VALUE = 60

KINDS = (
    "party",
    "service",
    "dependency",
    "team",
    "migration",
    "blackout",
    "agreement",
    "tranche",
    "extension_option",
    "schedule_line",
    "invoice_line",
    "service_level",
    "service_level_measurement",
    "exit_criterion",
    "exit_decision",
    "cost_pool",
    "raid",
    "scenario",
)
"""The kinds of record, as :data:`carveout.domain.ENTITY_KINDS` names them (a test keeps
them in step), written out so that ``--help`` need not import the domain model."""


@app.command()
def init() -> None:
    """Create the database, or bring its schema up to date, and say where it is.

    The database is CARVEOUT_DATABASE_URL, by default carveout.db in this folder.

    Example: carveout init
    """
    from carveout.storage import open_store

    with open_store() as store:
        done = "created or upgraded" if store.migrated else "already up to date"
        console.print(f"Database ready at [bold]{store.url}[/] (schema {done}).")


@app.command()
def history(
    entity: Annotated[
        str | None,
        typer.Argument(
            metavar="[KIND[:KEY]]",
            help=f"A kind ({', '.join(KINDS)}), optionally with a record's key.",
        ),
    ] = None,
    limit: Annotated[int, typer.Option(min=1, help="Show at most this many changes.")] = 50,
) -> None:
    """Show who changed what and when, newest first, with each change's before and after.

    Example: carveout history service:CAD
    """
    from carveout.storage import open_store

    kind, key = parse_entity(entity)
    with open_store() as store:
        entries = store.history(kind, key, limit=limit)
    if not entries:
        console.print("No changes recorded" + (f" for {entity}." if entity else "."))
        return
    table = Table(title="Audit trail" + (f" of {entity}" if entity else ""))
    for column in ("When (UTC)", "Who", "Organisation", "Action", "Kind", "Key", "Changes"):
        table.add_column(column, overflow="fold")
    for entry in entries:
        table.add_row(
            entry.at.strftime("%Y-%m-%d %H:%M:%S"),
            entry.actor,
            entry.organisation or "—",
            entry.action,
            entry.kind,
            entry.key,
            describe_change(entry),
        )
    console.print(table)


def parse_entity(entity: str | None) -> tuple[str | None, str | None]:
    """``"service:CAD"`` as ``("service", "CAD")``; ``"service"`` as ``("service", None)``."""
    if not entity:
        return None, None
    kind, _, key = entity.partition(":")
    if kind not in KINDS:
        raise CarveoutError(
            f"There is no kind {kind!r}; use one of {', '.join(KINDS)} "
            "(e.g. carveout history service:CAD)."
        )
    return kind, key or None


def describe_change(entry: AuditEntry) -> str:
    """One line per field that differs: ``field: before → after``."""
    from carveout.domain import ENTITY_KINDS

    before = entry.before or {}
    after = entry.after or {}
    model = ENTITY_KINDS.get(entry.kind)
    order = list(model.model_fields) if model else list({**before, **after})
    lines = [
        _field_line(name, before.get(name), after.get(name), entry.action)
        for name in order
        if before.get(name) != after.get(name)
    ]
    return "\n".join(lines)


def _field_line(name: str, old: Any, new: Any, action: str) -> str:
    if action == "added":
        return f"{name}: {_show(new)}"
    if action == "removed":
        return f"{name}: {_show(old)} → (removed)"
    return f"{name}: {_show(old)} → {_show(new)}"


def _show(value: Any) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return text if len(text) <= _MAX_VALUE else text[: _MAX_VALUE - 1] + "…"
