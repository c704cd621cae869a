"""``PATCH`` of a record: a JSON merge patch (RFC 7396) applied to the record as stored, and
validated as a whole record is."""

from __future__ import annotations

from typing import Any

from fastapi.exceptions import RequestValidationError
from pydantic import ValidationError

from carveout.domain import Record


def merge_patch(target: Any, patch: Any) -> Any:
    """``target`` with ``patch`` merged in, as RFC 7396 says: an object merges member by
    member, ``null`` removes a member (its default then applies), anything else replaces."""
    if not isinstance(patch, dict):
        return patch
    merged = dict(target) if isinstance(target, dict) else {}
    for name, value in patch.items():
        if value is None:
            merged.pop(name, None)
        else:
            merged[name] = merge_patch(merged.get(name), value)
    return merged


def patched(current: Record, patch: dict[str, Any]) -> Record:
    """``current`` with ``patch`` applied; a 422 naming each field the result gets wrong,
    including a change of the record's key (remove it and add a new one instead)."""
    model = type(current)
    try:
        record = model.model_validate(merge_patch(current.model_dump(mode="json"), patch))
    except ValidationError as error:
        raise RequestValidationError(
            [
                {"loc": ["body", *e["loc"]], "msg": e["msg"], "type": e["type"],
                 "input": e.get("input")}
                for e in error.errors(include_url=False, include_context=False)
            ]
        ) from error  # fmt: skip
    if record.key != current.key:
        raise RequestValidationError(
            [
                {
                    "loc": ["body"],
                    "type": "key_changed",
                    "input": patch,
                    "msg": f"the patch changes the key {current.key!r} to {record.key!r}; "
                    "a record's key cannot change (remove it and add a new one)",
                }
            ]
        )
    return record
