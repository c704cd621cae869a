from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from carveout.errors import CarveoutError
from carveout.storage import open_store
from carveout.storage.engine import describe, make_engine


def test_sqlite_connections_have_foreign_keys_and_wal_on(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'x.db'}")
    with engine.connect() as connection:
        assert connection.execute(text("PRAGMA foreign_keys")).scalar_one() == 1
        assert connection.execute(text("PRAGMA journal_mode")).scalar_one() == "wal"
    engine.dispose()


def test_the_store_refuses_a_row_pointing_at_nothing_even_outside_validation(
    tmp_path: Path,
) -> None:
    store = open_store(f"sqlite:///{tmp_path / 'x.db'}")
    with store.engine.connect() as db, pytest.raises(IntegrityError, match="FOREIGN KEY"):
        db.execute(text("INSERT INTO service_consumer VALUES ('NOPE', 0, 'NOBODY')"))
    store.close()


def test_an_unsupported_database_is_a_clear_error() -> None:
    with pytest.raises(CarveoutError, match="SQLite or PostgreSQL, not mysql"):
        open_store("mysql://localhost/carveout")


def test_an_unreadable_url_is_a_clear_error() -> None:
    with pytest.raises(CarveoutError, match="cannot be read"):
        open_store("not a url")


def test_a_database_that_cannot_be_opened_says_where_and_what_to_do(tmp_path: Path) -> None:
    missing = tmp_path / "no" / "such" / "folder" / "x.db"
    with pytest.raises(CarveoutError, match=r"Cannot open the database at .*CARVEOUT_DATABASE_URL"):
        open_store(f"sqlite:///{missing}")


def test_messages_never_show_a_password() -> None:
    shown = describe("postgresql+psycopg://me:secret@db.example/carveout")
    assert "secret" not in shown and "db.example" in shown
