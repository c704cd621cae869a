"""The CSRF check of forms: every form a signed-in browser posts carries the session's
token in its ``csrf_token`` field (the ``csrf_field`` macro writes it).

Requests with an ``X-CSRF-Token`` header were checked by the middleware before their body
was read; this dependency, applied to every route of the app, checks the form field of
those without it. API-token requests carry no cookie a browser could send for someone
else, so they need no token.
"""

from __future__ import annotations

from fastapi import HTTPException, Request

from carveout.access.sessions import CSRF_FIELD, CSRF_HEADER, same_token
from carveout.web.security import UNSAFE_METHODS
from carveout.web.security_log import log_refusal

REFUSED = "This form carries no valid CSRF token: reload the page and send it again."


async def require_csrf(request: Request) -> None:
    """Refuse (403) a cookie-authenticated unsafe request whose form lacks the token."""
    if request.method not in UNSAFE_METHODS or CSRF_HEADER in request.headers:
        return
    expected: str | None = getattr(request.state, "csrf", None)
    if expected is None:
        return  # anonymous (sign-in has its own check) or an API token
    form = await request.form()
    given = form.get(CSRF_FIELD)
    if not isinstance(given, str) or not same_token(given, expected):
        log_refusal(request, REFUSED, [])
        raise HTTPException(status_code=403, detail=REFUSED)
