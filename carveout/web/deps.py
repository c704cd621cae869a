"""What every route needs: the store, the cached portfolio, results and the acting user
(the principal the sign-in middleware put on ``request.state``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

from fastapi import Depends, Query, Request
from pydantic import BeforeValidator

from carveout.access import Principal
from carveout.domain import Portfolio
from carveout.errors import NotSignedIn
from carveout.web.cache import PortfolioCache, ResultCache
from carveout.web.jobs import Jobs

if TYPE_CHECKING:
    from carveout.web.auth.config import AuthConfig

Planner = Callable[..., Any]
"""Called like :func:`carveout.planning.planner.plan_scenario`, returning a ``Plan``."""


@dataclass
class WebContext:
    """The objects one app instance owns, kept on ``app.state.carveout``."""

    store: Any
    portfolio: PortfolioCache
    results: ResultCache
    jobs: Jobs
    plan_seconds: float = 20.0
    today: Callable[[], date] = date.today
    planner: Planner | None = None
    auth: AuthConfig | None = None
    """Sign-in: sessions, tokens, throttling (see :mod:`carveout.web.auth`)."""
    output_dir: Path = Path("carveout-output")
    """Where runs started from the dashboard write files (the governance pack)."""


def context(request: Request) -> WebContext:
    ctx: WebContext = request.app.state.carveout
    return ctx


def portfolio(request: Request) -> Portfolio:
    return context(request).portfolio.get()


AS_OF_HELP = (
    "Data date (YYYY-MM-DD): migrations as they stood then, and the plan and forecast made "
    "as of it; default: the scenario's pinned data date, else today"
)


def _blank_is_unset(value: object) -> object:
    """A form's empty field (``?plan_as_of=``) means "not given", as leaving it out does."""
    return None if value == "" else value


BlankIsUnset = BeforeValidator(_blank_is_unset)
"""Put on an optional query parameter a form submits, so that an empty field is its default."""

AsOf = Annotated[date | None, BlankIsUnset, Query(description=AS_OF_HELP)]
"""The ``?as_of=`` of every page that shows the portfolio or its results; a bad date is a 422."""
PlanAsOf = Annotated[
    date | None,
    BlankIsUnset,
    Query(
        description="Follow the exits of the plan saved as of this earlier date (YYYY-MM-DD), "
        "with the facts as of the data date; default: the plan as of the data date."
    ),
]
"""The ``?plan_as_of=`` of the Charges and Service levels pages (the CLI's ``--plan-as-of``)."""
ScenarioCode = Annotated[
    str | None, Query(max_length=64, description="Scenario code; default: see the docs")
]
"""The ``?scenario=`` of every page that shows one scenario."""

Context = Annotated[WebContext, Depends(context)]
PortfolioDep = Annotated[Portfolio, Depends(portfolio)]


def principal(request: Request) -> Principal:
    """Who is acting: set on ``request.state.principal`` by the sign-in middleware from the
    session cookie or the API token. A request without one is refused."""
    found: Principal | None = getattr(request.state, "principal", None)
    if found is None:
        raise NotSignedIn("Sign in, or send an API token, to use carveout.")
    return found


PrincipalDep = Annotated[Principal, Depends(principal)]
"""The acting user of every route: the policy (``carveout.access.policy``) decides from it."""


def actor(request: Request) -> str:
    """The name the audit trail records for a change: the signed-in user's e-mail address
    (or the token's user's). Routes that still take ``Actor`` get it from the principal."""
    return principal(request).name


Actor = Annotated[str, Depends(actor)]
