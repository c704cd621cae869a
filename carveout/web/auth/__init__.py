"""Signing in: the middleware that names the principal of every request, the CSRF check
of forms, the sign-in and sign-out pages, single sign-on and the account page."""

from fastapi import APIRouter

from carveout.web.auth import routes, sso
from carveout.web.auth.csrf import require_csrf
from carveout.web.auth.middleware import AuthMiddleware

router = APIRouter(include_in_schema=False)
router.include_router(routes.router)
router.include_router(sso.router)

__all__ = ["AuthMiddleware", "require_csrf", "router"]
