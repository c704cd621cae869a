"""The initial schema: every domain kind, the audit trail and results.

Revision ID: 0001
Revises: (none)
Created: 2025-01-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "audit",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("actor", sa.String(length=128), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("key", sa.String(length=256), nullable=False),
        sa.Column("action", sa.String(length=16), nullable=False),
        sa.Column("before", JSON, nullable=True),
        sa.Column("after", JSON, nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit")),
    )
    op.create_index(op.f("ix_audit_kind_key"), "audit", ["kind", "key"], unique=False)
    op.create_table(
        "cost_pool",
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("basis", sa.String(length=32), nullable=False),
        sa.Column("driver", sa.Text(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_cost_pool")),
    )
    op.create_table(
        "party",
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("role", sa.String(length=32), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_party")),
    )
    op.create_table(
        "raid",
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=32), nullable=False),
        sa.Column("owner", sa.Text(), nullable=False),
        sa.Column("raised", sa.Date(), nullable=True),
        sa.Column("probability", sa.Double(), nullable=False),
        sa.Column("delay_days", sa.Double(), nullable=False),
        sa.Column("extra_effort", sa.Double(), nullable=False),
        sa.Column("cost_impact", sa.Double(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_raid")),
    )
    op.create_table(
        "results",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("scenario", sa.String(length=256), nullable=False),
        sa.Column("kind", sa.String(length=64), nullable=False),
        sa.Column("created", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(length=128), nullable=False),
        sa.Column("payload", JSON, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_results")),
    )
    op.create_index(op.f("ix_results_scenario_kind"), "results", ["scenario", "kind"], unique=False)
    op.create_table(
        "scenario",
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("start", sa.Date(), nullable=False),
        sa.Column("deadline", sa.Date(), nullable=True),
        sa.Column("objective", sa.String(length=32), nullable=False),
        sa.Column("capacity_factor", sa.Double(), nullable=False),
        sa.Column("lateness_penalty", sa.Double(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_scenario")),
    )
    store_state = op.create_table(
        "store_state",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_store_state")),
    )
    # The one row writers lock and bump; see carveout.storage.store.
    op.bulk_insert(store_state, [{"id": 1, "revision": 0}])
    op.create_table(
        "team",
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_team")),
    )
    op.create_table(
        "agreement",
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("provider", sa.String(length=64), nullable=False),
        sa.Column("start", sa.Date(), nullable=False),
        sa.Column("end", sa.Date(), nullable=True),
        sa.Column("notice_months", sa.Double(), nullable=False),
        sa.Column("notice_served", sa.Date(), nullable=True),
        sa.Column("terminating_party", sa.String(length=64), nullable=True),
        sa.Column("termination_terms", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["provider"], ["party.code"], name=op.f("fk_agreement_provider_party")
        ),
        sa.ForeignKeyConstraint(
            ["terminating_party"], ["party.code"], name=op.f("fk_agreement_terminating_party_party")
        ),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_agreement")),
    )
    op.create_index(op.f("ix_agreement_provider"), "agreement", ["provider"], unique=False)
    op.create_table(
        "cost_pool_annual_cost",
        sa.Column("cost_pool", sa.String(length=64), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("amount", sa.Double(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["cost_pool"],
            ["cost_pool.code"],
            name=op.f("fk_cost_pool_annual_cost_cost_pool_cost_pool"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("cost_pool", "year", name=op.f("pk_cost_pool_annual_cost")),
    )
    op.create_table(
        "cost_pool_share",
        sa.Column("cost_pool", sa.String(length=64), nullable=False),
        sa.Column("party", sa.String(length=64), nullable=False),
        sa.Column("share", sa.Double(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["cost_pool"],
            ["cost_pool.code"],
            name=op.f("fk_cost_pool_share_cost_pool_cost_pool"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["party"], ["party.code"], name=op.f("fk_cost_pool_share_party_party")
        ),
        sa.PrimaryKeyConstraint("cost_pool", "party", name=op.f("pk_cost_pool_share")),
    )
    op.create_index(op.f("ix_cost_pool_share_party"), "cost_pool_share", ["party"], unique=False)
    op.create_table(
        "party_driver",
        sa.Column("party", sa.String(length=64), nullable=False),
        sa.Column("driver", sa.Text(), nullable=False),
        sa.Column("value", sa.Double(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["party"], ["party.code"], name=op.f("fk_party_driver_party_party"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("party", "driver", name=op.f("pk_party_driver")),
    )
    op.create_table(
        "service",
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("host", sa.String(length=64), nullable=False),
        sa.Column("fixed_cost", sa.Double(), nullable=False),
        sa.Column("variable_cost", sa.Double(), nullable=False),
        sa.Column("criticality", sa.String(length=32), nullable=False),
        sa.Column("disposition", sa.String(length=32), nullable=False),
        sa.Column("destination", sa.String(length=64), nullable=True),
        sa.Column("domain", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["destination"], ["party.code"], name=op.f("fk_service_destination_party")
        ),
        sa.ForeignKeyConstraint(["host"], ["party.code"], name=op.f("fk_service_host_party")),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_service")),
    )
    op.create_index(op.f("ix_service_host"), "service", ["host"], unique=False)
    op.create_table(
        "team_capacity",
        sa.Column("team", sa.String(length=64), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("start", sa.Date(), nullable=False),
        sa.Column("end", sa.Date(), nullable=False),
        sa.Column("people", sa.Double(), nullable=False),
        sa.ForeignKeyConstraint(
            ["team"], ["team.code"], name=op.f("fk_team_capacity_team_team"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("team", "position", name=op.f("pk_team_capacity")),
    )
    op.create_table(
        "agreement_recipient",
        sa.Column("agreement", sa.String(length=64), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("party", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["agreement"],
            ["agreement.code"],
            name=op.f("fk_agreement_recipient_agreement_agreement"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["party"], ["party.code"], name=op.f("fk_agreement_recipient_party_party")
        ),
        sa.PrimaryKeyConstraint("agreement", "position", name=op.f("pk_agreement_recipient")),
    )
    op.create_index(
        op.f("ix_agreement_recipient_party"), "agreement_recipient", ["party"], unique=False
    )
    op.create_table(
        "blackout",
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("start", sa.Date(), nullable=False),
        sa.Column("end", sa.Date(), nullable=False),
        sa.Column("team", sa.String(length=64), nullable=True),
        sa.Column("service", sa.String(length=64), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["service"], ["service.code"], name=op.f("fk_blackout_service_service")
        ),
        sa.ForeignKeyConstraint(["team"], ["team.code"], name=op.f("fk_blackout_team_team")),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_blackout")),
    )
    op.create_index(op.f("ix_blackout_service"), "blackout", ["service"], unique=False)
    op.create_index(op.f("ix_blackout_team"), "blackout", ["team"], unique=False)
    op.create_table(
        "cost_pool_service",
        sa.Column("cost_pool", sa.String(length=64), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("service", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["cost_pool"],
            ["cost_pool.code"],
            name=op.f("fk_cost_pool_service_cost_pool_cost_pool"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["service"], ["service.code"], name=op.f("fk_cost_pool_service_service_service")
        ),
        sa.PrimaryKeyConstraint("cost_pool", "position", name=op.f("pk_cost_pool_service")),
    )
    op.create_index(
        op.f("ix_cost_pool_service_service"), "cost_pool_service", ["service"], unique=False
    )
    op.create_table(
        "dependency",
        sa.Column("service", sa.String(length=64), nullable=False),
        sa.Column("depends_on", sa.String(length=64), nullable=False),
        sa.Column("coupling", sa.String(length=32), nullable=False),
        sa.Column("bridge_effort", sa.Double(), nullable=False),
        sa.Column("bridge_cost", sa.Double(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["depends_on"], ["service.code"], name=op.f("fk_dependency_depends_on_service")
        ),
        sa.ForeignKeyConstraint(
            ["service"], ["service.code"], name=op.f("fk_dependency_service_service")
        ),
        sa.PrimaryKeyConstraint("service", "depends_on", name=op.f("pk_dependency")),
    )
    op.create_index(op.f("ix_dependency_depends_on"), "dependency", ["depends_on"], unique=False)
    op.create_table(
        "migration",
        sa.Column("service", sa.String(length=64), nullable=False),
        sa.Column("team", sa.String(length=64), nullable=False),
        sa.Column("effort_optimistic", sa.Double(), nullable=False),
        sa.Column("effort_most_likely", sa.Double(), nullable=False),
        sa.Column("effort_pessimistic", sa.Double(), nullable=False),
        sa.Column("duration_optimistic", sa.Double(), nullable=False),
        sa.Column("duration_most_likely", sa.Double(), nullable=False),
        sa.Column("duration_pessimistic", sa.Double(), nullable=False),
        sa.Column("earliest_start", sa.Date(), nullable=True),
        sa.Column("deadline", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=32), nullable=False),
        sa.Column("actual_start", sa.Date(), nullable=True),
        sa.Column("actual_end", sa.Date(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["service"], ["service.code"], name=op.f("fk_migration_service_service")
        ),
        sa.ForeignKeyConstraint(["team"], ["team.code"], name=op.f("fk_migration_team_team")),
        sa.PrimaryKeyConstraint("service", name=op.f("pk_migration")),
    )
    op.create_index(op.f("ix_migration_team"), "migration", ["team"], unique=False)
    op.create_table(
        "raid_service",
        sa.Column("raid", sa.String(length=64), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("service", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["raid"], ["raid.code"], name=op.f("fk_raid_service_raid_raid"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["service"], ["service.code"], name=op.f("fk_raid_service_service_service")
        ),
        sa.PrimaryKeyConstraint("raid", "position", name=op.f("pk_raid_service")),
    )
    op.create_index(op.f("ix_raid_service_service"), "raid_service", ["service"], unique=False)
    op.create_table(
        "service_consumer",
        sa.Column("service", sa.String(length=64), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("party", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["party"], ["party.code"], name=op.f("fk_service_consumer_party_party")
        ),
        sa.ForeignKeyConstraint(
            ["service"],
            ["service.code"],
            name=op.f("fk_service_consumer_service_service"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("service", "position", name=op.f("pk_service_consumer")),
    )
    op.create_index(op.f("ix_service_consumer_party"), "service_consumer", ["party"], unique=False)
    op.create_table(
        "service_usage",
        sa.Column("service", sa.String(length=64), nullable=False),
        sa.Column("party", sa.String(length=64), nullable=False),
        sa.Column("units", sa.Double(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["party"], ["party.code"], name=op.f("fk_service_usage_party_party")
        ),
        sa.ForeignKeyConstraint(
            ["service"],
            ["service.code"],
            name=op.f("fk_service_usage_service_service"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("service", "party", name=op.f("pk_service_usage")),
    )
    op.create_index(op.f("ix_service_usage_party"), "service_usage", ["party"], unique=False)
    op.create_table(
        "tranche",
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("agreement", sa.String(length=64), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("start", sa.Date(), nullable=False),
        sa.Column("end", sa.Date(), nullable=False),
        sa.Column("monthly_charge", sa.Double(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["agreement"], ["agreement.code"], name=op.f("fk_tranche_agreement_agreement")
        ),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_tranche")),
    )
    op.create_index(op.f("ix_tranche_agreement"), "tranche", ["agreement"], unique=False)
    op.create_table(
        "extension_option",
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("tranche", sa.String(length=64), nullable=False),
        sa.Column("length_months", sa.Integer(), nullable=False),
        sa.Column("notice_months", sa.Double(), nullable=False),
        sa.Column("step_up", sa.Double(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["tranche"], ["tranche.code"], name=op.f("fk_extension_option_tranche_tranche")
        ),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_extension_option")),
    )
    op.create_index(
        op.f("ix_extension_option_tranche"), "extension_option", ["tranche"], unique=False
    )
    op.create_table(
        "tranche_service",
        sa.Column("tranche", sa.String(length=64), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("service", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["service"], ["service.code"], name=op.f("fk_tranche_service_service_service")
        ),
        sa.ForeignKeyConstraint(
            ["tranche"],
            ["tranche.code"],
            name=op.f("fk_tranche_service_tranche_tranche"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("tranche", "position", name=op.f("pk_tranche_service")),
    )
    op.create_index(
        op.f("ix_tranche_service_service"), "tranche_service", ["service"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_tranche_service_service"), table_name="tranche_service")
    op.drop_table("tranche_service")
    op.drop_index(op.f("ix_extension_option_tranche"), table_name="extension_option")
    op.drop_table("extension_option")
    op.drop_index(op.f("ix_tranche_agreement"), table_name="tranche")
    op.drop_table("tranche")
    op.drop_index(op.f("ix_service_usage_party"), table_name="service_usage")
    op.drop_table("service_usage")
    op.drop_index(op.f("ix_service_consumer_party"), table_name="service_consumer")
    op.drop_table("service_consumer")
    op.drop_index(op.f("ix_raid_service_service"), table_name="raid_service")
    op.drop_table("raid_service")
    op.drop_index(op.f("ix_migration_team"), table_name="migration")
    op.drop_table("migration")
    op.drop_index(op.f("ix_dependency_depends_on"), table_name="dependency")
    op.drop_table("dependency")
    op.drop_index(op.f("ix_cost_pool_service_service"), table_name="cost_pool_service")
    op.drop_table("cost_pool_service")
    op.drop_index(op.f("ix_blackout_team"), table_name="blackout")
    op.drop_index(op.f("ix_blackout_service"), table_name="blackout")
    op.drop_table("blackout")
    op.drop_index(op.f("ix_agreement_recipient_party"), table_name="agreement_recipient")
    op.drop_table("agreement_recipient")
    op.drop_table("team_capacity")
    op.drop_index(op.f("ix_service_host"), table_name="service")
    op.drop_table("service")
    op.drop_table("party_driver")
    op.drop_index(op.f("ix_cost_pool_share_party"), table_name="cost_pool_share")
    op.drop_table("cost_pool_share")
    op.drop_table("cost_pool_annual_cost")
    op.drop_index(op.f("ix_agreement_provider"), table_name="agreement")
    op.drop_table("agreement")
    op.drop_table("team")
    op.drop_table("store_state")
    op.drop_table("scenario")
    op.drop_index(op.f("ix_results_scenario_kind"), table_name="results")
    op.drop_table("results")
    op.drop_table("raid")
    op.drop_table("party")
    op.drop_table("cost_pool")
    op.drop_index(op.f("ix_audit_kind_key"), table_name="audit")
    op.drop_table("audit")
