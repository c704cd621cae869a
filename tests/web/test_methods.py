"""Every path of the app, asked with a method it does not take, answers 405 with an ``Allow``
header listing exactly the methods its routes take."""

from __future__ import annotations

import re
import shutil
from collections import defaultdict
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.routing import iter_route_contexts
from fastapi.testclient import TestClient
from starlette.routing import compile_path

from carveout.web import create_app
from tests.web.conftest import BASE_URL, signed_in
from tests.web.sample_results import TODAY

METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")
PARAMETER = re.compile(r"\{[^}]+\}")


def route_table(app: FastAPI) -> dict[str, set[str]]:
    """Each path template of ``app`` with the methods of every route declared on it."""
    table: dict[str, set[str]] = defaultdict(set)
    for route in iter_route_contexts(app.routes):
        if route.methods:
            table[route.path] |= route.methods
    return dict(table)


def concrete(template: str) -> str:
    """The template with every parameter filled: a path its routes answer."""
    return PARAMETER.sub("1", template)


def served(table: dict[str, set[str]], path: str) -> set[str]:
    """The methods of every template ``path`` fits (``/edit/1/1/delete`` also fits the
    edit page of record ``1/delete``)."""
    return set().union(*(m for t, m in table.items() if compile_path(t)[0].match(path)))


@pytest.fixture(scope="module")
def answering(demo_database: Path, tmp_path_factory: pytest.TempPathFactory) -> FastAPI:
    copy = tmp_path_factory.mktemp("methods") / "demo.db"
    shutil.copy(demo_database, copy)
    return create_app(store_url=f"sqlite:///{copy}", today=lambda: TODAY)


def test_the_route_table_has_paths_served_by_several_routes(answering: FastAPI) -> None:
    shared = [path for path, methods in route_table(answering).items() if len(methods) > 1]
    assert "/api/records/service/{key:path}" in shared


def test_every_path_refuses_a_method_it_does_not_take_naming_those_it_does(
    answering: FastAPI,
) -> None:
    wrong = []
    with TestClient(answering, base_url=BASE_URL) as client:
        client = signed_in(client)
        table = route_table(answering)
        for template in sorted(table):
            methods = served(table, concrete(template))
            refused = next(m for m in METHODS if m not in methods)
            response = client.request(refused, concrete(template))
            allow = {m.strip() for m in response.headers.get("allow", "").split(",") if m}
            if response.status_code != 405 or allow != methods:
                wrong.append((refused, template, response.status_code, sorted(allow)))
    assert wrong == []


def test_a_page_refusing_a_method_says_so_on_a_page_with_the_allow_header(
    answering: FastAPI,
) -> None:
    with TestClient(answering, base_url=BASE_URL) as client:
        response = signed_in(client).delete("/services")

    assert response.status_code == 405
    assert response.headers["allow"] == "GET"
    assert response.headers["content-type"].startswith("text/html")


def test_the_api_refusing_a_method_answers_json_listing_all_of_a_records_methods(
    answering: FastAPI,
) -> None:
    with TestClient(answering, base_url=BASE_URL) as client:
        response = signed_in(client).post("/api/records/service/PAY", json={})

    assert response.status_code == 405
    allow = set(response.headers["allow"].split(", "))
    assert allow >= {"GET", "PUT", "DELETE"} and "POST" not in allow
    assert response.json() == {"detail": "Method Not Allowed"}


def test_static_files_take_only_reads(answering: FastAPI) -> None:
    with TestClient(answering, base_url=BASE_URL) as client:
        response = signed_in(client).delete("/static/carveout.css")

    assert response.status_code == 405
    assert response.headers["allow"] == "GET, HEAD"


def test_options_on_every_api_path_lists_exactly_the_methods_its_schema_declares(
    answering: FastAPI,
) -> None:
    document = answering.openapi()
    wrong = []
    with TestClient(answering, base_url=BASE_URL) as client:
        client = signed_in(client)
        for template, operations in document["paths"].items():
            declared = {method.upper() for method in operations}
            response = client.options(concrete(template))
            allow = set(response.headers.get("allow", "").split(", ")) - {""}
            if response.status_code != 405 or allow != declared:
                wrong.append((template, response.status_code, sorted(allow), sorted(declared)))
    assert wrong == []
