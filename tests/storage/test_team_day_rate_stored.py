"""A team's day rate: stored, loaded, and added to a database that predates it."""

from alembic import command
from sqlalchemy import inspect, text

from carveout.domain import Party, Team
from carveout.storage import Store, open_store
from carveout.storage.engine import make_engine
from carveout.storage.migrate import alembic_config, upgrade


def test_a_teams_day_rate_is_stored_and_a_blank_one_stays_blank(store: Store) -> None:
    store.upsert("party", Party(code="A", name="Alpha"), actor="tester")
    store.upsert("team", Team(code="T1", name="Rated", party="A", day_rate=475.5), actor="tester")
    store.upsert("team", Team(code="T2", name="Unrated"), actor="tester")

    loaded = {t.code: t for t in store.load().teams}

    assert loaded["T1"].day_rate == 475.5
    assert loaded["T2"].day_rate is None


def test_changing_a_day_rate_replaces_it(store: Store) -> None:
    store.upsert("team", Team(code="T1", name="Team", day_rate=400), actor="tester")
    store.upsert("team", Team(code="T1", name="Team", day_rate=None), actor="tester")

    assert store.load().teams[0].day_rate is None
    after = store.history(limit=1)[0].after
    assert after is not None and after["day_rate"] is None


def test_a_team_written_before_the_column_existed_loads_without_a_rate(
    empty_database_url: str,
) -> None:
    engine = make_engine(empty_database_url)
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), "0009")
        assert "day_rate" not in {c["name"] for c in inspect(connection).get_columns("team")}
        connection.execute(
            text("INSERT INTO team (code, name, party, position) VALUES ('OLD', 'Old', NULL, 0)")
        )

    assert upgrade(engine) is True
    with engine.connect() as connection:
        assert "day_rate" in {c["name"] for c in inspect(connection).get_columns("team")}
    engine.dispose()

    with open_store(empty_database_url) as opened:
        (team,) = opened.load().teams
    assert (team.code, team.day_rate) == ("OLD", None)
