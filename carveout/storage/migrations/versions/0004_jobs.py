"""Background runs shared by every server process: the ``job`` table.

Revision ID: 0004
Revises: 0003
Created: 2026-11-30

With ``carveout serve --workers N`` each worker is a process of its own; the dashboard's
queue of plan runs lives in this table so that a run started through one worker is
polled, merged and counted against the concurrency limit by all of them.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "job",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("scenario", sa.String(length=64), nullable=False),
        sa.Column("as_of", sa.Date(), nullable=True),
        sa.Column("dedupe", sa.String(length=64), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("progress", sa.Double(), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("budget", sa.Double(), nullable=False),
        sa.Column("requested", sa.DateTime(timezone=True), nullable=False),
        sa.Column("started", sa.DateTime(timezone=True), nullable=True),
        sa.Column("finished", sa.DateTime(timezone=True), nullable=True),
        sa.Column("result_url", sa.Text(), nullable=True),
        sa.Column("organisation", sa.String(length=64), nullable=True),
        sa.Column("actor", sa.String(length=128), nullable=True),
        sa.Column("process", sa.String(length=128), nullable=False),
        sa.Column("heartbeat", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_job")),
    )
    op.create_index(op.f("ix_job_state_id"), "job", ["state", "id"], unique=False)
    op.create_index(op.f("ix_job_dedupe"), "job", ["dedupe"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_job_dedupe"), table_name="job")
    op.drop_index(op.f("ix_job_state_id"), table_name="job")
    op.drop_table("job")
