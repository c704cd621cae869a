"""Lists a page at a time: ``limit`` and ``offset`` in, the total in ``X-Total-Count`` and
the neighbouring pages in a ``Link`` header (RFC 8288) out."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated, Any, TypeVar

from fastapi import Query, Request, Response

MAX_LIMIT = 1000

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="How many to return at most")]
Offset = Annotated[
    int, Query(ge=0, le=2**31 - 1, description="How many to skip (the first has offset 0)")
]

PAGE_HEADERS: dict[str, dict[str, Any]] = {
    "X-Total-Count": {
        "description": "How many there are in all pages",
        "schema": {"type": "integer"},
    },
    "Link": {
        "description": 'The next and previous pages, as `<url>; rel="next"` and `rel="prev"`',
        "schema": {"type": "string"},
    },
}
"""The paging headers, as the OpenAPI schema declares them."""

T = TypeVar("T")


def paginate(
    request: Request, response: Response, items: Sequence[T], *, limit: int, offset: int
) -> list[T]:
    """The page of ``items`` asked for, with the paging headers set on ``response``."""
    mark_page(request, response, total=len(items), limit=limit, offset=offset)
    return list(items[offset : offset + limit])


def mark_page(request: Request, response: Response, *, total: int, limit: int, offset: int) -> None:
    """Set ``X-Total-Count`` and ``Link`` for the page at ``offset`` of ``total``."""
    response.headers["X-Total-Count"] = str(total)
    links = []
    if offset + limit < total:
        links.append((offset + limit, "next"))
    if offset > 0:
        links.append((max(0, min(offset, total) - limit), "prev"))
    if links:
        response.headers["Link"] = ", ".join(
            f'<{request.url.include_query_params(limit=limit, offset=at)}>; rel="{rel}"'
            for at, rel in links
        )
