"""What every route needs: the store, the cached portfolio, results and the acting user."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Annotated, Any
from urllib.parse import unquote

from fastapi import Depends, Request

from carveout.domain import Portfolio
from carveout.web.cache import PortfolioCache, ResultCache
from carveout.web.jobs import Jobs

Planner = Callable[..., Any]
"""Called like :func:`carveout.planning.planner.plan_scenario`, returning a ``Plan``."""

ACTOR_COOKIE = "carveout_actor"
DEFAULT_ACTOR = "web"
_ACTOR_PATTERN = re.compile(r"^[\w .@'-]{1,64}$")


@dataclass
class WebContext:
    """The objects one app instance owns, kept on ``app.state.carveout``."""

    store: Any
    portfolio: PortfolioCache
    results: ResultCache
    jobs: Jobs = field(default_factory=Jobs)
    plan_seconds: float = 20.0
    today: Callable[[], date] = date.today
    planner: Planner | None = None


def context(request: Request) -> WebContext:
    ctx: WebContext = request.app.state.carveout
    return ctx


def portfolio(request: Request) -> Portfolio:
    return context(request).portfolio.get()


def clean_actor(value: str | None) -> str:
    """A name safe to store in the audit trail, or the default when unusable."""
    value = (value or "").strip()
    return value if _ACTOR_PATTERN.match(value) else DEFAULT_ACTOR


def actor(request: Request) -> str:
    """Who the audit trail names for changes made in this browser (a cookie, else "web")."""
    return clean_actor(unquote(request.cookies.get(ACTOR_COOKIE, "")))


Context = Annotated[WebContext, Depends(context)]
PortfolioDep = Annotated[Portfolio, Depends(portfolio)]
Actor = Annotated[str, Depends(actor)]
