"""Per-service terms of agreements, agreement budgets and invoices received.

Revision ID: 0007
Revises: 0006
Created: 2026-11-30

``schedule_line`` (one service under one tranche: pricing model, direction, minimum
term and notice to exit early) with its rate periods in ``schedule_line_rate``; each
party's budget for an agreement in ``agreement_budget``; and ``invoice_line``, the
charges invoiced per service and month, to be matched against the expected charges.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | None = None
depends_on: str | None = None

_CODE = sa.String(length=64)


def _fk(table: str, column: str, target: str, *, cascade: bool = False) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column],
        [f"{target}.code"],
        name=op.f(f"fk_{table}_{column}_{target}"),
        ondelete="CASCADE" if cascade else None,
    )


def upgrade() -> None:
    op.create_table(
        "agreement_budget",
        sa.Column("agreement", _CODE, nullable=False),
        sa.Column("party", _CODE, nullable=False),
        sa.Column("amount", sa.Double(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        _fk("agreement_budget", "agreement", "agreement", cascade=True),
        _fk("agreement_budget", "party", "party"),
        sa.PrimaryKeyConstraint("agreement", "party", name=op.f("pk_agreement_budget")),
    )
    op.create_index(op.f("ix_agreement_budget_party"), "agreement_budget", ["party"])
    op.create_table(
        "schedule_line",
        sa.Column("code", _CODE, nullable=False),
        sa.Column("tranche", _CODE, nullable=False),
        sa.Column("service", _CODE, nullable=False),
        sa.Column("pricing", sa.String(length=32), nullable=False),
        sa.Column("direction", sa.String(length=32), nullable=False),
        sa.Column("minimum_term_months", sa.Integer(), nullable=False),
        sa.Column("notice_months", sa.Integer(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        _fk("schedule_line", "tranche", "tranche"),
        _fk("schedule_line", "service", "service"),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_schedule_line")),
    )
    op.create_index(op.f("ix_schedule_line_tranche"), "schedule_line", ["tranche"])
    op.create_index(op.f("ix_schedule_line_service"), "schedule_line", ["service"])
    op.create_table(
        "schedule_line_rate",
        sa.Column("schedule_line", _CODE, nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("start", sa.Date(), nullable=False),
        sa.Column("end", sa.Date(), nullable=False),
        sa.Column("rate", sa.Double(), nullable=False),
        sa.Column("quantity", sa.Double(), nullable=False),
        _fk("schedule_line_rate", "schedule_line", "schedule_line", cascade=True),
        sa.PrimaryKeyConstraint("schedule_line", "position", name=op.f("pk_schedule_line_rate")),
    )
    op.create_table(
        "invoice_line",
        sa.Column("code", _CODE, nullable=False),
        sa.Column("agreement", _CODE, nullable=False),
        sa.Column("service", _CODE, nullable=False),
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("amount", sa.Double(), nullable=False),
        sa.Column("volume", sa.Double(), nullable=True),
        sa.Column("reference", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        _fk("invoice_line", "agreement", "agreement"),
        _fk("invoice_line", "service", "service"),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_invoice_line")),
    )
    op.create_index(op.f("ix_invoice_line_agreement"), "invoice_line", ["agreement"])
    op.create_index(op.f("ix_invoice_line_service"), "invoice_line", ["service"])


def downgrade() -> None:
    op.drop_table("invoice_line")
    op.drop_table("schedule_line_rate")
    op.drop_table("schedule_line")
    op.drop_table("agreement_budget")
