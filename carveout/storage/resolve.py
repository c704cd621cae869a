"""Working out a write against the stored portfolio: lock the store, check the changes,
find what each really changes and the portfolio that would result."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Connection

from carveout.domain import COLLECTIONS, ENTITY_KINDS, Portfolio, Record, validate
from carveout.domain.changes import Change
from carveout.errors import CarveoutError, ValidationFailed
from carveout.storage import tables as t


def lock(connection: Connection) -> int:
    """Bump the store's revision, which also makes concurrent writers wait their turn."""
    bumped = connection.execute(
        t.store_state.update()
        .where(t.store_state.c.id == 1)
        .values(revision=t.store_state.c.revision + 1)
        .returning(t.store_state.c.revision)
    )
    return int(bumped.scalar_one())


def raise_problems(portfolio: Portfolio) -> None:
    problems = validate(portfolio)
    if problems:
        raise ValidationFailed(problems)


def check_kind(kind: str, record: Record | None = None) -> None:
    model = ENTITY_KINDS.get(kind)
    if model is None:
        raise CarveoutError(f"Unknown kind {kind!r}; the kinds are {', '.join(ENTITY_KINDS)}.")
    if record is not None and not isinstance(record, model):
        raise CarveoutError(f"A {kind} must be a {model.__name__}, not {type(record).__name__}.")


def check_change(change: Change) -> None:
    check_kind(change.kind, change.after)
    if change.after is not None and change.after.key != change.key:
        raise CarveoutError(
            f"The change to {change.kind} {change.key!r} carries a record keyed "
            f"{change.after.key!r}; a record's key cannot change (remove it and add a new one)."
        )


def resolve(current: Portfolio, changes: Sequence[Change]) -> tuple[tuple[Change, ...], Portfolio]:
    """Every record ``changes`` touch, as a change from what is stored (``before``) to what
    they leave (a change that alters nothing has ``before == after``), and the result.

    Later changes to the same record win. Records keep their place; new ones
    go at the end of their kind, as they will when read back.
    """
    originals: dict[str, dict[str, Record]] = {}
    state: dict[str, dict[str, Record]] = {}
    touched: dict[tuple[str, str], None] = {}
    for change in changes:
        if change.kind not in state:
            originals[change.kind] = current.by_key(change.kind)
            state[change.kind] = dict(originals[change.kind])
        records = state[change.kind]
        if change.after is None:
            records.pop(change.key, None)
        else:
            records[change.key] = change.after
        touched[(change.kind, change.key)] = None
    requested = tuple(
        Change(kind, key, originals[kind].get(key), state[kind].get(key)) for kind, key in touched
    )
    # A new Portfolio rather than ``replace``: a copy would keep the old look-up caches.
    collections = {name: current.records(kind) for kind, name in COLLECTIONS.items()}
    collections.update({COLLECTIONS[k]: tuple(records.values()) for k, records in state.items()})
    return requested, Portfolio(**collections)
