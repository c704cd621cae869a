"""The workbook format: every sheet, its columns, their types and meaning.

This is the single source of truth for the template, the import, the export
and ``docs/workbook.md``. A top-level sheet holds one record per row (its
``kind`` names the entity); a child sheet holds one entry of a parent
record's collection per row (its ``parent`` names the sheet it belongs to).
"""

from __future__ import annotations

from carveout.domain.enums import (
    Coupling,
    Criticality,
    Disposition,
    MigrationStatus,
    Objective,
    PartyRole,
    RaidKind,
    RaidStatus,
    ServiceKind,
)
from carveout.portfolio.agreement_sheets import SCHEDULE_SHEETS
from carveout.portfolio.contract_sheets import AGREEMENT_SHEETS
from carveout.portfolio.cost_pool_sheets import COST_POOL_SHEETS
from carveout.portfolio.readiness_sheets import READINESS_SHEETS
from carveout.portfolio.service_level_sheets import SERVICE_LEVEL_SHEETS
from carveout.portfolio.sheet_model import (
    LIST_SEPARATOR,
    Column,
    ColumnType,
    Sheet,
    choice_column,
    code_column,
    codes_column,
    date_column,
    estimate_columns,
    flag_column,
    number_column,
    text_column,
)

__all__ = [
    "LIST_SEPARATOR",
    "SHEETS",
    "SHEET_BY_NAME",
    "SHEET_OF_KIND",
    "Column",
    "ColumnType",
    "Sheet",
    "reference_markdown",
]

SHEETS: tuple[Sheet, ...] = (
    Sheet(
        "parties",
        "The organisations in the collaboration.",
        (
            code_column("code", "Short unique code of the party, e.g. WMP"),
            text_column("name", "Full name of the organisation", required=True),
            choice_column("role", PartyRole, "Its part in the separation (default partner)"),
        ),
        key=("code",),
        kind="party",
    ),
    Sheet(
        "party_drivers",
        "Allocation drivers of each party (officers, staff, population, budget…).",
        (
            code_column("party", "Code of a party on the parties sheet"),
            text_column("driver", "Name of the driver, e.g. officers", required=True),
            number_column("value", "The party's quantity of that driver", required=True),
        ),
        key=("party", "driver"),
        parent="parties",
        field="drivers",
    ),
    Sheet(
        "services",
        "Everything shared: applications, infrastructure, data stores, business services.",
        (
            code_column("code", "Short unique code of the service, e.g. CAD"),
            text_column("name", "Name of the service", required=True),
            choice_column("kind", ServiceKind, "What sort of service it is", required=True),
            code_column("host", "Code of the party that hosts or provides it"),
            codes_column("consumers", "Codes of the parties that use it, separated by ;"),
            number_column("fixed_cost", "Annual fixed cost in pounds (default 0)"),
            number_column("variable_cost", "Annual cost per unit of usage in pounds (default 0)"),
            choice_column("criticality", Criticality, "Operational criticality (default medium)"),
            choice_column(
                "disposition", Disposition, "What happens at separation (default migrate)"
            ),
            code_column(
                "destination", "Code of the party taking it on after separation", required=False
            ),
            text_column("domain", "Business domain, e.g. custody or payroll"),
            number_column(
                "consent_lead_days",
                "Days of notice the vendor needs to consent to serving another organisation "
                "(blank: no consent needed)",
            ),
        ),
        key=("code",),
        kind="service",
    ),
    Sheet(
        "usage",
        "How much each consumer uses each service (users, transactions…).",
        (
            code_column("service", "Code of a service on the services sheet"),
            code_column("party", "Code of a party listed as a consumer of that service"),
            number_column("units", "Units of use by that party", required=True),
        ),
        key=("service", "party"),
        parent="services",
        field="usage",
    ),
    Sheet(
        "dependencies",
        "Service relies on depends_on, and how tightly that ties their cut-overs.",
        (
            code_column("service", "Code of the service that relies on the other"),
            code_column("depends_on", "Code of the service it relies on"),
            choice_column(
                "coupling",
                Coupling,
                "together: cut over at once; before: depends_on first; bridgeable: can split",
                required=True,
            ),
            number_column("bridge_effort", "Person-days to build a bridge (bridgeable only)"),
            number_column("bridge_cost", "Cost in pounds of a bridge (bridgeable only)"),
            text_column("description", "What the dependency is (data feed, identity…)"),
        ),
        key=("service", "depends_on"),
        kind="dependency",
    ),
    Sheet(
        "teams",
        "The teams that do migration work.",
        (
            code_column("code", "Short unique code of the team"),
            text_column("name", "Name of the team", required=True),
            code_column(
                "party",
                "Code of the party whose team it is (blank: programme office)",
                required=False,
            ),
            number_column(
                "day_rate",
                "Pounds per person-day of the team's work, pricing its migrations in the "
                "separation cost (blank: not recorded)",
            ),
        ),
        key=("code",),
        kind="team",
    ),
    Sheet(
        "capacity",
        "Staff available to each team, period by period (periods must not overlap).",
        (
            code_column("team", "Code of a team on the teams sheet"),
            date_column("start", "First day of the period", required=True),
            date_column("end", "Last day of the period", required=True),
            number_column("people", "Full-time staff available in the period", required=True),
        ),
        key=("team", "start"),
        parent="teams",
        field="capacity",
    ),
    Sheet(
        "migrations",
        "The work to move each service that migrates or is replicated.",
        (
            code_column("service", "Code of the service that moves"),
            code_column("team", "Code of the team doing the work"),
            *estimate_columns("effort", "person-days"),
            *estimate_columns("duration", "working days"),
            date_column("earliest_start", "Work may not start before this date"),
            date_column("deadline", "The service must have cut over by this date"),
            choice_column("status", MigrationStatus, "Progress (default not_started)"),
            date_column("actual_start", "When work started (needed once in progress)"),
            date_column("actual_end", "When it cut over (needed once cut over)"),
            number_column(
                "percent_complete", "Work in progress only: how far it has got, 0 to 100"
            ),
            number_column(
                "remaining_days", "Work in progress only: working days still needed (overrides %)"
            ),
        ),
        key=("service",),
        kind="migration",
    ),
    Sheet(
        "blackouts",
        "Periods when no cut-over may happen, for one team, one service, or everyone.",
        (
            code_column("code", "Short unique code of the blackout"),
            date_column("start", "First day of the blackout", required=True),
            date_column("end", "Last day of the blackout", required=True),
            code_column("team", "Only this team (blank: every team)", required=False),
            code_column("service", "Only this service (blank: every service)", required=False),
            text_column("reason", "Why, e.g. Christmas change freeze"),
        ),
        key=("code",),
        kind="blackout",
    ),
    *AGREEMENT_SHEETS,
    *SCHEDULE_SHEETS,
    *SERVICE_LEVEL_SHEETS,
    *READINESS_SHEETS,
    *COST_POOL_SHEETS,
    Sheet(
        "raid",
        "Risks, actions, issues and decisions.",
        (
            code_column("code", "Short unique code of the entry"),
            choice_column("kind", RaidKind, "risk, action, issue or decision", required=True),
            text_column("title", "One-line title", required=True),
            choice_column("status", RaidStatus, "open or closed (default open)"),
            text_column("owner", "Who owns it"),
            date_column("raised", "When it was raised"),
            number_column("probability", "Chance a risk happens, 0 to 1"),
            number_column("delay_days", "Days of delay to each affected service if it happens"),
            number_column("extra_effort", "Extra person-days per affected service if it happens"),
            number_column("cost_impact", "Cost in pounds if it happens"),
            codes_column("services", "Codes of the affected services, separated by ;"),
            text_column("description", "Details"),
            code_column(
                "raised_by",
                "Code of the party that raised it (blank: programme office)",
                required=False,
            ),
            text_column("mitigation", "What would be done to reduce the risk"),
            number_column("mitigation_cost", "What the mitigation costs in pounds (default 0)"),
            number_column(
                "mitigated_probability", "Chance it happens once mitigated (blank: unchanged)"
            ),
            number_column(
                "mitigated_delay_days", "Days of delay once mitigated (blank: unchanged)"
            ),
            number_column(
                "mitigated_cost_impact", "Cost in pounds once mitigated (blank: unchanged)"
            ),
            date_column(
                "window_start", "First day of the window in which it strikes (blank: any day)"
            ),
            date_column("window_end", "Last day of that window"),
            code_column(
                "triggers_extension",
                "Code of the extension option taken if it happens (blank: none)",
                required=False,
            ),
        ),
        key=("code",),
        kind="raid",
    ),
    Sheet(
        "scenarios",
        "Named sets of planning assumptions.",
        (
            code_column("code", "Short unique code of the scenario"),
            text_column("name", "Name of the scenario", required=True),
            date_column("start", "When migration work may begin", required=True),
            date_column("deadline", "When every moving service must have cut over"),
            date_column("as_of", "Data date its plans are made as of (blank: the day of planning)"),
            choice_column("objective", Objective, "What the planner optimises (default cost)"),
            number_column("capacity_factor", "Scales every team's capacity, 0.8 = 80% (default 1)"),
            number_column("lateness_penalty", "Pounds per service per day late (soft deadlines)"),
            text_column("description", "Details"),
            code_column(
                "owner",
                "Code of the party whose scenario it is (blank: programme office)",
                required=False,
            ),
            flag_column(
                "private", "yes: only the owner's users see it and its results (default no)"
            ),
        ),
        key=("code",),
        kind="scenario",
    ),
)
"""Every sheet, in the order they appear in the workbook."""

SHEET_BY_NAME: dict[str, Sheet] = {sheet.name: sheet for sheet in SHEETS}
SHEET_OF_KIND: dict[str, Sheet] = {sheet.kind: sheet for sheet in SHEETS if sheet.kind}
"""The top-level sheet holding each entity kind (``"service"`` → services)."""


def reference_markdown() -> str:
    """The column-by-column reference of ``docs/workbook.md``, generated from :data:`SHEETS`."""
    parts: list[str] = []
    for sheet in SHEETS:
        owner = f"one row per {sheet.kind}" if sheet.kind else f"child rows of {sheet.parent}"
        parts.append(
            f"### `{sheet.name}`\n\n{sheet.help} ({owner}; unique: {', '.join(sheet.key)})\n"
        )
        parts.append("| Column | Type | Required | Meaning | Allowed values |")
        parts.append("|---|---|---|---|---|")
        for c in sheet.columns:
            allowed = ", ".join(f"`{v}`" for v in c.choices)
            required = "yes" if c.required else ""
            parts.append(f"| `{c.name}` | {c.type.value} | {required} | {c.help} | {allowed} |")
        parts.append("")
    return "\n".join(parts)
