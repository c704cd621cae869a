"""Exit readiness gates.

Revision ID: 0008
Revises: 0007
Created: 2026-11-30

``exit_criterion`` (what must be true before a service leaves its arrangement: owner,
due date, status, evidence link and the day it was recorded) and ``exit_decision``
(the go/no-go decision on a service's exit, its approver and date).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | None = None
depends_on: str | None = None

_CODE = sa.String(length=64)


def _service_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["service"], ["service.code"], name=op.f(f"fk_{table}_service_service")
    )


def upgrade() -> None:
    op.create_table(
        "exit_criterion",
        sa.Column("code", _CODE, nullable=False),
        sa.Column("service", _CODE, nullable=False),
        sa.Column("criterion", sa.Text(), nullable=False),
        sa.Column("owner", sa.Text(), nullable=False),
        sa.Column("due", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=32), nullable=False),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.Column("recorded", sa.Date(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        _service_fk("exit_criterion"),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_exit_criterion")),
    )
    op.create_index(op.f("ix_exit_criterion_service"), "exit_criterion", ["service"])
    op.create_table(
        "exit_decision",
        sa.Column("code", _CODE, nullable=False),
        sa.Column("service", _CODE, nullable=False),
        sa.Column("decision", sa.String(length=32), nullable=False),
        sa.Column("approver", sa.Text(), nullable=False),
        sa.Column("decided", sa.Date(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        _service_fk("exit_decision"),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_exit_decision")),
    )
    op.create_index(op.f("ix_exit_decision_service"), "exit_decision", ["service"])


def downgrade() -> None:
    op.drop_table("exit_decision")
    op.drop_table("exit_criterion")
