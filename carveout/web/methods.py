"""A method a path does not take is a 405 whose ``Allow`` header lists every method it takes.

Starlette answers such a request from the first route whose path matches, listing only that
route's methods; a path served by several routes (a record's GET by one, its PUT and DELETE
by others) would seem to take only GET. Here the answer is built from every route of the app
that matches the path, on pages and the API alike.
"""

from __future__ import annotations

import inspect
from collections.abc import Sequence

from fastapi import FastAPI, Request
from fastapi.responses import Response
from fastapi.routing import iter_route_contexts
from starlette.exceptions import HTTPException
from starlette.routing import BaseRoute, Mount, compile_path

STATIC_METHODS = frozenset({"GET", "HEAD"})
"""What a mounted static folder answers."""


def allowed_methods(routes: Sequence[BaseRoute], request: Request) -> set[str]:
    """The methods some route among ``routes`` (included routers' too) answers for
    ``request``'s path."""
    path: str = request.scope["path"]
    allowed: set[str] = set()
    for context in iter_route_contexts(routes):
        if context.path is None:
            continue
        if isinstance(context.route, Mount):
            if path.startswith(context.path.rstrip("/") + "/"):
                allowed |= STATIC_METHODS
        elif context.methods and compile_path(context.path)[0].match(path):
            allowed |= context.methods
    return allowed


def install_allow_header(app: FastAPI) -> None:
    """Answer 405s with the full ``Allow`` header, in the app's own error format (JSON under
    ``/api``, a page elsewhere)."""
    answer = app.exception_handlers.get(HTTPException)

    async def on_method_not_allowed(request: Request, error: Exception) -> Response:
        assert isinstance(error, HTTPException) and answer is not None
        response = answer(request, error)
        if inspect.isawaitable(response):
            response = await response
        allowed = allowed_methods(app.router.routes, request)
        response.headers["Allow"] = ", ".join(sorted(allowed))
        return response

    app.add_exception_handler(405, on_method_not_allowed)
