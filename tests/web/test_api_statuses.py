"""Every answer the API gives to a request for something that is not there, or that cannot be
read, has its status declared for that operation in the OpenAPI schema."""

from __future__ import annotations

import re
from typing import Any

from fastapi.testclient import TestClient

PARAMETER = re.compile(r"\{[^}]+\}")
UNREADABLE_QUERIES = {"as_of": "31-02-2021", "scenario": "no such scenario", "limit": "-1"}
"""Query values no operation accepts: a date that is not one, an unknown code, a bad limit."""


def reads(document: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """Every GET operation of the API, with its path template."""
    return [(path, ops["get"]) for path, ops in document["paths"].items() if "get" in ops]


def test_a_missing_thing_is_a_declared_404_on_every_read_with_a_path_parameter(
    client: TestClient,
) -> None:
    document = client.get("/openapi.json").json()
    undeclared, asked = [], 0
    for template, operation in reads(document):
        if "{" not in template:
            continue
        answer = client.get(PARAMETER.sub("999999", template))
        asked += 1
        if answer.status_code != 404 or "404" not in operation["responses"]:
            undeclared.append((template, answer.status_code, sorted(operation["responses"])))
    assert asked > 10 and undeclared == []


def test_an_unreadable_query_is_answered_with_a_declared_status_on_every_read(
    client: TestClient,
) -> None:
    document = client.get("/openapi.json").json()
    undeclared, asked = [], 0
    for template, operation in reads(document):
        names = {p["name"] for p in operation.get("parameters", []) if p["in"] == "query"}
        for name in names & set(UNREADABLE_QUERIES):
            path = PARAMETER.sub("PAY", template)
            answer = client.get(path, params={name: UNREADABLE_QUERIES[name]})
            asked += 1
            declared = operation["responses"]
            if answer.status_code < 400 or str(answer.status_code) not in declared:
                undeclared.append((template, name, answer.status_code, sorted(declared)))
    assert asked > 20 and undeclared == []
