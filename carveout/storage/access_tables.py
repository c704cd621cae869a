"""Who may use carveout: accounts, their sessions and API tokens, sign-in attempts, single
sign-on issuers, proposals awaiting the other parties' approval, and the audit chain's seal.

These are not portfolio records: they are never imported, exported or planned, and the
policy (``carveout.access``) decides who sees them.
"""

from __future__ import annotations

from sqlalchemy import Boolean, Column, DateTime, ForeignKey, Index, Integer, String, Table, Text
from sqlalchemy.sql.expression import false

from carveout.storage.columns import CODE, Json, metadata

account = Table(
    "account",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("email", String(254), nullable=False, unique=True),
    Column("name", Text, nullable=False),
    Column("organisation", String(CODE), nullable=False),
    Column("role", String(16), nullable=False),
    Column("password_hash", Text),
    Column("disabled", Boolean, nullable=False, server_default=false()),
    Column("created", DateTime(timezone=True), nullable=False),
    Column("last_login", DateTime(timezone=True)),
    Column("failed_logins", Integer, nullable=False, server_default="0"),
    Column("locked_until", DateTime(timezone=True)),
    Index(None, "organisation"),
)
"""A person who may sign in, of one organisation (a party code or the programme office)."""

api_token = Table(
    "api_token",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("account_id", Integer, ForeignKey("account.id", ondelete="CASCADE"), nullable=False),
    Column("name", Text, nullable=False),
    Column("prefix", String(16), nullable=False),
    Column("secret_hash", String(64), nullable=False, unique=True),
    Column("scope", String(8), nullable=False),
    Column("created", DateTime(timezone=True), nullable=False),
    Column("expires", DateTime(timezone=True), nullable=False),
    Column("last_used", DateTime(timezone=True)),
    Column("revoked", DateTime(timezone=True)),
    Index(None, "account_id"),
)
"""An API token: shown once, kept only as a keyed hash (HMAC with the server secret)."""

web_session = Table(
    "web_session",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("account_id", Integer, ForeignKey("account.id", ondelete="CASCADE"), nullable=False),
    Column("created", DateTime(timezone=True), nullable=False),
    Column("last_seen", DateTime(timezone=True), nullable=False),
    Column("expires", DateTime(timezone=True), nullable=False),
    Column("revoked", DateTime(timezone=True)),
    Column("csrf", String(64), nullable=False),
    Column("user_agent", Text, nullable=False, server_default=""),
    Index(None, "account_id"),
)
"""A signed-in browser: ``id`` is the hash of the cookie's value, never the value itself."""

login_attempt = Table(
    "login_attempt",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("email", String(254), nullable=False),
    Column("address", String(64), nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("succeeded", Boolean, nullable=False),
    Index(None, "email", "at"),
    Index(None, "address", "at"),
)
"""Every sign-in attempt, for throttling and lockout and for the audit page."""

identity_provider = Table(
    "identity_provider",
    metadata,
    Column("organisation", String(CODE), primary_key=True),
    Column("issuer", Text, nullable=False),
    Column("client_id", Text, nullable=False),
    Column("client_secret", Text, nullable=False),
    Column("email_domains", Json, nullable=False),
    Column("emails", Json, nullable=False),
    Column("role", String(16), nullable=False),
)
"""An organisation's OpenID Connect issuer (e.g. its Entra ID tenant) and whom it may sign in."""

proposal = Table(
    "proposal",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kind", String(32), nullable=False),
    Column("key", String(256), nullable=False),
    Column("before", Json),
    Column("after", Json),
    Column("author", String(128), nullable=False),
    Column("organisation", String(CODE), nullable=False),
    Column("created", DateTime(timezone=True), nullable=False),
    Column("needs", Json, nullable=False),
    Column("status", String(16), nullable=False),
    Column("decided", DateTime(timezone=True)),
    Column("comment", Text, nullable=False, server_default=""),
    Index(None, "status"),
    Index(None, "kind", "key"),
)
"""A change to a record that binds several parties, waiting for the others to approve it."""

proposal_vote = Table(
    "proposal_vote",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("proposal_id", Integer, ForeignKey("proposal.id", ondelete="CASCADE"), nullable=False),
    Column("party", String(CODE), nullable=False),
    Column("actor", String(128), nullable=False),
    Column("approve", Boolean, nullable=False),
    Column("comment", Text, nullable=False, server_default=""),
    Column("at", DateTime(timezone=True), nullable=False),
    Index(None, "proposal_id"),
)
"""One party's approval or rejection of a proposal, with its comment."""

audit_seal = Table(
    "audit_seal",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("through", Integer, nullable=False),
    Column("sealed", DateTime(timezone=True), nullable=False),
    Column("head", String(64), nullable=False),
)
"""Audit entries recorded before the hash chain existed, sealed into it at the upgrade."""
