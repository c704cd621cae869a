"""The Audit page and its API twin: the trail filtered and paginated, the verification and the
head, the CSV download, and who may see them.

The routes run in a small app of their own with the acting principal set on each request,
as the sign-in middleware sets it.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from fastapi import FastAPI, Request, Response
from fastapi.testclient import TestClient
from sqlalchemy import text

from carveout.access import PROGRAMME_OFFICE, Principal, Role
from carveout.domain import Party, Portfolio, Scenario
from carveout.domain.changes import Change, diff
from carveout.storage import Store, open_store
from carveout.storage.audit import write_audit
from carveout.web.api import audit as api_audit
from carveout.web.cache import PortfolioCache, ResultCache
from carveout.web.deps import WebContext
from carveout.web.errors import install_error_handlers
from carveout.web.jobs import Jobs
from carveout.web.pages import audit as page_audit

Factory = Callable[..., Portfolio]
AUDITOR = Principal(name="ann@audit.example", organisation="WAR", role=Role.AUDITOR)
ADMIN = Principal(name="pat@office.example", organisation=PROGRAMME_OFFICE, role=Role.ADMIN)


@dataclass(frozen=True, slots=True)
class Proposed(Change):
    @property
    def action(self) -> str:
        return "proposed"


@pytest.fixture
def store(tmp_path: Path, small_portfolio: Factory) -> Iterator[Store]:
    with open_store(f"sqlite:///{tmp_path / 'audit.db'}") as opened:
        opened.apply(diff(opened.load(), small_portfolio()), actor="alice")
        cad = opened.load().service_by_code["CAD"]
        opened.upsert("service", cad.model_copy(update={"fixed_cost": 99.0}), actor="bob")
        yield opened


def client_for(store: Store, who: Principal) -> TestClient:
    app = FastAPI()
    app.state.carveout = WebContext(
        store=store,
        portfolio=PortfolioCache(store),
        results=ResultCache(store),
        jobs=Jobs(store.engine),
    )
    install_error_handlers(app)

    @app.middleware("http")
    async def signed_in(request: Request, call_next: Callable[..., object]) -> Response:
        request.state.principal = who
        request.state.csrf = None
        response: Response = await call_next(request)  # type: ignore[misc]
        return response

    app.include_router(api_audit.router, prefix="/api")
    app.include_router(page_audit.router)
    return TestClient(app)


def _propose(store: Store, *, actor: str, organisation: str, key: str = "NEW") -> None:
    with store.engine.begin() as connection:
        write_audit(
            connection,
            [Proposed("party", key, None, Party(code=key, name="Proposed party"))],
            actor=actor,
            at=datetime.now(UTC),
            organisation=organisation,
            request_id="req-42",
        )


def test_auditors_see_the_trail_newest_first_with_each_change_field_by_field(
    store: Store,
) -> None:
    body = client_for(store, AUDITOR).get("/api/audit").json()

    newest = body["entries"][0]
    assert (newest["actor"], newest["kind"], newest["key"], newest["action"]) == (
        "bob", "service", "CAD", "changed",
    )  # fmt: skip
    assert newest["changes"] == [{"field": "fixed_cost", "before": 250000.0, "after": 99.0}]
    ids = [e["id"] for e in body["entries"]]
    assert ids == sorted(ids, reverse=True) and body["total"] == ids[0]
    assert body["head"]["entry"] == ids[0]
    assert body["head"]["witness"] == f"{ids[0]}:{body['head']['hash']}"
    assert body["verification"]["verified"] is True
    assert body["verification"]["completeness"].startswith("Every entry was chained")


@pytest.mark.parametrize("role", [Role.VIEWER, Role.EDITOR, Role.FINANCE])
def test_other_roles_are_refused(store: Store, role: Role) -> None:
    client = client_for(store, Principal(name="x@war.example", organisation="WAR", role=role))

    for path in ("/audit", "/api/audit", "/audit.csv", "/api/audit.csv"):
        response = client.get(path)
        assert response.status_code == 403, path
    assert "auditors and the programme office's administrators" in response.json()["detail"]


def test_administrators_see_the_trail(store: Store) -> None:
    response = client_for(store, ADMIN).get("/audit")

    assert response.status_code == 200
    assert 'id="verified"' in response.text and 'id="witness"' in response.text


def test_the_trail_filters_by_record_user_and_organisation(store: Store) -> None:
    _propose(store, actor="carol@war.example", organisation="WAR")
    client = client_for(store, AUDITOR)

    record = client.get("/api/audit", params={"kind": "service", "key": "CAD"}).json()
    user = client.get("/api/audit", params={"actor": "bob"}).json()
    organisation = client.get("/api/audit", params={"organisation": "WAR"}).json()

    assert [e["action"] for e in record["entries"]] == ["changed", "added"]
    assert [(e["kind"], e["key"]) for e in user["entries"]] == [("service", "CAD")]
    assert [(e["actor"], e["request_id"]) for e in organisation["entries"]] == [
        ("carol@war.example", "req-42")
    ]


def test_the_trail_is_paginated_and_verified_on_the_first_page_only(store: Store) -> None:
    client = client_for(store, AUDITOR)

    first = client.get("/api/audit", params={"per_page": 3}).json()
    second = client.get("/api/audit", params={"per_page": 3, "page": 2}).json()
    asked = client.get("/api/audit", params={"per_page": 3, "page": 2, "verify": True}).json()

    assert first["pages"] == -(-first["total"] // 3)
    assert [e["id"] for e in second["entries"]] == [e["id"] - 3 for e in first["entries"]]
    assert first["verification"] is not None and second["verification"] is None
    assert asked["verification"]["verified"] is True


def test_the_page_shows_what_was_tampered_with(store: Store) -> None:
    with store.engine.begin() as connection:
        connection.execute(text("UPDATE audit SET actor = 'mallory' WHERE id = 3"))
        connection.execute(text("UPDATE service SET fixed_cost = 1 WHERE code = 'RMS'"))

    page = client_for(store, AUDITOR).get("/audit")

    assert page.status_code == 200
    assert 'id="tampered"' in page.text
    assert "Entry 3 was altered: its content does not match its hash." in page.text
    assert "service RMS is not as entry" in page.text


def test_the_csv_holds_every_matching_entry_with_formulas_defused(store: Store) -> None:
    _propose(store, actor="=HYPERLINK(evil)", organisation="WAR")

    response = client_for(store, AUDITOR).get("/audit.csv")
    twin = client_for(store, AUDITOR).get("/api/audit.csv")

    assert response.headers["content-type"].startswith("text/csv")
    assert response.text == twin.text
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert rows[0]["actor"] == "'=HYPERLINK(evil)"
    assert len(rows) == client_for(store, AUDITOR).get("/api/audit").json()["total"]
    assert rows[1]["changed_fields"] == "fixed_cost"


def test_another_partys_private_scenario_is_left_out_for_administrators(store: Store) -> None:
    secret = Scenario(
        code="WAR-POSITION", name="Our position", start=date(2021, 10, 1), owner="WAR",
        private=True,
    )  # fmt: skip
    store.upsert("scenario", secret, actor="ann@war.example")

    admin = client_for(store, ADMIN).get("/api/audit", params={"kind": "scenario"}).json()
    auditor = client_for(store, AUDITOR).get("/api/audit", params={"kind": "scenario"}).json()
    csv_text = client_for(store, ADMIN).get("/audit.csv").text

    assert "WAR-POSITION" not in str(admin) and "WAR-POSITION" not in csv_text
    assert "WAR-POSITION" in [e["key"] for e in auditor["entries"]]


def test_the_dashboard_serves_the_audit_routes(store: Store) -> None:
    from carveout.web import create_app

    with TestClient(create_app(store=store), follow_redirects=False) as anonymous:
        for path in ("/audit", "/audit.csv", "/api/audit", "/api/audit.csv"):
            # Anonymous: sent to sign in, or refused, but the route is there.
            assert anonymous.get(path).status_code != 404, path


def test_a_filter_with_control_characters_is_a_422_naming_it(store: Store) -> None:
    response = client_for(store, AUDITOR).get("/api/audit", params={"key": "CAD\x00"})

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][-1] == "key"
