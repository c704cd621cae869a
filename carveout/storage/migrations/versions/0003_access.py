"""Access and audit: accounts, sessions, API tokens, sign-in attempts, single sign-on issuers,
proposals and their votes, the audit chain's columns and seal, and record ownership.

Revision ID: 0003
Revises: 0002
Created: 2026-11-30

- ``account``, ``api_token``, ``web_session``, ``login_attempt``, ``identity_provider``;
- ``proposal`` and ``proposal_vote``: changes to records binding several parties;
- ``audit``: ``organisation``, ``request_id``, ``prev_hash``, ``hash``; ``audit_seal``;
- ``team.party``, ``raid.raised_by``, ``scenario.owner`` and ``scenario.private``.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | None = None
depends_on: str | None = None

_OWNERSHIP = (("team", "party"), ("raid", "raised_by"), ("scenario", "owner"))


def _party_column(table: str, column: str) -> None:
    """A nullable column referring to a party, with its index."""
    name = op.f(f"fk_{table}_{column}_party")
    if op.get_bind().dialect.name == "sqlite":
        # SQLite cannot add a constraint to a table, but can add a column that carries one.
        op.execute(
            f"ALTER TABLE {table} ADD COLUMN {column} VARCHAR(64) "
            f"CONSTRAINT {name} REFERENCES party (code)"
        )
    else:
        op.add_column(table, sa.Column(column, sa.String(length=64), nullable=True))
        op.create_foreign_key(name, table, "party", [column], ["code"])
    op.create_index(op.f(f"ix_{table}_{column}"), table, [column], unique=False)


def upgrade() -> None:
    for table, column in _OWNERSHIP:
        _party_column(table, column)
    op.add_column(
        "scenario",
        sa.Column("private", sa.Boolean(), nullable=False, server_default=sa.false()),
    )
    op.add_column("audit", sa.Column("organisation", sa.String(length=64), nullable=True))
    op.add_column("audit", sa.Column("request_id", sa.String(length=64), nullable=True))
    op.add_column("audit", sa.Column("prev_hash", sa.String(length=64), nullable=True))
    op.add_column("audit", sa.Column("hash", sa.String(length=64), nullable=True))
    op.create_index(op.f("ix_audit_actor"), "audit", ["actor"], unique=False)
    op.create_index(op.f("ix_audit_organisation"), "audit", ["organisation"], unique=False)
    _access_tables()


def _access_tables() -> None:
    op.create_table(
        "account",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("organisation", sa.String(length=64), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("password_hash", sa.Text(), nullable=True),
        sa.Column("disabled", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("created", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_login", sa.DateTime(timezone=True), nullable=True),
        sa.Column("failed_logins", sa.Integer(), server_default="0", nullable=False),
        sa.Column("locked_until", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_account")),
        sa.UniqueConstraint("email", name=op.f("uq_account_email")),
    )
    op.create_index(op.f("ix_account_organisation"), "account", ["organisation"], unique=False)
    op.create_table(
        "api_token",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("prefix", sa.String(length=16), nullable=False),
        sa.Column("secret_hash", sa.String(length=64), nullable=False),
        sa.Column("scope", sa.String(length=8), nullable=False),
        sa.Column("created", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_used", sa.DateTime(timezone=True), nullable=True),
        sa.Column("revoked", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["account.id"],
            name=op.f("fk_api_token_account_id_account"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_api_token")),
        sa.UniqueConstraint("secret_hash", name=op.f("uq_api_token_secret_hash")),
    )
    op.create_index(op.f("ix_api_token_account_id"), "api_token", ["account_id"], unique=False)
    op.create_table(
        "web_session",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("created", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_seen", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked", sa.DateTime(timezone=True), nullable=True),
        sa.Column("csrf", sa.String(length=64), nullable=False),
        sa.Column("user_agent", sa.Text(), server_default="", nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["account.id"],
            name=op.f("fk_web_session_account_id_account"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_web_session")),
    )
    op.create_index(op.f("ix_web_session_account_id"), "web_session", ["account_id"], unique=False)
    op.create_table(
        "login_attempt",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("address", sa.String(length=64), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("succeeded", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_login_attempt")),
    )
    op.create_index(
        op.f("ix_login_attempt_email_at"), "login_attempt", ["email", "at"], unique=False
    )
    op.create_index(
        op.f("ix_login_attempt_address_at"), "login_attempt", ["address", "at"], unique=False
    )
    op.create_table(
        "identity_provider",
        sa.Column("organisation", sa.String(length=64), nullable=False),
        sa.Column("issuer", sa.Text(), nullable=False),
        sa.Column("client_id", sa.Text(), nullable=False),
        sa.Column("client_secret", sa.Text(), nullable=False),
        sa.Column("email_domains", JSON, nullable=False),
        sa.Column("emails", JSON, nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.PrimaryKeyConstraint("organisation", name=op.f("pk_identity_provider")),
    )
    op.create_table(
        "proposal",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("key", sa.String(length=256), nullable=False),
        sa.Column("before", JSON, nullable=True),
        sa.Column("after", JSON, nullable=True),
        sa.Column("author", sa.String(length=128), nullable=False),
        sa.Column("organisation", sa.String(length=64), nullable=False),
        sa.Column("created", sa.DateTime(timezone=True), nullable=False),
        sa.Column("needs", JSON, nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("decided", sa.DateTime(timezone=True), nullable=True),
        sa.Column("comment", sa.Text(), server_default="", nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_proposal")),
    )
    op.create_index(op.f("ix_proposal_status"), "proposal", ["status"], unique=False)
    op.create_index(op.f("ix_proposal_kind_key"), "proposal", ["kind", "key"], unique=False)
    op.create_table(
        "proposal_vote",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("proposal_id", sa.Integer(), nullable=False),
        sa.Column("party", sa.String(length=64), nullable=False),
        sa.Column("actor", sa.String(length=128), nullable=False),
        sa.Column("approve", sa.Boolean(), nullable=False),
        sa.Column("comment", sa.Text(), server_default="", nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["proposal_id"],
            ["proposal.id"],
            name=op.f("fk_proposal_vote_proposal_id_proposal"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_proposal_vote")),
    )
    op.create_index(
        op.f("ix_proposal_vote_proposal_id"), "proposal_vote", ["proposal_id"], unique=False
    )
    op.create_table(
        "audit_seal",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("through", sa.Integer(), nullable=False),
        sa.Column("sealed", sa.DateTime(timezone=True), nullable=False),
        sa.Column("head", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_seal")),
    )


def downgrade() -> None:
    for name in (
        "audit_seal",
        "proposal_vote",
        "proposal",
        "identity_provider",
        "login_attempt",
        "web_session",
        "api_token",
        "account",
    ):
        op.drop_table(name)
    op.drop_index(op.f("ix_audit_organisation"), table_name="audit")
    op.drop_index(op.f("ix_audit_actor"), table_name="audit")
    for column in ("hash", "prev_hash", "request_id", "organisation"):
        op.drop_column("audit", column)
    op.drop_column("scenario", "private")
    for table, column in _OWNERSHIP:
        op.drop_index(op.f(f"ix_{table}_{column}"), table_name=table)
        if op.get_bind().dialect.name != "sqlite":
            op.drop_constraint(op.f(f"fk_{table}_{column}_party"), table, type_="foreignkey")
        op.drop_column(table, column)
