"""``carveout serve --workers N``: each worker builds the app from the environment, and what
one process writes every other process's cache sees at once."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from carveout.cli import app as cli
from carveout.cli import load_commands
from carveout.cli.web import APP_FACTORY, default_workers
from carveout.domain.changes import Change, Changeset
from carveout.storage import open_store
from carveout.web import create_app
from carveout.web.app import app_from_environment
from tests.web.conftest import BASE_URL, signed_in


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch) -> list[tuple[tuple[Any, ...], dict[str, Any]]]:
    """What ``uvicorn.run`` was called with, instead of serving."""
    import uvicorn

    calls: list[tuple[tuple[Any, ...], dict[str, Any]]] = []
    monkeypatch.setattr(uvicorn, "run", lambda *args, **kwargs: calls.append((args, kwargs)))
    # Whatever serve sets for its workers is undone after the test.
    monkeypatch.setenv("CARVEOUT_DATABASE_URL", "sqlite:///unused.db")
    load_commands()
    return calls


def test_serve_starts_the_asked_number_of_workers_on_the_given_database(
    started: list[tuple[tuple[Any, ...], dict[str, Any]]], database_url: str
) -> None:
    path = database_url.removeprefix("sqlite:///")

    result = CliRunner().invoke(cli, ["serve", "--database", path, "--workers", "3"])

    assert result.exit_code == 0, result.output
    [(args, kwargs)] = started
    assert args == (APP_FACTORY,) and kwargs["factory"] is True and kwargs["workers"] == 3
    assert os.environ["CARVEOUT_DATABASE_URL"] == f"sqlite:///{Path(path).resolve()}"
    assert "3 workers" in result.output


def test_serve_starts_one_worker_per_core_unless_told(
    started: list[tuple[tuple[Any, ...], dict[str, Any]]], database_url: str
) -> None:
    path = database_url.removeprefix("sqlite:///")

    result = CliRunner().invoke(cli, ["serve", "--database", path])

    assert result.exit_code == 0, result.output
    assert started[0][1]["workers"] == default_workers() >= 1


def test_serve_refuses_no_workers(started: list[Any], database_url: str) -> None:
    path = database_url.removeprefix("sqlite:///")

    result = CliRunner().invoke(cli, ["serve", "--database", path, "--workers", "0"])

    assert result.exit_code != 0 and not started


def test_the_worker_app_serves_the_database_named_in_the_environment(
    database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CARVEOUT_DATABASE_URL", database_url)

    worker = app_from_environment()

    with TestClient(worker, base_url=BASE_URL) as client:
        services = signed_in(client).get("/api/records/service")
    assert services.status_code == 200 and len(services.json()) > 100


@pytest.fixture
def workers(database_url: str) -> Iterator[tuple[TestClient, TestClient]]:
    """Clients of two apps on one database, with engines and caches of their own: two worker
    processes as far as the database can tell. Neither is signed in."""
    first, second = (create_app(store_url=database_url) for _ in range(2))
    with (
        TestClient(first, base_url=BASE_URL) as one,
        TestClient(second, base_url=BASE_URL) as other,
    ):
        yield one, other


def test_a_change_written_by_another_process_is_seen_by_the_next_request(
    workers: tuple[TestClient, TestClient],
) -> None:
    one, other = (signed_in(client) for client in workers)
    before = one.get("/api/records/service/PAY").json()
    assert one.get("/api/services").status_code == 200  # the derived views are cached too
    renamed = {**before, "name": "Payroll, renamed elsewhere"}

    assert other.put("/api/records/service/PAY", json=renamed).status_code == 200

    assert one.get("/api/records/service/PAY").json()["name"] == renamed["name"]
    rows = one.get("/api/services", params={"q": "PAY"}).json()["rows"]
    assert {r["code"]: r["name"] for r in rows}["PAY"] == renamed["name"]


def test_a_change_by_the_command_line_reaches_a_running_worker(database_url: str) -> None:
    worker = create_app(store_url=database_url)
    with TestClient(worker, base_url=BASE_URL) as client:
        client = signed_in(client)
        assert client.get("/api/records/raid/R01").status_code == 200
        with open_store(database_url) as store:
            record = store.load().by_key("raid")["R01"]
            store.apply(Changeset((Change("raid", "R01", record, None),)), actor="cli")

        assert client.get("/api/records/raid/R01").status_code == 404


def test_a_session_opened_by_one_worker_signs_in_on_another_with_its_csrf_token(
    workers: tuple[TestClient, TestClient],
) -> None:
    one, other = workers
    signed_in(one)
    other.cookies.update(one.cookies)
    other.headers["X-CSRF-Token"] = one.headers["X-CSRF-Token"]
    record = other.get("/api/records/raid/R01")
    changed = {**record.json(), "title": "Changed through the other worker"}

    assert other.get("/", follow_redirects=False).status_code == 200
    assert other.put("/api/records/raid/R01", json=changed).status_code == 200


def test_workers_share_the_server_secret_beside_the_database(database_url: str) -> None:
    first, second = (create_app(store_url=database_url) for _ in range(2))

    secrets = {app.state.carveout.auth.secret for app in (first, second)}

    assert len(secrets) == 1
    assert Path(f"{database_url.removeprefix('sqlite:///')}.secret").exists()
