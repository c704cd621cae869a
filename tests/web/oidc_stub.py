"""An OpenID Connect provider in the test process: a discovery document, its signing keys
(JWKS) and a token endpoint that checks the code, the client's secret and the PKCE
verifier, and signs an ID token with a test RSA key (joserfc, Authlib's JOSE library).

It is reached through an ``httpx2`` transport, so no network is used. :meth:`authorize`
stands in for the person signing in at the provider: it takes the query of the URL the
dashboard redirected to and returns the ``code`` and ``state`` the provider would send back.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx2
from joserfc import jwt
from joserfc.jwk import RSAKey

ISSUER = "https://idp.test/warks"
CLIENT_ID = "carveout-test"
CLIENT_SECRET = "stub-client-secret"


@dataclass
class Grant:
    email: str
    nonce: str
    challenge: str
    redirect_uri: str
    name: str


@dataclass
class StubProvider:
    """The provider; change ``claims`` or ``key`` to make it misbehave."""

    issuer: str = ISSUER
    key: RSAKey = field(default_factory=lambda: RSAKey.generate_key(2048, {"kid": "k1"}))
    published: RSAKey | None = None
    claims: dict[str, Any] = field(default_factory=dict)
    grants: dict[str, Grant] = field(default_factory=dict)
    requests: list[str] = field(default_factory=list)

    @property
    def transport(self) -> httpx2.MockTransport:
        return httpx2.MockTransport(self.handle)

    def authorize(self, location: str, *, email: str, name: str = "") -> dict[str, str]:
        """Sign ``email`` in at the provider: the query the provider redirects back with."""
        url = urlsplit(location)
        assert f"{url.scheme}://{url.netloc}{url.path}" == f"{self.issuer}/authorize"
        query = {k: v[0] for k, v in parse_qs(url.query).items()}
        assert query["client_id"] == CLIENT_ID and query["response_type"] == "code"
        assert query["code_challenge_method"] == "S256" and "openid" in query["scope"]
        code = secrets.token_urlsafe(16)
        self.grants[code] = Grant(
            email, query["nonce"], query["code_challenge"], query["redirect_uri"], name
        )
        return {"code": code, "state": query["state"]}

    def handle(self, request: httpx2.Request) -> httpx2.Response:
        path = request.url.path.removeprefix(urlsplit(self.issuer).path)
        self.requests.append(f"{request.method} {path}")
        if path == "/.well-known/openid-configuration":
            return httpx2.Response(200, json=self._discovery())
        if path == "/jwks":
            key = self.published or self.key
            return httpx2.Response(200, json={"keys": [key.as_dict(private=False)]})
        if path == "/token" and request.method == "POST":
            return self._token(request)
        return httpx2.Response(404, json={"error": "not_found"})

    def _discovery(self) -> dict[str, Any]:
        return {
            "issuer": self.issuer,
            "authorization_endpoint": f"{self.issuer}/authorize",
            "token_endpoint": f"{self.issuer}/token",
            "jwks_uri": f"{self.issuer}/jwks",
            "response_types_supported": ["code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
        }

    def _token(self, request: httpx2.Request) -> httpx2.Response:
        form = {k: v[0] for k, v in parse_qs(request.content.decode()).items()}
        basic = base64.b64encode(f"{CLIENT_ID}:{CLIENT_SECRET}".encode()).decode()
        if request.headers.get("authorization") != f"Basic {basic}":
            return httpx2.Response(401, json={"error": "invalid_client"})
        grant = self.grants.pop(form.get("code", ""), None)
        if grant is None or form.get("redirect_uri") != grant.redirect_uri:
            return httpx2.Response(400, json={"error": "invalid_grant"})
        digest = hashlib.sha256(form.get("code_verifier", "").encode()).digest()
        if base64.urlsafe_b64encode(digest).rstrip(b"=").decode() != grant.challenge:
            return httpx2.Response(400, json={"error": "invalid_grant"})
        now = int(time.time())
        claims = {
            "iss": self.issuer,
            "aud": CLIENT_ID,
            "sub": hashlib.sha256(grant.email.encode()).hexdigest()[:20],
            "email": grant.email,
            "name": grant.name or grant.email,
            "nonce": grant.nonce,
            "iat": now,
            "exp": now + 300,
            **self.claims,
        }
        token = jwt.encode({"alg": "RS256", "kid": "k1"}, claims, self.key)
        body = {"access_token": "stub-access", "token_type": "Bearer", "id_token": token}
        return httpx2.Response(200, content=json.dumps(body), headers=_JSON)


_JSON = {"content-type": "application/json"}
