"""Entity tags of records: the ``ETag`` a read or a write answers with and the ``If-Match``
a change is made against (RFC 9110 §13.1.1), over the store's record versions
(:mod:`carveout.storage.versions`)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Header, Response

from carveout.domain import Record
from carveout.errors import CarveoutError
from carveout.storage.versions import ABSENT, ANY, version

IF_MATCH_HELP = (
    "Change the record only if it is still this version: the ETag a read or a write gave. "
    "A stale one is a 412 carrying the current record; `*` asks only that it exists."
)
IfMatch = Annotated[str | None, Header(alias="If-Match", description=IF_MATCH_HELP)]
IF_NONE_MATCH_HELP = (
    "`*`: add the record only if there is none with this key yet (else a 412 carrying it)."
)
IfNoneMatch = Annotated[str | None, Header(alias="If-None-Match", description=IF_NONE_MATCH_HELP)]

ETAG_HEADER: dict[str, dict[str, Any]] = {
    "ETag": {"description": "The record's version: send it as If-Match to change it",
             "schema": {"type": "string"}},
}  # fmt: skip
"""The ``ETag`` header, as the OpenAPI schema declares it."""


def etag(record: Record) -> str:
    """The strong entity tag of ``record``."""
    return f'"{version(record)}"'


def tag(response: Response, record: Record) -> None:
    """Give ``response`` the entity tag of ``record``."""
    response.headers["ETag"] = etag(record)


def expected_on_put(if_match: str | None, if_none_match: str | None) -> frozenset[str] | None:
    """The versions a ``PUT`` may replace: those of ``If-Match``, or none at all with
    ``If-None-Match: *`` (the only form of it a write understands)."""
    if if_none_match is None:
        return expected(if_match)
    if if_none_match.strip() != ANY or if_match is not None:
        raise CarveoutError(
            "A write understands If-None-Match only as `*` (add the record only if it does not "
            "exist yet), and not together with If-Match."
        )
    return frozenset({ABSENT})


def expected(if_match: str | None) -> frozenset[str] | None:
    """The versions an ``If-Match`` header accepts (None without one).

    Weak tags (``W/"…"``) never match, as the RFC's strong comparison says; a tag sent
    without its quotes is taken as it is.
    """
    if if_match is None:
        return None
    if if_match.strip() == ANY:
        return frozenset({ANY})
    tags = (t.strip() for t in if_match.split(","))
    return frozenset(t.strip('"') for t in tags if t and not t.startswith("W/"))
