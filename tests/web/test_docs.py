"""The API documentation page at /docs, served by the app itself (no CDN)."""

from __future__ import annotations

from fastapi.testclient import TestClient

from carveout.web.pages.docs import operations, type_name


def test_docs_is_a_page_listing_the_api_and_linking_to_the_schema(client: TestClient) -> None:
    response = client.get("/docs")

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert "<code>/api/plan</code>" in response.text
    assert 'href="/openapi.json"' in response.text
    assert "/static/carveout.css" in response.text
    assert "cdn" not in response.text.lower()


def test_docs_lists_every_operation_of_the_schema(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    page = client.get("/docs").text

    listed = operations(schema)

    assert len(listed) == sum(
        1
        for item in schema["paths"].values()
        for m in item
        if m in ("get", "post", "put", "patch", "delete")
    )
    for op in listed:
        assert f'id="{op.anchor}"' in page


def test_an_operation_shows_its_parameters_body_and_response_codes(client: TestClient) -> None:
    by_path = {(op.method, op.path): op for op in operations(client.get("/openapi.json").json())}

    services = by_path[("GET", "/api/services")]
    put = by_path[("PUT", "/api/records/service/{key}")]
    delete = by_path[("DELETE", "/api/records/service/{key}")]

    assert {p.name for p in services.parameters} >= {"q", "host", "scenario"}
    assert put.body is not None and "application/json" in put.body
    assert delete.responses[0][0] == "204"


def test_schema_types_read_as_words() -> None:
    schemas = {"Colour": {"enum": ["red", "blue"], "type": "string"}}

    assert type_name({"anyOf": [{"type": "integer"}, {"type": "null"}]}) == "integer or null"
    assert type_name({"type": "array", "items": {"type": "string"}}) == "list of string"
    assert type_name({"$ref": "#/components/schemas/Colour"}, schemas) == "one of red, blue"
    assert type_name({"$ref": "#/components/schemas/Plan"}, schemas) == "Plan"
