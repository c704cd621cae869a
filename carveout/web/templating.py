"""The Jinja2 environment: templates, formatting filters and the navigation."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

from fastapi.templating import Jinja2Templates
from markupsafe import Markup

from carveout.formatting import pounds

TEMPLATES = Path(__file__).parent / "templates"

NAVIGATION: tuple[tuple[str, str], ...] = (
    ("overview", "Overview"),
    ("services", "Services"),
    ("dependencies", "Dependencies"),
    ("agreements", "Agreements"),
    ("plan", "Plan"),
    ("risk", "Risk"),
    ("costs", "Costs"),
    ("scenarios", "Scenarios"),
    ("edit", "Edit"),
    ("workbook", "Workbook"),
)
"""(route name, label) of each page in the top navigation, in order."""


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
        money=pounds, day=day, percent=percent, number=number, label=label, tojson_safe=to_json
    )
    env.globals["navigation"] = NAVIGATION
    env.trim_blocks = True
    env.lstrip_blocks = True
    return templates


templates = build_templates()
"""The one template environment of the dashboard."""
