"""Refused requests, one JSON line each on the ``carveout.security`` logger.

The audit trail records what changed; this log records what someone tried and was not
allowed to do (a 403: from the access policy, or a write without its CSRF token or with a
read-only API token), with who, from which organisation and role,
the request's method, path and id, and each refused change with its reason. It goes to
the server's log (the standard error of ``carveout serve``) for the host's log collection,
not into the database, so a flood of refusals cannot grow the audit trail.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from starlette.requests import Request

from carveout.access import Principal
from carveout.web.views import request_id

logger = logging.getLogger("carveout.security")


def log_refusal(
    request: Request, message: str, refusals: Sequence[dict[str, Any]], *, status: int = 403
) -> None:
    """One ``refused`` event for ``request``, answered ``status`` with ``message``."""
    principal: Principal | None = getattr(request.state, "principal", None)
    event = {
        "event": "refused",
        "at": datetime.now(UTC).isoformat(timespec="seconds"),
        "actor": principal.name if principal else None,
        "organisation": principal.organisation if principal else None,
        "role": principal.role.value if principal else None,
        "via": principal.via if principal else None,
        "status": status,
        "host": request.headers.get("host"),
        "method": request.method,
        "path": request.url.path,
        "request_id": request_id(request),
        "client": request.client.host if request.client else None,
        "message": message.split("\n")[0],
        "refused": list(refusals),
    }
    logger.warning(json.dumps(event, sort_keys=True, default=str))
