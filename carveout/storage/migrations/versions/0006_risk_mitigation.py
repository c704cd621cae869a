"""Risk mitigations, risk windows and branches on ``raid``.

Revision ID: 0006
Revises: 0005
Created: 2026-11-30

A risk's mitigation (what it is, what it costs, and its probability, delay and cost
impact once in place), the window in which it can strike, and the extension option it
triggers when it happens.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | None = None
depends_on: str | None = None

_NAME = "fk_raid_triggers_extension_extension_option"


def upgrade() -> None:
    # Plain ADD COLUMN, not batch mode: SQLite would rebuild the table, and dropping
    # the old raid table would cascade to raid_service with foreign keys on.
    op.add_column("raid", sa.Column("mitigation", sa.Text(), nullable=False, server_default=""))
    op.add_column(
        "raid", sa.Column("mitigation_cost", sa.Double(), nullable=False, server_default="0")
    )
    for column in ("mitigated_probability", "mitigated_delay_days", "mitigated_cost_impact"):
        op.add_column("raid", sa.Column(column, sa.Double(), nullable=True))
    op.add_column("raid", sa.Column("window_start", sa.Date(), nullable=True))
    op.add_column("raid", sa.Column("window_end", sa.Date(), nullable=True))
    if op.get_bind().dialect.name == "sqlite":
        # SQLite cannot add a constraint to a table, but can add a column that carries one.
        op.execute(
            f"ALTER TABLE raid ADD COLUMN triggers_extension VARCHAR(64) "
            f"CONSTRAINT {_NAME} REFERENCES extension_option (code)"
        )
    else:
        op.add_column("raid", sa.Column("triggers_extension", sa.String(length=64), nullable=True))
        op.create_foreign_key(_NAME, "raid", "extension_option", ["triggers_extension"], ["code"])


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        op.drop_constraint(_NAME, "raid", type_="foreignkey")
    for column in (
        "triggers_extension",
        "window_end",
        "window_start",
        "mitigated_cost_impact",
        "mitigated_delay_days",
        "mitigated_probability",
        "mitigation_cost",
        "mitigation",
    ):
        op.drop_column("raid", column)
