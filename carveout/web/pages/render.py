"""Rendering a page: the template plus what the layout needs on every page."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse

from carveout.web import assets
from carveout.web.deps import principal
from carveout.web.queries.scope import ScenarioChoice
from carveout.web.templating import templates

_BASIS = {"asked": "as asked", "pinned": "the date scenario {code} pins", "today": "today"}


@dataclass(frozen=True, slots=True)
class DataDate:
    """The data date as the page header shows it, with its form to choose another.

    ``day`` is None on the Scenarios page when each scenario is seen as of its
    own date; ``hidden`` are the page's other query parameters, which the form
    keeps; ``reset`` is the page without ``?as_of=`` (None when none was asked).
    """

    day: date | None
    why: str
    hidden: tuple[tuple[str, str], ...]
    reset: str | None


def data_date(request: Request, *, choice: ScenarioChoice | None, day: date | None) -> DataDate:
    """The header's data date: ``choice``'s, else ``day`` (the Scenarios page's, if asked)."""
    asked = "as_of" in request.query_params
    hidden = tuple((k, v) for k, v in request.query_params.multi_items() if k != "as_of")
    reset = None
    if asked:
        query = urlencode(hidden)
        reset = request.url.path + (f"?{query}" if query else "")
    if choice is not None:
        return DataDate(
            choice.as_of, _BASIS[choice.as_of_basis].format(code=choice.code), hidden, reset
        )
    why = "as asked" if day else "the date each pins, else today"
    return DataDate(day, why, hidden, reset)


def render(
    request: Request,
    template: str,
    *,
    page: str,
    title: str,
    status: int = 200,
    choice: ScenarioChoice | None = None,
    data_date_asked: date | None = None,
    **data: Any,
) -> HTMLResponse:
    """``template`` with ``data``, the navigation state, the signed-in ``principal`` (with
    the session's ``csrf`` token for forms) and the chart bundle URL.

    A page seen as of a data date passes its ``choice`` (or, for the Scenarios
    page, ``data_date_asked``): the header then shows that date with a form to
    change it.
    """
    who = principal(request)
    dated = choice is not None or page == "scenarios"
    response: HTMLResponse = templates.TemplateResponse(
        request,
        template,
        {
            "page": page,
            "title": title,
            "principal": who,
            "actor": who.name,
            "csrf": getattr(request.state, "csrf", None),
            "bundle": assets.BUNDLE_PATH,
            "data_date": data_date(request, choice=choice, day=data_date_asked) if dated else None,
            **data,
        },
        status_code=status,
    )
    return response
