"""Schemathesis against the app's own OpenAPI schema, once per role, each with its own API
token: no request, however odd, gets a 5xx, and every response has a status the schema
declares for that operation, a declared content type and a body that matches the schema.

Every operation of the API router is a test of its own. Its examples are bounded
(:data:`EXAMPLES`, valid and invalid requests alike) and drawn from a fixed seed, so
``make test`` sends the same requests every time; each example is sent by every caller.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from fastapi.routing import iter_route_contexts
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from carveout.web.api import router
from tests.web.access_fixture import World, build, prepare
from tests.web.conftest import BASE_URL

EXAMPLES = 10
"""Examples per operation, each sent by the five callers."""
CALLERS = (
    ("admin", "programme-office"),
    ("editor", "WARKS"),
    ("finance", "WMERC"),
    ("viewer", "WMIDS"),
    ("auditor", "STAFFS"),
)
"""One caller of each role, of several organisations."""
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
OPERATIONS = sorted(
    (f"/api{route.path.replace(':path', '')}", method)
    for route in iter_route_contexts(router.routes)
    if route.path and getattr(route, "include_in_schema", True)
    for method in sorted((route.methods or set()) - {"HEAD"})
)
"""Every operation of the API, from its own route table."""


@pytest.fixture(scope="module")
def fuzzed(demo_database: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    world = build(prepare(demo_database, tmp_path_factory.mktemp("schemathesis")))
    with TestClient(world.app, base_url=BASE_URL):
        yield world


@pytest.fixture(scope="module")
def api_schema(fuzzed: World) -> Any:
    token = fuzzed.tokens[CALLERS[0]]
    return schemathesis.openapi.from_asgi(
        "/openapi.json",
        fuzzed.app,
        headers={"Host": "localhost", "Authorization": f"Bearer {token}"},
    )


def test_every_operation_of_the_api_is_in_its_schema(api_schema: Any) -> None:
    declared = {(op.path, op.method.upper()) for op in _operations(api_schema)}
    assert set(OPERATIONS) <= declared


def _operations(api_schema: Any) -> list[Any]:
    return [result.ok() for result in api_schema.get_all_operations()]


@pytest.mark.parametrize(("path", "method"), OPERATIONS, ids=[f"{m} {p}" for p, m in OPERATIONS])
def test_no_role_gets_a_server_error_or_an_answer_the_schema_does_not_declare(
    api_schema: Any, fuzzed: World, path: str, method: str
) -> None:
    operation = api_schema[path][method]
    strategy = st.one_of(
        operation.as_strategy(GenerationMode.POSITIVE),
        operation.as_strategy(GenerationMode.NEGATIVE),
    )

    @given(case=strategy)
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def each_caller(case: Any) -> None:
        for caller in CALLERS:
            headers = {"Authorization": f"Bearer {fuzzed.tokens[caller]}"}
            case.call_and_validate(base_url=BASE_URL, headers=headers, checks=CHECKS)

    each_caller()
