"""What every route needs: the store, the cached portfolio, results and the acting user."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Annotated, Any
from urllib.parse import unquote

from fastapi import Depends, Query, Request

from carveout.access import Principal
from carveout.domain import Portfolio
from carveout.errors import CarveoutError, NotSignedIn
from carveout.web.cache import PortfolioCache, ResultCache
from carveout.web.jobs import Jobs

Planner = Callable[..., Any]
"""Called like :func:`carveout.planning.planner.plan_scenario`, returning a ``Plan``."""

ACTOR_COOKIE = "carveout_actor"
DEFAULT_ACTOR = "web"
"""Who the audit trail names for changes from a browser that has set no name."""
ACTOR_MAX_LENGTH = 64
ACTOR_RULE = (
    "A name may use only letters, digits, spaces and the characters . @ ' - _ "
    f"(at most {ACTOR_MAX_LENGTH} in all)."
)
"""Which names the audit trail records, as the error messages and the name box say it."""
_ACTOR_CHARACTER = re.compile(r"[\w .@'-]")


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


class UnusableName(CarveoutError):
    """A name the audit trail cannot record; the message says which characters it may use."""


def check_actor(value: str) -> str:
    """``value`` without surrounding spaces, if the audit trail can record it as a name.

    Raises :class:`UnusableName` saying what is wrong and which characters are allowed.
    """
    name = value.strip()
    if not name:
        raise UnusableName(f"Type a name to record your changes under. {ACTOR_RULE}")
    if len(name) > ACTOR_MAX_LENGTH:
        raise UnusableName(f"That name is {len(name)} characters long. {ACTOR_RULE}")
    refused = sorted({c for c in name if not _ACTOR_CHARACTER.fullmatch(c)})
    if refused:
        shown = " ".join(c if c.isprintable() and not c.isspace() else repr(c) for c in refused)
        raise UnusableName(
            f"{name!r} cannot be recorded in the audit trail: it contains {shown}. {ACTOR_RULE}"
        )
    return name


def saved_actor(request: Request) -> tuple[str, str | None]:
    """The name this browser's cookie holds (the default without one) and, when that name
    cannot be used, why: a page shows the name in its box and the reason beside it."""
    saved = unquote(request.cookies.get(ACTOR_COOKIE, ""))
    if not saved:
        return DEFAULT_ACTOR, None
    try:
        return check_actor(saved), None
    except UnusableName as error:
        return saved, (
            f"{error} Changes from this browser are refused until you set another name "
            "in the box at the top of the page."
        )


def actor(request: Request) -> str:
    """Who the audit trail names for changes made in this browser (a cookie, else "web").

    A saved name that cannot be recorded refuses the change (400) rather than
    record it under another name.
    """
    name, problem = saved_actor(request)
    if problem is not None:
        raise UnusableName(problem)
    return name


AS_OF_HELP = (
    "Data date (YYYY-MM-DD): migrations as they stood then, and the plan and forecast made "
    "as of it; default: the scenario's pinned data date, else today"
)
AsOf = Annotated[date | None, Query(description=AS_OF_HELP)]
"""The ``?as_of=`` of every page that shows the portfolio or its results; a bad date is a 422."""
ScenarioCode = Annotated[
    str | None, Query(max_length=64, description="Scenario code; default: see the docs")
]
"""The ``?scenario=`` of every page that shows one scenario."""

Context = Annotated[WebContext, Depends(context)]
PortfolioDep = Annotated[Portfolio, Depends(portfolio)]
Actor = Annotated[str, Depends(actor)]


def principal(request: Request) -> Principal:
    """Who is acting: set on ``request.state.principal`` by the sign-in middleware from the
    session cookie or the API token. A request without one is refused."""
    found: Principal | None = getattr(request.state, "principal", None)
    if found is None:
        raise NotSignedIn("Sign in, or send an API token, to use carveout.")
    return found


PrincipalDep = Annotated[Principal, Depends(principal)]
"""The acting user of every route: the policy (``carveout.access.policy``) decides from it."""
