"""Tampering behind carveout's back, with raw SQL, is found and named by the verifier.

Each test builds a store with a history, changes the database directly — as a
database administrator could — and checks that verification names the exact entry
or record. Every test runs on SQLite and on PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import select, text

from carveout.domain import Portfolio
from carveout.domain.changes import diff
from carveout.storage import Store
from carveout.storage import tables as t
from carveout.storage.chain import HEAD, entry_hash
from carveout.storage.verify import Checkpoint, Verification, verify

Factory = Callable[..., Portfolio]


@pytest.fixture
def history(store: Store, small_portfolio: Factory) -> Store:
    """A store with the small portfolio and a few changes after it."""
    store.apply(diff(store.load(), small_portfolio()), actor="alice")
    cad = store.load().service_by_code["CAD"]
    store.upsert("service", cad.model_copy(update={"fixed_cost": 99.0}), actor="bob")
    store.delete("blackout", "XMAS", actor="bob")
    party = store.load().party_by_code["STAFF"]
    store.upsert("party", party.model_copy(update={"name": "Staffs"}), actor="carol")
    assert verify(store.engine).ok
    return store


def _sql(store: Store, *statements: str, **params: Any) -> None:
    with store.engine.begin() as connection:
        for statement in statements:
            connection.execute(text(statement), params)


def _last(store: Store) -> int:
    with store.engine.connect() as connection:
        return int(
            connection.execute(select(t.audit.c.id).order_by(t.audit.c.id.desc())).first()[0]
        )


def _entry_of(store: Store, kind: str, key: str) -> int:
    with store.engine.connect() as connection:
        return int(
            connection.execute(
                select(t.audit.c.id)
                .where(t.audit.c.kind == kind, t.audit.c.key == key)
                .order_by(t.audit.c.id.desc())
            ).first()[0]
        )


def _only(result: Verification) -> str:
    assert not result.ok
    assert len(result.findings) == 1, [f.what for f in result.findings]
    return result.findings[0].what


# The audit trail


def test_an_altered_entry_is_named(history: Store) -> None:
    _sql(history, "UPDATE audit SET actor = 'mallory' WHERE id = 5")

    result = verify(history.engine)

    assert _only(result) == "Entry 5 was altered: its content does not match its hash."
    assert result.findings[0].entry == 5


def test_an_entry_whose_record_was_altered_is_named(history: Store) -> None:
    with history.engine.begin() as connection:
        row = connection.execute(select(t.audit).where(t.audit.c.id == 7)).mappings().one()
        forged = {**row["after"], "name": "Forged"}
        connection.execute(t.audit.update().where(t.audit.c.id == 7).values(after=forged))

    result = verify(history.engine)

    assert result.chain[0].entry == 7
    assert result.chain[0].what.startswith("Entry 7 was altered")


def test_an_altered_entry_with_its_hash_recomputed_is_named(history: Store) -> None:
    with history.engine.begin() as connection:
        row = connection.execute(select(t.audit).where(t.audit.c.id == 3)).mappings().one()
        forged = {**row, "actor": "mallory"}
        digest = entry_hash(forged, row["prev_hash"])
        connection.execute(
            t.audit.update().where(t.audit.c.id == 3).values(actor="mallory", hash=digest)
        )

    what = _only(verify(history.engine))

    assert what.startswith("Entry 3 was altered and its hash recomputed")


def test_a_removed_entry_is_named(history: Store) -> None:
    _sql(history, "DELETE FROM audit WHERE id = 4")

    result = verify(history.engine)

    assert result.chain[0].entry == 4
    assert result.chain[0].what == "Entry 4 was removed: the ids skip from 3 to 5."
    assert len(result.chain) == 1


def test_an_entry_removed_from_the_end_is_named(history: Store) -> None:
    last = _last(history)
    _sql(history, f"DELETE FROM audit WHERE id = {last}")

    result = verify(history.engine)

    assert result.chain[0].entry == last
    assert result.chain[0].what.startswith(f"Entry {last} was removed from the end")


def test_an_inserted_entry_without_a_hash_is_named(history: Store) -> None:
    last = _last(history)
    _sql(
        history,
        "INSERT INTO audit (id, actor, at, kind, key, action) "
        f"VALUES ({last + 1}, 'mallory', CURRENT_TIMESTAMP, 'party', 'WMP', 'changed')",
    )

    result = verify(history.engine)

    assert result.chain[0].entry == last + 1
    assert result.chain[0].what == (
        f"Entry {last + 1} has no hash: it was written behind carveout's back."
    )


def test_an_inserted_entry_with_a_correct_hash_is_caught_by_the_recorded_head(
    history: Store,
) -> None:
    with history.engine.begin() as connection:
        last = connection.execute(select(t.audit).order_by(t.audit.c.id.desc())).mappings().first()
        assert last is not None
        forged = {**last, "id": last["id"] + 1, "actor": "mallory", "prev_hash": last["hash"]}
        forged["hash"] = entry_hash(forged, last["hash"])
        connection.execute(t.audit.insert().values(**forged))

    what = _only(verify(history.engine))

    assert what.startswith(f"Entry {last['id'] + 1} comes after the last entry carveout wrote")


def test_a_chain_rewritten_from_an_entry_on_is_caught_by_a_witness(history: Store) -> None:
    witness = verify(history.engine).head
    assert witness is not None
    # Rewrite entry 2 and every hash after it, and the recorded head: the chain holds.
    with history.engine.begin() as connection:
        rows = list(connection.execute(select(t.audit).order_by(t.audit.c.id)).mappings())
        previous = rows[0]["hash"]
        for row in rows[1:]:
            forged = {**row, "prev_hash": previous}
            if row["id"] == 2:
                forged["actor"] = "mallory"
            forged["hash"] = previous = entry_hash(forged, previous)
            connection.execute(
                t.audit.update()
                .where(t.audit.c.id == row["id"])
                .values(actor=forged["actor"], prev_hash=forged["prev_hash"], hash=forged["hash"])
            )
        connection.execute(
            t.audit_seal.update().where(t.audit_seal.c.id == HEAD).values(head=previous)
        )
    assert verify(history.engine).ok, "without a witness a full rewrite cannot be told"

    result = verify(history.engine, checkpoints=[Checkpoint(witness.id, witness.hash)])

    assert _only(result).startswith(
        f"Entry {witness.id} no longer has the hash the witness {witness.id}:"
    )
    assert f"the history up to entry {witness.id} was rewritten" in result.findings[0].what


def test_a_witness_catches_entries_removed_from_the_end_and_the_head_moved_back(
    history: Store,
) -> None:
    witness = verify(history.engine).head
    assert witness is not None
    with history.engine.begin() as connection:
        connection.execute(t.audit.delete().where(t.audit.c.id >= witness.id - 1))
        kept = connection.execute(select(t.audit).order_by(t.audit.c.id.desc())).mappings().first()
        assert kept is not None
        connection.execute(
            t.audit_seal.update()
            .where(t.audit_seal.c.id == HEAD)
            .values(through=kept["id"], head=kept["hash"])
        )

    result = verify(history.engine, checkpoints=[Checkpoint(witness.id, witness.hash)])

    assert result.witnesses[0].what.startswith(
        f"The witness {witness.id}:{witness.hash[:12]}… names entry {witness.id}, but the "
        f"trail ends at entry {witness.id - 2}"
    )
    assert not result.chain, "the chain itself was cut cleanly"


def test_a_witness_that_holds_is_listed(history: Store) -> None:
    head = verify(history.engine).head
    assert head is not None
    history.upsert(
        "party", history.load().party_by_code["WMP"].model_copy(update={"name": "W"}), actor="x"
    )

    result = verify(history.engine, checkpoints=[Checkpoint(head.id, head.hash)])

    assert result.ok and result.held == (Checkpoint(head.id, head.hash),)


# The stored records


def test_an_altered_data_row_is_named_with_the_entry_that_wrote_it(history: Store) -> None:
    _sql(history, "UPDATE service SET fixed_cost = 1 WHERE code = 'RMS'")
    entry = _entry_of(history, "service", "RMS")

    result = verify(history.engine)

    assert _only(result).startswith(f"service RMS is not as entry {entry} (alice, ")
    assert "its fixed_cost differs" in result.findings[0].what
    assert result.findings[0].record == "service RMS" and result.findings[0].entry == entry


def test_an_altered_child_row_is_named(history: Store) -> None:
    _sql(history, "UPDATE service_usage SET units = 1 WHERE service = 'CAD' AND party = 'WAR'")

    what = _only(verify(history.engine))

    assert what.startswith("service CAD is not as entry") and "its usage differs" in what


def test_a_deleted_data_row_is_named(history: Store) -> None:
    _sql(history, "DELETE FROM blackout WHERE code = 'CAD-FREEZE'")
    entry = _entry_of(history, "blackout", "CAD-FREEZE")

    result = verify(history.engine)

    assert _only(result).startswith(f"blackout CAD-FREEZE is missing: entry {entry} (alice, ")
    assert result.findings[0].record == "blackout CAD-FREEZE"


def test_an_inserted_data_row_is_named(history: Store) -> None:
    _sql(
        history,
        "INSERT INTO party (code, name, role, position) "
        "VALUES ('EVIL', 'Evil Corp', 'partner', 99)",
    )

    result = verify(history.engine)

    assert _only(result) == (
        "party EVIL is stored, but no audit entry wrote it: it was inserted behind carveout's back."
    )


def test_a_record_removed_through_carveout_and_put_back_by_hand_is_named(history: Store) -> None:
    _sql(
        history,
        'INSERT INTO blackout (code, start, "end", reason, position) '
        "VALUES ('XMAS', '2021-12-20', '2022-01-03', 'Holidays', 0)",
    )
    removal = _entry_of(history, "blackout", "XMAS")

    what = _only(verify(history.engine))

    assert what.startswith(f"blackout XMAS is stored, but entry {removal} (bob, ")
    assert "removed it" in what


def test_a_data_row_carveout_cannot_read_is_named(history: Store) -> None:
    _sql(history, "UPDATE service SET kind = 'spaceship' WHERE code = 'PAY'")

    what = _only(verify(history.engine))

    assert what.startswith("service PAY is stored in a form carveout never writes")
    assert what.endswith("it was changed behind carveout's back.")
