"""The hash chain as written: every entry hashed over its content and the hash before it."""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import rfc8785
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select

from carveout.domain import Party, Portfolio
from carveout.domain.changes import Change, diff
from carveout.storage import Store, open_store
from carveout.storage import tables as t
from carveout.storage.audit import write_audit
from carveout.storage.canonical import dumps
from carveout.storage.chain import GENESIS, HEAD, UPGRADE_SEAL, read_head, read_seal
from carveout.storage.verify import verify

Factory = Callable[..., Portfolio]


def independent_hash(row: Any, prev_hash: str) -> str:
    """The documented hash, computed with the rfc8785 package alone."""
    at = row["at"] if row["at"].tzinfo else row["at"].replace(tzinfo=UTC)
    content = {
        "id": row["id"],
        "actor": row["actor"],
        "organisation": row["organisation"],
        "at": at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
        "request_id": row["request_id"],
        "kind": row["kind"],
        "key": row["key"],
        "action": row["action"],
        "before": row["before"],
        "after": row["after"],
        "prev_hash": prev_hash,
    }
    return hashlib.sha256(rfc8785.dumps(content)).hexdigest()


def _rows(store: Store) -> list[Any]:
    with store.engine.connect() as connection:
        return list(connection.execute(select(t.audit).order_by(t.audit.c.id)).mappings())


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**53) + 1, max_value=2**53 - 1)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)


@given(json_values)
def test_the_canonical_form_is_the_rfc8785_packages(value: Any) -> None:
    try:
        expected = rfc8785.dumps(value)
    except rfc8785.CanonicalizationError:
        return  # e.g. a lone surrogate: the fast path must refuse it too
    assert dumps(value) == expected


def test_floats_are_written_as_jcs_writes_them() -> None:
    for value in (250000.0, 0.1, 1e-7, 1e16, 1e21, 5e-324, 2.0**53, -0.0, 123456789012.5):
        assert dumps({"v": value}) == rfc8785.dumps({"v": value})


def test_every_entry_is_chained_to_the_one_before(store: Store, small_portfolio: Factory) -> None:
    store.apply(diff(store.load(), small_portfolio()), actor="alice")
    cad = store.load().service_by_code["CAD"]
    store.upsert("service", cad.model_copy(update={"fixed_cost": 1.0}), actor="bob")
    store.delete("blackout", "XMAS", actor="bob")

    rows = _rows(store)

    assert [r["id"] for r in rows] == list(range(1, len(rows) + 1))
    previous = GENESIS
    for row in rows:
        assert row["prev_hash"] == previous
        assert row["hash"] == independent_hash(row, previous), row["id"]
        previous = row["hash"]
    with store.engine.connect() as connection:
        head = read_head(connection)
        recorded = read_seal(connection, HEAD)
        began = read_seal(connection, UPGRADE_SEAL)
    assert head is not None and recorded is not None and began is not None
    assert (head.id, head.hash) == (recorded.id, recorded.hash) == (rows[-1]["id"], previous)
    assert began.id == 0 and began.hash == GENESIS


def test_a_clean_store_verifies_with_every_record_replayed(
    store: Store, small_portfolio: Factory
) -> None:
    store.apply(diff(store.load(), small_portfolio()), actor="alice")

    result = verify(store.engine)

    assert result.ok, result.findings
    assert result.entries == result.records == sum(1 for _ in small_portfolio().items())
    assert result.completeness.startswith("Every entry was chained as it was written")


def test_an_empty_store_verifies(store: Store) -> None:
    result = verify(store.engine)

    assert result.ok and result.entries == 0 and result.head is None


@dataclass(frozen=True, slots=True)
class Proposed(Change):
    """A step other than a change to the records, as proposals are audited."""

    @property
    def action(self) -> str:
        return "proposed"


def test_entries_of_other_actions_are_chained_but_not_replayed(store: Store) -> None:
    store.upsert("party", Party(code="A", name="A"), actor="alice")
    with store.engine.begin() as connection:
        write_audit(
            connection,
            [Proposed("party", "B", None, Party(code="B", name="Not yet"))],
            actor="bob",
            at=datetime.now(UTC),
            organisation="WAR",
            request_id="req-1",
        )
    store.upsert("party", Party(code="C", name="C"), actor="alice")

    result = verify(store.engine)

    assert result.ok, result.findings
    assert [r["action"] for r in _rows(store)] == ["added", "proposed", "added"]
    assert _rows(store)[1]["organisation"] == "WAR" and _rows(store)[1]["request_id"] == "req-1"


def test_concurrent_writers_number_and_chain_their_entries_in_turn(database_url: str) -> None:
    def write(prefix: str) -> None:
        with open_store(database_url) as store:
            for i in range(8):
                store.upsert("party", Party(code=f"{prefix}{i}", name=prefix), actor=prefix)

    threads = [threading.Thread(target=write, args=(p,)) for p in ("A", "B", "C")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    with open_store(database_url) as store:
        result = verify(store.engine)
    assert result.ok, result.findings
    assert result.entries == 24
