"""``true`` and ``false`` are not numbers: every numeric field of every record body and every
numeric query parameter of the API refuses them with a 422 naming the field, as the schema's
``"type": "number"`` / ``"integer"`` says."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from pydantic import TypeAdapter, ValidationError

from carveout.domain import ranges

NUMERIC = {"number", "integer"}


def resolve(schema: dict[str, Any], document: dict[str, Any]) -> dict[str, Any]:
    """``schema`` with its ``$ref`` followed."""
    while "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        schema = document["components"]["schemas"][name]
    return schema


def is_numeric(schema: dict[str, Any]) -> bool:
    """Whether the schema asks for a number (alone, or or-null)."""
    kinds = {schema.get("type")} | {s.get("type") for s in schema.get("anyOf", [])}
    return bool(kinds & NUMERIC) and kinds - {None, "null"} <= NUMERIC


def record_bodies(document: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(records path, kind, numeric field) for every numeric field of every record body."""
    found = []
    for path, operations in document["paths"].items():
        put = operations.get("put")
        if not path.startswith("/api/records/") or put is None:
            continue
        body = put["requestBody"]["content"]["application/json"]["schema"]
        properties = resolve(body, document).get("properties", {})
        kind = path.split("/")[3]
        found += [(path, kind, name) for name, p in properties.items() if is_numeric(p)]
    return found


def numeric_queries(document: dict[str, Any]) -> list[tuple[str, str]]:
    """(path, parameter) for every numeric query parameter of a GET without path parameters."""
    return [
        (path, parameter["name"])
        for path, operations in document["paths"].items()
        if "get" in operations and "{" not in path
        for parameter in operations["get"].get("parameters", [])
        if parameter["in"] == "query" and is_numeric(parameter["schema"])
    ]


@pytest.mark.parametrize("value", [True, False])
@pytest.mark.parametrize(
    "kind",
    ["Money", "Days", "Effort", "People", "Months", "Factor", "Quantity", "Probability", "Year"],
)
def test_no_range_reads_true_or_false_as_a_number(kind: str, value: bool) -> None:
    with pytest.raises(ValidationError, match="not true or false"):
        TypeAdapter(getattr(ranges, kind)).validate_python(value)


def test_ranges_still_read_numbers_and_numbers_written_as_text() -> None:
    assert TypeAdapter(ranges.Money).validate_python(1) == 1.0
    assert TypeAdapter(ranges.Money).validate_python("12.5") == 12.5
    assert TypeAdapter(ranges.Year).validate_json('"2020"') == 2020


def test_every_numeric_field_of_a_record_body_refuses_true_and_false(
    client: TestClient,
) -> None:
    document = client.get("/openapi.json").json()
    fields = record_bodies(document)
    assert len({kind for _, kind, _ in fields}) >= 8  # most kinds have numbers
    # The demonstration receives its invoices only once planned: give the kind one record.
    invoice = {"code": "INV-1", "agreement": "TSA-2021", "service": "CAD", "month": "2021-10-01"}
    made = client.put("/api/records/invoice_line/INV-1", json={**invoice, "amount": 1000})
    assert made.status_code in (200, 201), made.text[:300]
    # So are its service-level measurements.
    level = "TSA-T1/CAD/availability"
    measured = {"code": "M-1", "service_level": level, "month": "2021-10-01", "value": 99.9}
    made = client.put("/api/records/service_level_measurement/M-1", json=measured)
    assert made.status_code in (200, 201), made.text[:300]
    accepted = []
    for path, kind, name in fields:
        listed = client.get(f"/api/records/{kind}").json()
        records = listed if isinstance(listed, list) else listed["items"]
        record = records[0]
        key = path.split("{")[0] + str(record.get("code", ""))
        for value in (True, False):
            answer = client.put(key, json={**record, name: value})
            named = any(e["loc"][-1] == name for e in answer.json().get("detail", []))
            if answer.status_code != 422 or not named:
                accepted.append((kind, name, value, answer.status_code))
    assert accepted == []


def test_every_numeric_query_parameter_refuses_true_and_false(client: TestClient) -> None:
    document = client.get("/openapi.json").json()
    parameters = numeric_queries(document)
    assert parameters
    accepted = [
        (path, name, value, answer.status_code)
        for path, name in parameters
        for value in ("true", "false")
        if (answer := client.get(path, params={name: value})).status_code != 422
    ]
    assert accepted == []
