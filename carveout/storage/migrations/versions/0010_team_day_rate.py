"""A team's day rate: ``team.day_rate``.

Revision ID: 0010
Revises: 0009
Created: 2026-11-30

Pounds per person-day of the team's work; blank when none is recorded. The separation
cost prices each migration's person-days at its team's rate.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.add_column("team", sa.Column("day_rate", sa.Double(), nullable=True))


def downgrade() -> None:
    op.drop_column("team", "day_rate")
