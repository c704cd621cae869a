"""The FastAPI application: one store, cached reads, pages and their ``/api`` twins."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import date
from pathlib import Path
from typing import Any

from fastapi import Depends, FastAPI, Security
from fastapi.security import APIKeyCookie, HTTPBearer
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel

from carveout.access.sessions import SESSION_COOKIE
from carveout.config import Settings, get_settings
from carveout.web import assets
from carveout.web.auth import AuthMiddleware, require_csrf
from carveout.web.auth.config import AuthConfig
from carveout.web.body_limit import ENVELOPE_BYTES, BodyLimitMiddleware
from carveout.web.cache import PortfolioCache, ResultCache
from carveout.web.deps import Planner, WebContext
from carveout.web.errors import install_error_handlers
from carveout.web.jobs import Jobs
from carveout.web.methods import install_allow_header
from carveout.web.security import SecurityMiddleware

STATIC = Path(__file__).parent / "static"


def app_from_environment() -> FastAPI:
    """The dashboard as ``carveout serve`` runs it in each worker process: the database and
    every setting read afresh from the environment (``CARVEOUT_*``), so that worker processes
    started by uvicorn (``factory=True``) serve the store the command was given."""
    settings = Settings()
    return create_app(store_url=settings.database_url, settings=settings)


def create_app(
    *,
    store_url: str | None = None,
    store: Any | None = None,
    today: Callable[[], date] | None = None,
    plan_seconds: float = 20.0,
    planner: Planner | None = None,
    settings: Settings | None = None,
    sso_transport: Any | None = None,
) -> FastAPI:
    """The dashboard over the store at ``store_url`` (default: the configured database).

    ``store`` passes an already open store instead (it is then not closed with
    the app); ``today`` fixes the date pages count days from; ``plan_seconds`` is
    the solver time budget of a plan run from the Plan page; ``planner`` replaces
    the planner those runs call (it takes the same keyword arguments). ``settings``
    replaces the environment's (allowed hosts, HTTPS, timeouts, secret); ``sso_transport``
    the HTTP transport single sign-on reaches issuers by (tests pass a stub issuer).

    Every request goes through :class:`SecurityMiddleware` (host check, cross-origin
    writes refused, security headers), then :class:`AuthMiddleware` (the principal from
    the session or the token), then :class:`BodyLimitMiddleware` (a body over the upload
    cap is refused with 413 as it arrives), and every route checks a form's CSRF token.
    """
    settings = settings or get_settings()
    owned = store is None
    if store is None:
        from carveout.storage import open_store

        store = open_store(store_url)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        assets.warm()
        yield
        if owned:
            store.close()

    app = FastAPI(
        title="carveout",
        summary="Plan, cost and track the separation of shared services.",
        description="The dashboard's JSON API. Every page has a twin under /api that returns "
        "the same data; records can be read and changed under /api/records.",
        version="0.1.0",
        lifespan=lifespan,
        dependencies=[Depends(require_csrf)],
        # FastAPI's interactive docs load their scripts from a CDN and the app must
        # work offline: /docs is the app's own page (carveout.web.pages.docs).
        docs_url=None,
        redoc_url=None,
    )
    app.state.carveout = WebContext(
        store=store,
        portfolio=PortfolioCache(store),
        results=ResultCache(store),
        plan_seconds=plan_seconds,
        today=today or date.today,
        planner=planner,
        jobs=Jobs(store.engine, concurrency=settings.job_concurrency),
        output_dir=settings.output_dir,
        auth=AuthConfig.build(
            engine=store.engine,
            settings=settings,
            database_url=store.engine.url.render_as_string(hide_password=False),
            sso_transport=sso_transport,
        ),
    )
    # The last added runs first: the host and origin checks before anything else.
    app.add_middleware(BodyLimitMiddleware, max_bytes=settings.max_upload_bytes + ENVELOPE_BYTES)
    app.add_middleware(AuthMiddleware, auth=app.state.carveout.auth)
    app.add_middleware(SecurityMiddleware, allowed_hosts=settings.hosts, https=settings.https)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    install_error_handlers(app)

    from carveout.web.api import router as api_router
    from carveout.web.auth import router as auth_router
    from carveout.web.pages import docs
    from carveout.web.pages import router as page_router

    app.include_router(
        api_router,
        prefix="/api",
        dependencies=[Security(_bearer), Security(_cookie)],
        responses={401: {"model": Unauthorised, "description": UNAUTHORISED}},
    )
    app.include_router(auth_router)
    app.include_router(page_router)
    app.include_router(docs.router)
    app.add_api_route("/health", health, methods=["GET"], include_in_schema=False)
    install_allow_header(app)
    return app


UNAUTHORISED = (
    "Not signed in: send an API token as `Authorization: Bearer <token>` "
    "(`carveout tokens create`), or sign in at /login for the session cookie. A token that "
    "has expired or been revoked is refused the same way."
)
_bearer = HTTPBearer(
    auto_error=False, scheme_name="token", description="An API token: `carveout tokens create`."
)
_cookie = APIKeyCookie(
    name=SESSION_COOKIE,
    auto_error=False,
    scheme_name="session",
    description="The session cookie set by signing in at /login (unsafe requests carry its "
    "CSRF token in the X-CSRF-Token header). Over HTTPS it is named __Host-carveout_session.",
)


class Unauthorised(BaseModel):
    """Why a request was refused."""

    detail: str


class Health(BaseModel):
    status: str


def health() -> Health:
    """Whether the app is up (anyone may ask; it says nothing else)."""
    return Health(status="ok")
