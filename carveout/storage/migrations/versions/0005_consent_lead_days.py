"""Vendor consent: ``service.consent_lead_days``.

Revision ID: 0005
Revises: 0004
Created: 2026-11-30

The days of notice a service's vendor needs to consent to its serving another
organisation; blank when no consent is needed. The notice calendar counts them back
from the planned cut-over.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.add_column("service", sa.Column("consent_lead_days", sa.Double(), nullable=True))


def downgrade() -> None:
    op.drop_column("service", "consent_lead_days")
