"""The API documentation page: every operation of the app's OpenAPI schema, served offline.

FastAPI's own interactive pages load their scripts from a CDN; this page is
plain HTML from the app's templates, so the documentation works without a
network. The schema itself stays at ``/openapi.json``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from carveout.web.pages.render import render

router = APIRouter(include_in_schema=False)

METHODS = ("get", "post", "put", "patch", "delete")
"""The HTTP methods listed, in the order an operation's methods are shown."""


@dataclass(frozen=True)
class Parameter:
    """One path, query, header or cookie parameter of an operation."""

    name: str
    where: str
    required: bool
    kind: str
    description: str


@dataclass(frozen=True)
class Operation:
    """One method on one path, as the documentation page lists it."""

    anchor: str
    method: str
    path: str
    summary: str
    description: str
    parameters: tuple[Parameter, ...]
    body: str | None
    responses: tuple[tuple[str, str], ...]


def type_name(schema: dict[str, Any], schemas: dict[str, Any] | None = None) -> str:
    """A JSON schema as a short phrase: ``string``, ``integer or null``, ``list of string``.

    A reference to a named schema in ``schemas`` reads as its allowed values when
    it is an enumeration, else as its name (described in ``/openapi.json``).
    """
    schemas = schemas or {}
    if "$ref" in schema:
        name = str(schema["$ref"]).rsplit("/", 1)[-1]
        target = schemas.get(name, {})
        return type_name(target, schemas) if "enum" in target else name
    if "anyOf" in schema:
        return " or ".join(type_name(s, schemas) for s in schema["anyOf"])
    if "enum" in schema:
        return "one of " + ", ".join(str(v) for v in schema["enum"])
    kind = schema.get("type", "any")
    if kind == "array":
        return f"list of {type_name(schema.get('items', {}), schemas)}"
    fmt = schema.get("format")
    return f"{kind} ({fmt})" if fmt else str(kind)


def _body(operation: dict[str, Any], schemas: dict[str, Any]) -> str | None:
    body = operation.get("requestBody")
    if not body:
        return None
    content = body.get("content", {})
    return "; ".join(
        f"{media}: {type_name(spec.get('schema', {}), schemas)}" for media, spec in content.items()
    )


def operations(schema: dict[str, Any]) -> list[Operation]:
    """Every operation in ``schema`` (an OpenAPI document), in path order."""
    schemas = schema.get("components", {}).get("schemas", {})
    found = []
    for path, item in schema.get("paths", {}).items():
        for method in METHODS:
            op = item.get(method)
            if op is None:
                continue
            parameters = tuple(
                Parameter(
                    name=p["name"],
                    where=p.get("in", ""),
                    required=bool(p.get("required")),
                    kind=type_name(p.get("schema", {}), schemas),
                    description=p.get("description", ""),
                )
                for p in op.get("parameters", [])
            )
            responses = tuple(
                (str(code), str(r.get("description", "")))
                for code, r in op.get("responses", {}).items()
            )
            found.append(
                Operation(
                    anchor=op.get("operationId", f"{method}-{path}"),
                    method=method.upper(),
                    path=path,
                    summary=op.get("summary", ""),
                    description=op.get("description", ""),
                    parameters=parameters,
                    body=_body(op, schemas),
                    responses=responses,
                )
            )
    return found


@router.get("/docs", response_class=HTMLResponse)
def docs_page(request: Request) -> HTMLResponse:
    """The JSON API's operations: method, path, summary, parameters, body and responses."""
    schema = request.app.openapi()
    return render(
        request,
        "docs.html",
        page="docs",
        title="API documentation",
        info=schema.get("info", {}),
        operations=operations(schema),
    )
