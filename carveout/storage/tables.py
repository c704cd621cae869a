"""The relational schema: one table per domain kind, child tables for its lists and maps.

Tables are keyed by the records' natural keys (codes) so that foreign keys
read like the domain. List-valued fields keep their order in a ``position``
column; top-level tables have one too, so a portfolio loads in the order it
was written. The Alembic revision in ``migrations/versions`` creates exactly
this schema (a test compares the two).
"""

from __future__ import annotations

from sqlalchemy import Boolean, Column, Date, DateTime, Double, Index, Integer, String, Table, Text
from sqlalchemy.sql.expression import false

from carveout.storage.columns import CODE, Json, metadata
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

cost_pool = Table(
    "cost_pool",
    metadata,
    _code("code", primary=True),
    Column("name", Text, nullable=False),
    Column("basis", String(32), nullable=False),
    Column("driver", Text),
    _ref("agreement", "agreement.code", nullable=True),
    _position(),
    Index(None, "agreement"),
)
cost_pool_share = Table(
    "cost_pool_share",
    metadata,
    _owner("cost_pool", "cost_pool.code"),
    _ref("party", "party.code", primary=True),
    Column("share", Double, nullable=False),
    _position(),
    Index(None, "party"),
)
cost_pool_service = Table(
    "cost_pool_service",
    metadata,
    _owner("cost_pool", "cost_pool.code"),
    _position(primary=True),
    _ref("service", "service.code"),
    Index(None, "service"),
)
cost_pool_annual_cost = Table(
    "cost_pool_annual_cost",
    metadata,
    _owner("cost_pool", "cost_pool.code"),
    Column("year", Integer, primary_key=True),
    _money("amount"),
    _position(),
)

cost_pool_charge = Table(
    "cost_pool_charge",
    metadata,
    _owner("cost_pool", "cost_pool.code"),
    Column("year", Integer, primary_key=True),
    _ref("party", "party.code", primary=True),
    _money("amount"),
    _position(),
    Index(None, "party"),
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

audit = Table(
    "audit",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("actor", String(128), nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("kind", String(32), nullable=False),
    Column("key", String(256), nullable=False),
    Column("action", String(16), nullable=False),
    Column("before", Json),
    Column("after", Json),
    # Who, from where and in which request; and the hash chain (see storage/chain.py).
    Column("organisation", String(CODE)),
    Column("request_id", String(64)),
    Column("prev_hash", String(64)),
    Column("hash", String(64)),
    Index(None, "kind", "key"),
    Index(None, "actor"),
    Index(None, "organisation"),
)

results = Table(
    "results",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("scenario", String(256), nullable=False),
    Column("kind", String(64), nullable=False),
    Column("created", DateTime(timezone=True), nullable=False),
    Column("actor", String(128), nullable=False),
    Column("payload", Json, nullable=False),
    Column("as_of", Date),
    Column("fingerprint", String(64)),
    Index(None, "scenario", "kind"),
)

job = Table(
    "job",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kind", String(32), nullable=False),
    Column("scenario", String(CODE), nullable=False),
    Column("as_of", Date),
    Column("dedupe", String(64), nullable=False),
    Column("state", String(16), nullable=False),
    Column("progress", Double, nullable=False),
    Column("message", Text, nullable=False),
    Column("budget", Double, nullable=False),
    Column("requested", DateTime(timezone=True), nullable=False),
    Column("started", DateTime(timezone=True)),
    Column("finished", DateTime(timezone=True)),
    Column("result_url", Text),
    Column("organisation", String(CODE)),
    Column("actor", String(128)),
    Column("process", String(128), nullable=False),
    Column("heartbeat", DateTime(timezone=True), nullable=False),
    Index(None, "state", "id"),
    Index(None, "dedupe"),
)
"""A background run from the dashboard, shared by every server process: see
:mod:`carveout.storage.job_queue`."""

store_state = Table(
    "store_state",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("revision", Integer, nullable=False),
)
"""One row whose ``revision`` counts committed changes: writers lock it, readers cache by it."""

# The accounts, sessions, tokens, proposals and the audit seal live in their own module;
# importing them here puts every table on ``metadata``.
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

__all__ = [
    "CODE",
    "account",
    "api_token",
    "audit_seal",
    "identity_provider",
    "login_attempt",
    "metadata",
    "proposal",
    "proposal_vote",
    "web_session",
]
