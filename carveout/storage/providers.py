"""Single sign-on issuers: one OpenID Connect provider per organisation (e.g. a force's
Entra ID tenant), whom it may sign in, and the role of the accounts it creates."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, delete, select

from carveout.access.principal import Role
from carveout.errors import CarveoutError, NotFound
from carveout.storage.access_tables import identity_provider
from carveout.storage.accounts import check_organisation


@dataclass(frozen=True, slots=True)
class IdentityProvider:
    """An organisation's OpenID Connect issuer.

    A person it signs in is let in when their verified e-mail address is one of
    ``emails`` or ends in one of ``email_domains``; their first sign-in creates
    an account of ``organisation`` with ``role``.
    """

    organisation: str
    issuer: str
    client_id: str
    client_secret: str
    email_domains: tuple[str, ...]
    emails: tuple[str, ...]
    role: Role

    @property
    def discovery_url(self) -> str:
        return self.issuer.rstrip("/") + "/.well-known/openid-configuration"

    def admits(self, email: str) -> bool:
        """Whether this provider may sign in the person with ``email``."""
        email = email.strip().lower()
        domain = email.rpartition("@")[2]
        return email in self.emails or domain in self.email_domains


def _provider(row: Any) -> IdentityProvider:
    return IdentityProvider(
        organisation=row.organisation,
        issuer=row.issuer,
        client_id=row.client_id,
        client_secret=row.client_secret,
        email_domains=tuple(row.email_domains),
        emails=tuple(row.emails),
        role=Role(row.role),
    )


def add_provider(
    engine: Engine,
    *,
    organisation: str,
    issuer: str,
    client_id: str,
    client_secret: str,
    email_domains: Sequence[str] = (),
    emails: Sequence[str] = (),
    role: Role = Role.VIEWER,
) -> IdentityProvider:
    """Add (or replace) ``organisation``'s issuer; it must say whom it may sign in."""
    check_organisation(engine, organisation)
    if not issuer.startswith(("https://", "http://localhost", "http://127.0.0.1")):
        raise CarveoutError(
            f"The issuer {issuer!r} must be an https:// URL, e.g. "
            "https://login.microsoftonline.com/<tenant id>/v2.0."
        )
    domains = sorted({d.strip().lower().lstrip("@") for d in email_domains if d.strip()})
    listed = sorted({e.strip().lower() for e in emails if e.strip()})
    if not domains and not listed:
        raise CarveoutError(
            "Say whom the issuer may sign in: --domain (e.g. warks.police.uk) or --email."
        )
    values = {
        "issuer": issuer.rstrip("/"),
        "client_id": client_id,
        "client_secret": client_secret,
        "email_domains": domains,
        "emails": listed,
        "role": role.value,
    }
    with engine.begin() as connection:
        connection.execute(
            delete(identity_provider).where(identity_provider.c.organisation == organisation)
        )
        connection.execute(identity_provider.insert().values(organisation=organisation, **values))
    return get_provider(engine, organisation=organisation)


def find_provider(engine: Engine, *, organisation: str) -> IdentityProvider | None:
    with engine.connect() as connection:
        row = connection.execute(
            select(identity_provider).where(identity_provider.c.organisation == organisation)
        ).first()
    return None if row is None else _provider(row)


def get_provider(engine: Engine, *, organisation: str) -> IdentityProvider:
    found = find_provider(engine, organisation=organisation)
    if found is None:
        raise NotFound(
            f"{organisation} has no single sign-on issuer: `carveout sso list` shows them."
        )
    return found


def list_providers(engine: Engine) -> list[IdentityProvider]:
    with engine.connect() as connection:
        rows = connection.execute(
            select(identity_provider).order_by(identity_provider.c.organisation)
        )
        return [_provider(row) for row in rows]


def remove_provider(engine: Engine, *, organisation: str) -> None:
    get_provider(engine, organisation=organisation)
    with engine.begin() as connection:
        connection.execute(
            delete(identity_provider).where(identity_provider.c.organisation == organisation)
        )


__all__ = [
    "IdentityProvider",
    "add_provider",
    "find_provider",
    "get_provider",
    "list_providers",
    "remove_provider",
]
