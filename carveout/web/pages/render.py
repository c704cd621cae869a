"""Rendering a page: the template plus what the layout needs on every page."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse

from carveout.web import assets
from carveout.web.deps import saved_actor
from carveout.web.templating import templates


def render(
    request: Request, template: str, *, page: str, title: str, status: int = 200, **data: Any
) -> HTMLResponse:
    """``template`` with ``data``, the navigation state, the actor and the chart bundle URL."""
    name, problem = saved_actor(request)
    response: HTMLResponse = templates.TemplateResponse(
        request,
        template,
        {
            "page": page,
            "title": title,
            "actor": name,
            "actor_problem": problem,
            "bundle": assets.BUNDLE_PATH,
            **data,
        },
        status_code=status,
    )
    return response
