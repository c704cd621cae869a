"""The error responses of the API, declared in the OpenAPI schema so that it lists every
status a route can answer with and the shape of each body."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict


class Message(BaseModel):
    """Why the request was refused or not found."""

    detail: str


class RefusedChange(BaseModel):
    """One change the acting user may not make, and why."""

    kind: str
    key: str
    action: str
    reason: str


class Refused(BaseModel):
    """403: what the acting user's role and organisation do not allow (each change listed)."""

    detail: str
    refused: list[RefusedChange] = []


class FieldProblem(BaseModel):
    """One problem with the request: where (``loc``), what (``msg``) and its kind."""

    model_config = ConfigDict(extra="allow")

    loc: list[str | int | None]
    msg: str
    type: str
    input: Any = None


class Invalid(BaseModel):
    """422: the request, or the change it asks for, is invalid; nothing was changed."""

    model_config = ConfigDict(extra="allow")

    detail: list[FieldProblem]


COMMON: dict[int | str, dict[str, Any]] = {
    400: {"model": Message, "description": "The request cannot be carried out as asked"},
    403: {"model": Refused, "description": "Not allowed for the caller's role or organisation"},
    404: {"model": Message, "description": "No such record, scenario or result (for the caller)"},
    422: {"model": Invalid, "description": "Invalid input, or a change that breaks the portfolio"},
}
"""What every API route may answer besides its success (401 is declared by the app)."""

CONFLICT: dict[int | str, dict[str, Any]] = {
    409: {"model": Message, "description": "The proposal is already decided, or already voted"},
}


class Stale(BaseModel):
    """409 or 412: the record changed (or was removed) since the version the change was made
    against; nothing was written. ``current`` is the record now (null: gone) and ``version``
    its ETag's value."""

    detail: str
    current: dict[str, Any] | None
    version: str | None


STALE: dict[int | str, dict[str, Any]] = {
    409: {"model": Stale, "description": "The record changed meanwhile; nothing was written"},
    412: {"model": Stale, "description": "If-Match names a version that is no longer stored"},
}
"""What a change of one record made against a version (``If-Match``) may answer."""
