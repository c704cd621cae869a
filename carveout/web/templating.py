"""The Jinja2 environment: templates, formatting filters and the navigation."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.templating import Jinja2Templates
from markupsafe import Markup

from carveout.formatting import pounds, pounds_exact

TEMPLATES = Path(__file__).parent / "templates"

NAVIGATION: tuple[tuple[str, str], ...] = (
    ("overview", "Overview"),
    ("services", "Services"),
    ("dependencies", "Dependencies"),
    ("agreements", "Agreements"),
    ("calendar", "Calendar"),
    ("readiness", "Readiness"),
    ("service-levels", "Service levels"),
    ("plan", "Plan"),
    ("risk", "Risk"),
    ("costs", "Costs"),
    ("pack", "Pack"),
    ("scenarios", "Scenarios"),
    ("trade-offs", "Trade-offs"),
    ("edit", "Edit"),
    ("proposals", "Proposals"),
    ("workbook", "Workbook"),
)
"""(route name, label) of each page in the top navigation, in order."""


KEPT = ("scenario", "as_of")
"""Query parameters a link to another page keeps: the scenario and the data date shown."""


def kept(request: Request) -> dict[str, str]:
    """The :data:`KEPT` parameters of ``request`` (a data date only if it reads as one)."""
    found = {k: v for k in KEPT if (v := request.query_params.get(k, ""))}
    if "as_of" in found:
        try:
            date.fromisoformat(found["as_of"])
        except ValueError:
            del found["as_of"]
    return found


def link(request: Request, path: str, **params: Any) -> str:
    """``path`` with this page's scenario and data date, and ``params`` (None drops one)."""
    query = kept(request)
    for name, value in params.items():
        if value is None:
            query.pop(name, None)
        else:
            query[name] = str(value)
    first = {k: query.pop(k) for k in KEPT if k in query}
    query = {**first, **query}
    return path + (f"?{urlencode(query)}" if query else "")


def day(value: date | datetime | None) -> str:
    if value is None:
        return "—"
    if isinstance(value, datetime):
        return f"{value:%d %b %Y %H:%M}"
    return f"{value:%d %b %Y}"


def percent(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.0f}%"


def number(value: float | None, digits: int = 0) -> str:
    return "—" if value is None else f"{value:,.{digits}f}"


def label(value: Any) -> str:
    """An enum value or code as words: ``stay_hosted`` -> ``stay hosted``."""
    text = getattr(value, "value", value)
    return "—" if text is None or text == "" else str(text).replace("_", " ")


def to_json(value: Any) -> Markup:
    """JSON safe to place inside a ``<script type="application/json">`` element."""
    text = json.dumps(value, separators=(",", ":"), default=str)
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def build_templates() -> Jinja2Templates:
    templates = Jinja2Templates(directory=str(TEMPLATES))
    env = templates.env
    env.filters.update(
        money=pounds,
        pounds=pounds_exact,
        day=day,
        percent=percent,
        number=number,
        label=label,
        tojson_safe=to_json,
    )
    env.globals["navigation"] = NAVIGATION
    env.globals["link"] = link
    env.trim_blocks = True
    env.lstrip_blocks = True
    return templates


templates = build_templates()
"""The one template environment of the dashboard."""
