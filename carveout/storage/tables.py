"""The relational schema: one table per domain kind, child tables for its lists and maps.

Tables are keyed by the records' natural keys (codes) so that foreign keys
read like the domain. List-valued fields keep their order in a ``position``
column; top-level tables have one too, so a portfolio loads in the order it
was written. The Alembic revision in ``migrations/versions`` creates exactly
this schema (a test compares the two).
"""

from __future__ import annotations

from sqlalchemy import Boolean, Column, Date, Double, Index, Integer, String, Table, Text
from sqlalchemy.sql.expression import false

from carveout.storage.columns import CODE, metadata
from carveout.storage.columns import code as _code
from carveout.storage.columns import money as _money
from carveout.storage.columns import owned_by as _owner
from carveout.storage.columns import position as _position
from carveout.storage.columns import ref as _ref

party = Table(
    "party",
    metadata,
    _code("code", primary=True),
    Column("name", Text, nullable=False),
    Column("role", String(32), nullable=False),
    _position(),
)
party_driver = Table(
    "party_driver",
    metadata,
    _owner("party", "party.code"),
    Column("driver", Text, primary_key=True),
    Column("value", Double, nullable=False),
    _position(),
)

service = Table(
    "service",
    metadata,
    _code("code", primary=True),
    Column("name", Text, nullable=False),
    Column("kind", String(32), nullable=False),
    _ref("host", "party.code"),
    _money("fixed_cost"),
    _money("variable_cost"),
    Column("criticality", String(32), nullable=False),
    Column("disposition", String(32), nullable=False),
    _ref("destination", "party.code", nullable=True),
    Column("domain", Text, nullable=False),
    Column("consent_lead_days", Double),
    _position(),
    Index(None, "host"),
)
service_consumer = Table(
    "service_consumer",
    metadata,
    _owner("service", "service.code"),
    _position(primary=True),
    _ref("party", "party.code"),
    Index(None, "party"),
)
service_usage = Table(
    "service_usage",
    metadata,
    _owner("service", "service.code"),
    _ref("party", "party.code", primary=True),
    Column("units", Double, nullable=False),
    _position(),
    Index(None, "party"),
)

dependency = Table(
    "dependency",
    metadata,
    _ref("service", "service.code", primary=True),
    _ref("depends_on", "service.code", primary=True),
    Column("coupling", String(32), nullable=False),
    Column("bridge_effort", Double, nullable=False),
    _money("bridge_cost"),
    Column("description", Text, nullable=False),
    _position(),
    Index(None, "depends_on"),
)

team = Table(
    "team",
    metadata,
    _code("code", primary=True),
    Column("name", Text, nullable=False),
    _ref("party", "party.code", nullable=True),
    Column("day_rate", Double),
    _position(),
    Index(None, "party"),
)
team_capacity = Table(
    "team_capacity",
    metadata,
    _owner("team", "team.code"),
    _position(primary=True),
    Column("start", Date, nullable=False),
    Column("end", Date, nullable=False),
    Column("people", Double, nullable=False),
)

migration = Table(
    "migration",
    metadata,
    _ref("service", "service.code", primary=True),
    _ref("team", "team.code"),
    *(
        Column(f"{estimate}_{point}", Double, nullable=False)
        for estimate in ("effort", "duration")
        for point in ("optimistic", "most_likely", "pessimistic")
    ),
    Column("earliest_start", Date),
    Column("deadline", Date),
    Column("status", String(32), nullable=False),
    Column("actual_start", Date),
    Column("actual_end", Date),
    Column("percent_complete", Double),
    Column("remaining_days", Double),
    _position(),
    Index(None, "team"),
)

blackout = Table(
    "blackout",
    metadata,
    _code("code", primary=True),
    Column("start", Date, nullable=False),
    Column("end", Date, nullable=False),
    _ref("team", "team.code", nullable=True),
    _ref("service", "service.code", nullable=True),
    Column("reason", Text, nullable=False),
    _position(),
    Index(None, "team"),
    Index(None, "service"),
)

agreement = Table(
    "agreement",
    metadata,
    _code("code", primary=True),
    Column("name", Text, nullable=False),
    Column("kind", String(32), nullable=False),
    _ref("provider", "party.code"),
    Column("start", Date, nullable=False),
    Column("end", Date),
    Column("notice_months", Double, nullable=False),
    Column("notice_served", Date),
    _ref("terminating_party", "party.code", nullable=True),
    Column("termination_costs", String(32)),
    Column("termination_terms", Text, nullable=False),
    _position(),
    Index(None, "provider"),
)
agreement_recipient = Table(
    "agreement_recipient",
    metadata,
    _owner("agreement", "agreement.code"),
    _position(primary=True),
    _ref("party", "party.code"),
    Index(None, "party"),
)

agreement_termination_share = Table(
    "agreement_termination_share",
    metadata,
    _owner("agreement", "agreement.code"),
    _ref("party", "party.code", primary=True),
    Column("share", Double, nullable=False),
    _position(),
    Index(None, "party"),
)

tranche = Table(
    "tranche",
    metadata,
    _code("code", primary=True),
    _ref("agreement", "agreement.code"),
    Column("name", Text, nullable=False),
    Column("start", Date, nullable=False),
    Column("end", Date, nullable=False),
    _money("monthly_charge"),
    _position(),
    Index(None, "agreement"),
)
tranche_service = Table(
    "tranche_service",
    metadata,
    _owner("tranche", "tranche.code"),
    _position(primary=True),
    _ref("service", "service.code"),
    Index(None, "service"),
)

extension_option = Table(
    "extension_option",
    metadata,
    _code("code", primary=True),
    _ref("tranche", "tranche.code"),
    Column("length_months", Integer, nullable=False),
    Column("notice_months", Double, nullable=False),
    Column("step_up", Double, nullable=False),
    _position(),
    Index(None, "tranche"),
)

raid = Table(
    "raid",
    metadata,
    _code("code", primary=True),
    Column("kind", String(32), nullable=False),
    Column("title", Text, nullable=False),
    Column("status", String(32), nullable=False),
    Column("owner", Text, nullable=False),
    Column("raised", Date),
    Column("probability", Double, nullable=False),
    Column("delay_days", Double, nullable=False),
    Column("extra_effort", Double, nullable=False),
    _money("cost_impact"),
    Column("description", Text, nullable=False),
    _ref("raised_by", "party.code", nullable=True),
    Column("mitigation", Text, nullable=False, server_default=""),
    _money("mitigation_cost"),
    Column("mitigated_probability", Double),
    Column("mitigated_delay_days", Double),
    Column("mitigated_cost_impact", Double),
    Column("window_start", Date),
    Column("window_end", Date),
    _ref("triggers_extension", "extension_option.code", nullable=True),
    _position(),
    Index(None, "raised_by"),
)
raid_service = Table(
    "raid_service",
    metadata,
    _owner("raid", "raid.code"),
    _position(primary=True),
    _ref("service", "service.code"),
    Index(None, "service"),
)

scenario = Table(
    "scenario",
    metadata,
    _code("code", primary=True),
    Column("name", Text, nullable=False),
    Column("start", Date, nullable=False),
    Column("deadline", Date),
    Column("as_of", Date),
    Column("objective", String(32), nullable=False),
    Column("capacity_factor", Double, nullable=False),
    _money("lateness_penalty"),
    Column("description", Text, nullable=False),
    _ref("owner", "party.code", nullable=True),
    Column("private", Boolean, nullable=False, server_default=false()),
    _position(),
    Index(None, "owner"),
)

# The accounts, sessions, tokens, proposals and the audit seal live in their own module, as
# do the audit trail, saved results, jobs and the store's revision; importing them here puts
# every table on ``metadata``.
from carveout.storage import agreement_tables as agreement_tables  # noqa: E402  (its tables)
from carveout.storage import readiness_tables as readiness_tables  # noqa: E402  (its tables)
from carveout.storage import service_level_tables as service_level_tables  # noqa: E402
from carveout.storage.access_tables import (  # noqa: E402
    account,
    api_token,
    audit_seal,
    identity_provider,
    login_attempt,
    proposal,
    proposal_vote,
    web_session,
)
from carveout.storage.cost_pool_tables import (  # noqa: E402
    cost_pool,
    cost_pool_annual_cost,
    cost_pool_charge,
    cost_pool_service,
    cost_pool_share,
)
from carveout.storage.run_tables import audit, job, results, store_state  # noqa: E402

__all__ = [
    "CODE",
    "account",
    "api_token",
    "audit",
    "audit_seal",
    "cost_pool",
    "cost_pool_annual_cost",
    "cost_pool_charge",
    "cost_pool_service",
    "cost_pool_share",
    "identity_provider",
    "job",
    "login_attempt",
    "metadata",
    "proposal",
    "proposal_vote",
    "results",
    "store_state",
    "web_session",
]
