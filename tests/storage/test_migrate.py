from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from carveout.storage import open_store
from carveout.storage.engine import make_engine
from carveout.storage.migrate import alembic_config, current, head, upgrade
from carveout.storage.tables import metadata


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
