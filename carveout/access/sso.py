"""Single sign-on by OpenID Connect (the authorisation code flow with PKCE), with Authlib.

:func:`begin` makes the issuer's sign-in URL and what the callback must check (state,
nonce, PKCE verifier), which the browser carries in a short-lived cookie signed with the
server secret (:func:`seal`); :func:`complete` exchanges the code for tokens and checks the
ID token (signature by the issuer's published keys, issuer, audience, expiry, nonce), and
returns the person it names. Which people an organisation's issuer may sign in is the
provider's rule (:meth:`carveout.storage.providers.IdentityProvider.admits`).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
from dataclasses import asdict, dataclass
from typing import Any

from authlib.integrations.base_client import BaseApp, OAuthError
from authlib.integrations.base_client.async_app import AsyncOAuth2Mixin
from authlib.integrations.base_client.async_openid import AsyncOpenIDMixin
from authlib.integrations.httpx_client import AsyncOAuth2Client
from joserfc.errors import JoseError

from carveout.errors import CarveoutError

STATE_COOKIE = "carveout_sso"
STATE_SECONDS = 600
"""How long the issuer's sign-in may take, from leaving the dashboard to coming back."""
_CACHE_SECONDS = 3600.0


class SignInFailed(CarveoutError):
    """Single sign-on did not produce a person carveout may let in; the message says why."""


@dataclass(frozen=True, slots=True)
class Issuer:
    """What the client needs of an organisation's issuer."""

    organisation: str
    issuer: str
    client_id: str
    client_secret: str


@dataclass(frozen=True, slots=True)
class Pending:
    """A sign-in under way: what the callback must find again."""

    organisation: str
    state: str
    nonce: str
    verifier: str
    redirect_uri: str
    next: str
    expires: float


@dataclass(frozen=True, slots=True)
class Person:
    """Who the issuer says signed in."""

    email: str
    name: str
    subject: str


class _OpenIdClient(AsyncOAuth2Mixin, AsyncOpenIDMixin, BaseApp):  # type: ignore[misc]
    client_cls = AsyncOAuth2Client


_clients: dict[tuple[str, str, str, int], tuple[float, _OpenIdClient]] = {}


def _client(issuer: Issuer, transport: Any | None) -> _OpenIdClient:
    """The issuer's client; its discovery document and keys are kept for an hour."""
    key = (issuer.issuer, issuer.client_id, issuer.client_secret, id(transport))
    cached = _clients.get(key)
    if cached is not None and time.monotonic() - cached[0] < _CACHE_SECONDS:
        return cached[1]
    kwargs: dict[str, Any] = {"scope": "openid email profile", "code_challenge_method": "S256"}
    if transport is not None:
        kwargs["transport"] = transport
    client = _OpenIdClient(
        None,
        name=issuer.organisation,
        client_id=issuer.client_id,
        client_secret=issuer.client_secret,
        server_metadata_url=issuer.issuer.rstrip("/") + "/.well-known/openid-configuration",
        client_kwargs=kwargs,
    )
    _clients[key] = (time.monotonic(), client)
    return client


async def begin(
    issuer: Issuer, *, redirect_uri: str, next_path: str, transport: Any | None = None
) -> tuple[str, Pending]:
    """The issuer's sign-in URL to send the browser to, and what the callback checks."""
    client = _client(issuer, transport)
    try:
        metadata = await client.load_server_metadata()
        made = await client.create_authorization_url(redirect_uri)
    except Exception as error:  # network, HTTP or document errors alike
        raise SignInFailed(
            f"{issuer.organisation}'s sign-in service at {issuer.issuer} cannot be reached or "
            f"read ({type(error).__name__}); try again later or sign in with a password."
        ) from error
    if str(metadata.get("issuer", "")).rstrip("/") != issuer.issuer.rstrip("/"):
        raise SignInFailed(
            f"The sign-in service at {issuer.issuer} names another issuer "
            f"({metadata.get('issuer')!r}): ask the programme office to check `carveout sso`."
        )
    pending = Pending(
        organisation=issuer.organisation,
        state=made["state"],
        nonce=made["nonce"],
        verifier=made["code_verifier"],
        redirect_uri=redirect_uri,
        next=next_path,
        expires=time.time() + STATE_SECONDS,
    )
    return str(made["url"]), pending


async def complete(
    issuer: Issuer, pending: Pending, *, code: str, transport: Any | None = None
) -> Person:
    """The person the issuer signed in, once the code is exchanged and the ID token checked."""
    client = _client(issuer, transport)
    try:
        token = await client.fetch_access_token(
            redirect_uri=pending.redirect_uri, code=code, code_verifier=pending.verifier
        )
        claims = await client.parse_id_token(token, nonce=pending.nonce)
    except (OAuthError, JoseError) as error:
        raise SignInFailed(f"{issuer.organisation}'s sign-in was refused: {error}.") from error
    except Exception as error:
        raise SignInFailed(
            f"{issuer.organisation}'s sign-in could not be completed ({type(error).__name__}); "
            "try again."
        ) from error
    if claims is None:
        raise SignInFailed(f"{issuer.organisation}'s sign-in service sent no ID token.")
    email = str(claims.get("email") or "").strip().lower()
    if not email or claims.get("email_verified") is False:
        raise SignInFailed(
            f"{issuer.organisation}'s sign-in service gave no verified e-mail address: ask "
            "its administrators to include the email claim in the ID token."
        )
    return Person(email=email, name=str(claims.get("name") or email), subject=str(claims["sub"]))


def seal(pending: Pending, secret: bytes) -> str:
    """``pending`` as a cookie value the browser cannot alter unseen (HMAC-SHA256)."""
    body = base64.urlsafe_b64encode(json.dumps(asdict(pending)).encode()).decode()
    return f"{body}.{_mac(body, secret)}"


def unseal(value: str | None, secret: bytes, *, now: float | None = None) -> Pending | None:
    """The pending sign-in ``value`` carries, if it is intact and not expired."""
    if not value or "." not in value:
        return None
    body, _, mac = value.rpartition(".")
    if not hmac.compare_digest(mac, _mac(body, secret)):
        return None
    try:
        pending = Pending(**json.loads(base64.urlsafe_b64decode(body)))
    except (ValueError, TypeError):
        return None
    return pending if pending.expires > (time.time() if now is None else now) else None


def _mac(body: str, secret: bytes) -> str:
    return hmac.new(secret, b"sso:" + body.encode(), hashlib.sha256).hexdigest()


__all__ = [
    "STATE_COOKIE",
    "Issuer",
    "Pending",
    "Person",
    "SignInFailed",
    "begin",
    "complete",
    "seal",
    "unseal",
]
