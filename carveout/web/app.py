"""The FastAPI application: one store, cached reads, pages and their ``/api`` twins."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import date
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from carveout.web import assets
from carveout.web.cache import PortfolioCache, ResultCache
from carveout.web.deps import Planner, WebContext
from carveout.web.errors import install_error_handlers

STATIC = Path(__file__).parent / "static"


def create_app(
    *,
    store_url: str | None = None,
    store: Any | None = None,
    today: Callable[[], date] | None = None,
    plan_seconds: float = 20.0,
    planner: Planner | None = None,
) -> FastAPI:
    """The dashboard over the store at ``store_url`` (default: the configured database).

    ``store`` passes an already open store instead (it is then not closed with
    the app); ``today`` fixes the date pages count days from; ``plan_seconds`` is
    the solver time budget of a plan run from the Plan page; ``planner`` replaces
    the planner those runs call (it takes the same keyword arguments).
    """
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
    )
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    install_error_handlers(app)

    from carveout.web.api import router as api_router
    from carveout.web.pages import docs
    from carveout.web.pages import router as page_router

    app.include_router(api_router, prefix="/api")
    app.include_router(page_router)
    app.include_router(docs.router)
    return app
