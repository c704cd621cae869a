from datetime import UTC, date, datetime
from typing import Any

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import DateTime, Integer, String, column, inspect, table, text

from carveout.domain import Party, Scenario
from carveout.storage import open_store
from carveout.storage.chain import UPGRADE_SEAL, read_seal
from carveout.storage.columns import Json
from carveout.storage.engine import make_engine
from carveout.storage.migrate import alembic_config, current, head, upgrade
from carveout.storage.tables import metadata
from carveout.storage.verify import verify


def test_migrations_bring_an_empty_database_to_head(empty_database_url: str) -> None:
    engine = make_engine(empty_database_url)

    assert upgrade(engine) is True

    with engine.connect() as connection:
        assert current(connection) == head()
        assert set(inspect(connection).get_table_names()) >= set(metadata.tables)
    engine.dispose()


def test_upgrading_twice_changes_nothing(empty_database_url: str) -> None:
    engine = make_engine(empty_database_url)
    upgrade(engine)
    with engine.connect() as connection:
        tables = sorted(inspect(connection).get_table_names())

    assert upgrade(engine) is False

    with engine.connect() as connection:
        assert sorted(inspect(connection).get_table_names()) == tables
        assert current(connection) == head()
    engine.dispose()


def test_opening_a_store_reports_whether_it_migrated(empty_database_url: str) -> None:
    with open_store(empty_database_url) as first:
        assert first.migrated
    with open_store(empty_database_url) as second:
        assert not second.migrated


def test_the_migrated_schema_matches_the_table_definitions(empty_database_url: str) -> None:
    engine = make_engine(empty_database_url)
    upgrade(engine)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, metadata) == []
    engine.dispose()


def test_a_database_of_the_first_release_upgrades_with_its_records_and_children_intact(
    empty_database_url: str,
) -> None:
    engine = make_engine(empty_database_url)
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), "0001")
        connection.execute(
            text("INSERT INTO party (code, name, role, position) VALUES ('A', 'A', 'host', 0)")
        )
        connection.execute(
            text(
                "INSERT INTO cost_pool (code, name, basis, driver, position) "
                "VALUES ('P', 'Pool', 'ratio', NULL, 0)"
            )
        )
        connection.execute(
            text(
                "INSERT INTO cost_pool_share (cost_pool, party, share, position) "
                "VALUES ('P', 'A', 1.0, 0)"
            )
        )

    assert upgrade(engine) is True
    engine.dispose()

    with open_store(empty_database_url) as store:
        pool = store.load().cost_pools[0]
    assert pool.shares == {"A": 1.0}
    assert pool.agreement is None and pool.charges == ()


_LEGACY_AUDIT = table(
    "audit",
    column("id", Integer),
    column("actor", String),
    column("at", DateTime(timezone=True)),
    column("kind", String),
    column("key", String),
    column("action", String),
    column("before", Json),
    column("after", Json),
)
"""The audit table as the previous release (revision 0002) had it: no chain."""


def _previous_release_with_history(url: str) -> list[dict[str, Any]]:
    """A database at revision 0002 with records and the audit rows that wrote them.

    The ids skip 3 (a rolled-back transaction can do that on PostgreSQL); the scenario's
    audited record lacks the owner and private fields added since.
    """
    scenario = Scenario(code="BASE", name="Baseline", start=date(2021, 10, 1))
    old_scenario = {
        k: v for k, v in scenario.model_dump(mode="json").items() if k not in ("owner", "private")
    }
    party = Party(code="A", name="Alpha", role="host")
    renamed = party.model_copy(update={"name": "Alpha Police"})
    at = datetime(2021, 9, 1, 8, 30, 15, 123456, tzinfo=UTC)
    rows = [
        {"id": 1, "kind": "party", "key": "A", "action": "added", "before": None,
         "after": party.model_dump(mode="json")},
        {"id": 2, "kind": "scenario", "key": "BASE", "action": "added", "before": None,
         "after": old_scenario},
        {"id": 4, "kind": "party", "key": "A", "action": "changed",
         "before": party.model_dump(mode="json"), "after": renamed.model_dump(mode="json")},
    ]  # fmt: skip
    rows = [{**row, "actor": "alice", "at": at} for row in rows]
    engine = make_engine(url)
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), "0002")
        connection.execute(
            text(
                "INSERT INTO party (code, name, role, position) "
                "VALUES ('A', 'Alpha Police', 'host', 0)"
            )
        )
        connection.execute(
            text(
                "INSERT INTO scenario (code, name, start, objective, capacity_factor, "
                "lateness_penalty, description, position) "
                "VALUES ('BASE', 'Baseline', '2021-10-01', 'cost', 1.0, 0.0, '', 0)"
            )
        )
        connection.execute(_LEGACY_AUDIT.insert(), rows)
    engine.dispose()
    return rows


def test_a_previous_release_upgrades_with_its_history_sealed_into_the_chain(
    empty_database_url: str,
) -> None:
    legacy = _previous_release_with_history(empty_database_url)

    with open_store(empty_database_url) as store:
        history = store.history(limit=10)
        result = verify(store.engine)
        with store.engine.connect() as connection:
            seal = read_seal(connection, UPGRADE_SEAL)

    assert [(e.id, e.action, e.after) for e in reversed(history)] == [
        (r["id"], r["action"], r["after"]) for r in legacy
    ]
    assert result.ok, [f.what for f in result.findings]
    assert seal is not None and seal.id == 4 and seal.hash == history[0].hash
    assert result.records == 2
    assert result.completeness == (
        f"Entries 1–4 were recorded before the chain existed and sealed on "
        f"{seal.at:%d %b %Y at %H:%M} UTC; from 5 every entry was chained as it was written."
    )


def test_after_the_upgrade_new_entries_continue_the_chain(empty_database_url: str) -> None:
    _previous_release_with_history(empty_database_url)
    with open_store(empty_database_url) as store:
        sealed = store.history(limit=1)[0]
        store.upsert("party", Party(code="B", name="Beta"), actor="bob")
        added = store.history(limit=1)[0]
        result = verify(store.engine)

    assert added.id == 5 and result.ok and result.entries == 4
    engine = make_engine(empty_database_url)
    with engine.connect() as connection:
        prev = connection.execute(text("SELECT prev_hash FROM audit WHERE id = 5")).scalar_one()
    engine.dispose()
    assert prev == sealed.hash


def test_opening_again_seals_nothing_more(empty_database_url: str) -> None:
    _previous_release_with_history(empty_database_url)
    open_store(empty_database_url).close()
    engine = make_engine(empty_database_url)
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO audit (id, actor, at, kind, key, action) "
                "VALUES (5, 'mallory', CURRENT_TIMESTAMP, 'party', 'A', 'changed')"
            )
        )
    engine.dispose()

    with open_store(empty_database_url) as store:
        result = verify(store.engine)

    assert not result.ok
    assert result.chain[0].what == (
        "Entry 5 has no hash: it was written behind carveout's back."
    ), "an entry written after the upgrade is never sealed"


def test_an_entry_sealed_at_the_upgrade_and_altered_later_is_named(
    empty_database_url: str,
) -> None:
    _previous_release_with_history(empty_database_url)
    open_store(empty_database_url).close()
    engine = make_engine(empty_database_url)
    with engine.begin() as connection:
        connection.execute(text("UPDATE audit SET actor = 'mallory' WHERE id = 2"))
    engine.dispose()

    with open_store(empty_database_url) as store:
        result = verify(store.engine)

    assert [f.what for f in result.chain] == [
        "Entry 2 was altered: its content does not match its hash."
    ]
