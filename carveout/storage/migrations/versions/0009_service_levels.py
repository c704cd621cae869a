"""Service levels and their monthly measurements.

Revision ID: 0009
Revises: 0008
Created: 2026-11-30

``service_level`` (a metric committed to under a schedule line: unit, target, whether
it is met at least or at most, the credit for a month that misses it and the line's
at-risk cap) and ``service_level_measurement`` (the value measured for one service
level over one month, with a note and an evidence link).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | None = None
depends_on: str | None = None

_CODE = sa.String(length=64)


def upgrade() -> None:
    op.create_table(
        "service_level",
        sa.Column("code", _CODE, nullable=False),
        sa.Column("schedule_line", _CODE, nullable=False),
        sa.Column("metric", sa.Text(), nullable=False),
        sa.Column("unit", sa.Text(), nullable=False),
        sa.Column("target", sa.Double(), nullable=False),
        sa.Column("direction", sa.String(length=32), nullable=False),
        sa.Column("credit_percent", sa.Double(), nullable=False),
        sa.Column("cap_percent", sa.Double(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["schedule_line"],
            ["schedule_line.code"],
            name=op.f("fk_service_level_schedule_line_schedule_line"),
        ),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_service_level")),
    )
    op.create_index(op.f("ix_service_level_schedule_line"), "service_level", ["schedule_line"])
    op.create_table(
        "service_level_measurement",
        sa.Column("code", _CODE, nullable=False),
        sa.Column("service_level", _CODE, nullable=False),
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("value", sa.Double(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["service_level"],
            ["service_level.code"],
            name=op.f("fk_service_level_measurement_service_level_service_level"),
        ),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_service_level_measurement")),
    )
    op.create_index(
        op.f("ix_service_level_measurement_service_level"),
        "service_level_measurement",
        ["service_level"],
    )


def downgrade() -> None:
    op.drop_table("service_level_measurement")
    op.drop_table("service_level")
