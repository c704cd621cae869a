"""The data date and structured terms: what results were made as of, progress, settlements.

Revision ID: 0002
Revises: 0001
Created: 2026-11-30

- ``results.as_of`` and ``results.fingerprint``: the data date a result was
  made as of and the digest of the portfolio it was made from;
- ``scenario.as_of``: a data date a scenario may pin;
- ``migration.percent_complete`` and ``migration.remaining_days``: progress of
  work under way;
- ``agreement.termination_costs`` and ``agreement_termination_share``: who
  bears the reasonable costs of separation;
- ``cost_pool.agreement`` and ``cost_pool_charge``: the agreement a pool is
  shared under and what each party was charged each year.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    # Plain ADD COLUMN, not batch mode: SQLite would rebuild the tables, and dropping
    # the old cost_pool table would cascade to its children with foreign keys on.
    op.add_column("results", sa.Column("as_of", sa.Date(), nullable=True))
    op.add_column("results", sa.Column("fingerprint", sa.String(length=64), nullable=True))
    op.add_column("scenario", sa.Column("as_of", sa.Date(), nullable=True))
    op.add_column("migration", sa.Column("percent_complete", sa.Double(), nullable=True))
    op.add_column("migration", sa.Column("remaining_days", sa.Double(), nullable=True))
    op.add_column("agreement", sa.Column("termination_costs", sa.String(length=32), nullable=True))
    if op.get_bind().dialect.name == "sqlite":
        # SQLite cannot add a constraint to a table, but can add a column that carries one.
        op.execute(
            "ALTER TABLE cost_pool ADD COLUMN agreement VARCHAR(64) "
            "CONSTRAINT fk_cost_pool_agreement_agreement REFERENCES agreement (code)"
        )
    else:
        op.add_column("cost_pool", sa.Column("agreement", sa.String(length=64), nullable=True))
        op.create_foreign_key(
            op.f("fk_cost_pool_agreement_agreement"),
            "cost_pool",
            "agreement",
            ["agreement"],
            ["code"],
        )
    op.create_index(op.f("ix_cost_pool_agreement"), "cost_pool", ["agreement"], unique=False)
    op.create_table(
        "agreement_termination_share",
        sa.Column("agreement", sa.String(length=64), nullable=False),
        sa.Column("party", sa.String(length=64), nullable=False),
        sa.Column("share", sa.Double(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["agreement"],
            ["agreement.code"],
            name=op.f("fk_agreement_termination_share_agreement_agreement"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["party"], ["party.code"], name=op.f("fk_agreement_termination_share_party_party")
        ),
        sa.PrimaryKeyConstraint("agreement", "party", name=op.f("pk_agreement_termination_share")),
    )
    op.create_index(
        op.f("ix_agreement_termination_share_party"),
        "agreement_termination_share",
        ["party"],
        unique=False,
    )
    op.create_table(
        "cost_pool_charge",
        sa.Column("cost_pool", sa.String(length=64), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("party", sa.String(length=64), nullable=False),
        sa.Column("amount", sa.Double(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["cost_pool"],
            ["cost_pool.code"],
            name=op.f("fk_cost_pool_charge_cost_pool_cost_pool"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["party"], ["party.code"], name=op.f("fk_cost_pool_charge_party_party")
        ),
        sa.PrimaryKeyConstraint("cost_pool", "year", "party", name=op.f("pk_cost_pool_charge")),
    )
    op.create_index(op.f("ix_cost_pool_charge_party"), "cost_pool_charge", ["party"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_cost_pool_charge_party"), table_name="cost_pool_charge")
    op.drop_table("cost_pool_charge")
    op.drop_index(
        op.f("ix_agreement_termination_share_party"), table_name="agreement_termination_share"
    )
    op.drop_table("agreement_termination_share")
    op.drop_index(op.f("ix_cost_pool_agreement"), table_name="cost_pool")
    if op.get_bind().dialect.name != "sqlite":
        op.drop_constraint(
            op.f("fk_cost_pool_agreement_agreement"), "cost_pool", type_="foreignkey"
        )
    op.drop_column("cost_pool", "agreement")
    op.drop_column("agreement", "termination_costs")
    op.drop_column("migration", "remaining_days")
    op.drop_column("migration", "percent_complete")
    op.drop_column("scenario", "as_of")
    op.drop_column("results", "fingerprint")
    op.drop_column("results", "as_of")
