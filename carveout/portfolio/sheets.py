"""The workbook format: every sheet, its columns, their types and meaning.

This is the single source of truth for the template, the import, the export
and ``docs/workbook.md``. A top-level sheet holds one record per row (its
``kind`` names the entity); a child sheet holds one entry of a parent
record's collection per row (its ``parent`` names the sheet it belongs to).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from carveout.domain.enums import (
    AgreementKind,
    ChargingBasis,
    Coupling,
    Criticality,
    Disposition,
    MigrationStatus,
    Objective,
    PartyRole,
    RaidKind,
    RaidStatus,
    ServiceKind,
    TerminationCosts,
)

LIST_SEPARATOR = ";"
"""Separates codes in a list cell (``consumers``, ``recipients``, ``services``)."""


class ColumnType(StrEnum):
    """How a cell is read and written."""

    CODE = "code"
    CODES = "codes"
    TEXT = "text"
    NUMBER = "number"
    INTEGER = "integer"
    DATE = "date"
    CHOICE = "choice"
    FLAG = "flag"


EXPECTED: dict[ColumnType, str] = {
    ColumnType.CODE: "a code (letters, digits, _ . - / or spaces)",
    ColumnType.CODES: "codes separated by ';'",
    ColumnType.TEXT: "text",
    ColumnType.NUMBER: "a number",
    ColumnType.INTEGER: "a whole number",
    ColumnType.DATE: "a date (YYYY-MM-DD, DD/MM/YYYY or an Excel date)",
    ColumnType.CHOICE: "one of the listed values",
    ColumnType.FLAG: "yes or no",
}
"""What a cell of each type must hold, in the words used in error messages."""


@dataclass(frozen=True, slots=True)
class Column:
    """One column of a sheet: its header, type, whether it must be filled, and meaning."""

    name: str
    type: ColumnType
    help: str
    required: bool = False
    choices: tuple[str, ...] = ()

    @property
    def expected(self) -> str:
        if self.choices:
            return "one of: " + ", ".join(self.choices)
        return EXPECTED[self.type]


@dataclass(frozen=True, slots=True)
class Sheet:
    """One sheet of the workbook.

    ``key`` lists the columns that identify a row: two rows with the same key
    are duplicates. A child sheet's first key column names its parent record.
    """

    name: str
    help: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    kind: str | None = None
    parent: str | None = None
    field: str | None = None

    @property
    def headers(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns if c.required)

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


def _choices(enum: type[StrEnum]) -> tuple[str, ...]:
    return tuple(member.value for member in enum)


def _code(name: str, help: str, *, required: bool = True) -> Column:
    return Column(name, ColumnType.CODE, help, required)


def _codes(name: str, help: str, *, required: bool = False) -> Column:
    return Column(name, ColumnType.CODES, help, required)


def _text(name: str, help: str, *, required: bool = False) -> Column:
    return Column(name, ColumnType.TEXT, help, required)


def _number(name: str, help: str, *, required: bool = False) -> Column:
    return Column(name, ColumnType.NUMBER, help, required)


def _integer(name: str, help: str, *, required: bool = False) -> Column:
    return Column(name, ColumnType.INTEGER, help, required)


def _date(name: str, help: str, *, required: bool = False) -> Column:
    return Column(name, ColumnType.DATE, help, required)


def _flag(name: str, help: str) -> Column:
    return Column(name, ColumnType.FLAG, help, False, ("yes", "no"))


def _choice(name: str, enum: type[StrEnum], help: str, *, required: bool = False) -> Column:
    return Column(name, ColumnType.CHOICE, help, required, _choices(enum))


def _estimate(prefix: str, unit: str) -> tuple[Column, ...]:
    return tuple(
        _number(f"{prefix}_{point}", f"{label} {prefix} in {unit}", required=True)
        for point, label in (
            ("optimistic", "Optimistic (lowest)"),
            ("most_likely", "Most likely"),
            ("pessimistic", "Pessimistic (highest)"),
        )
    )


from carveout.portfolio.agreement_sheets import SCHEDULE_SHEETS  # noqa: E402  (needs Sheet)
from carveout.portfolio.readiness_sheets import READINESS_SHEETS  # noqa: E402  (needs Sheet)
from carveout.portfolio.service_level_sheets import SERVICE_LEVEL_SHEETS  # noqa: E402

SHEETS: tuple[Sheet, ...] = (
    Sheet(
        "parties",
        "The organisations in the collaboration.",
        (
            _code("code", "Short unique code of the party, e.g. WMP"),
            _text("name", "Full name of the organisation", required=True),
            _choice("role", PartyRole, "Its part in the separation (default partner)"),
        ),
        key=("code",),
        kind="party",
    ),
    Sheet(
        "party_drivers",
        "Allocation drivers of each party (officers, staff, population, budget…).",
        (
            _code("party", "Code of a party on the parties sheet"),
            _text("driver", "Name of the driver, e.g. officers", required=True),
            _number("value", "The party's quantity of that driver", required=True),
        ),
        key=("party", "driver"),
        parent="parties",
        field="drivers",
    ),
    Sheet(
        "services",
        "Everything shared: applications, infrastructure, data stores, business services.",
        (
            _code("code", "Short unique code of the service, e.g. CAD"),
            _text("name", "Name of the service", required=True),
            _choice("kind", ServiceKind, "What sort of service it is", required=True),
            _code("host", "Code of the party that hosts or provides it"),
            _codes("consumers", "Codes of the parties that use it, separated by ;"),
            _number("fixed_cost", "Annual fixed cost in pounds (default 0)"),
            _number("variable_cost", "Annual cost per unit of usage in pounds (default 0)"),
            _choice("criticality", Criticality, "Operational criticality (default medium)"),
            _choice("disposition", Disposition, "What happens at separation (default migrate)"),
            _code("destination", "Code of the party taking it on after separation", required=False),
            _text("domain", "Business domain, e.g. custody or payroll"),
            _number(
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
            _code("service", "Code of a service on the services sheet"),
            _code("party", "Code of a party listed as a consumer of that service"),
            _number("units", "Units of use by that party", required=True),
        ),
        key=("service", "party"),
        parent="services",
        field="usage",
    ),
    Sheet(
        "dependencies",
        "Service relies on depends_on, and how tightly that ties their cut-overs.",
        (
            _code("service", "Code of the service that relies on the other"),
            _code("depends_on", "Code of the service it relies on"),
            _choice(
                "coupling",
                Coupling,
                "together: cut over at once; before: depends_on first; bridgeable: can split",
                required=True,
            ),
            _number("bridge_effort", "Person-days to build a bridge (bridgeable only)"),
            _number("bridge_cost", "Cost in pounds of a bridge (bridgeable only)"),
            _text("description", "What the dependency is (data feed, identity…)"),
        ),
        key=("service", "depends_on"),
        kind="dependency",
    ),
    Sheet(
        "teams",
        "The teams that do migration work.",
        (
            _code("code", "Short unique code of the team"),
            _text("name", "Name of the team", required=True),
            _code(
                "party",
                "Code of the party whose team it is (blank: programme office)",
                required=False,
            ),
            _number(
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
            _code("team", "Code of a team on the teams sheet"),
            _date("start", "First day of the period", required=True),
            _date("end", "Last day of the period", required=True),
            _number("people", "Full-time staff available in the period", required=True),
        ),
        key=("team", "start"),
        parent="teams",
        field="capacity",
    ),
    Sheet(
        "migrations",
        "The work to move each service that migrates or is replicated.",
        (
            _code("service", "Code of the service that moves"),
            _code("team", "Code of the team doing the work"),
            *_estimate("effort", "person-days"),
            *_estimate("duration", "working days"),
            _date("earliest_start", "Work may not start before this date"),
            _date("deadline", "The service must have cut over by this date"),
            _choice("status", MigrationStatus, "Progress (default not_started)"),
            _date("actual_start", "When work started (needed once in progress)"),
            _date("actual_end", "When it cut over (needed once cut over)"),
            _number("percent_complete", "Work in progress only: how far it has got, 0 to 100"),
            _number(
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
            _code("code", "Short unique code of the blackout"),
            _date("start", "First day of the blackout", required=True),
            _date("end", "Last day of the blackout", required=True),
            _code("team", "Only this team (blank: every team)", required=False),
            _code("service", "Only this service (blank: every service)", required=False),
            _text("reason", "Why, e.g. Christmas change freeze"),
        ),
        key=("code",),
        kind="blackout",
    ),
    Sheet(
        "agreements",
        "Collaboration, service and transitional service agreements.",
        (
            _code("code", "Short unique code of the agreement"),
            _text("name", "Name of the agreement", required=True),
            _choice("kind", AgreementKind, "What sort of agreement it is", required=True),
            _code("provider", "Code of the party that provides the services"),
            _codes("recipients", "Codes of the receiving parties, separated by ;", required=True),
            _date("start", "When the agreement started", required=True),
            _date("end", "When it ends (blank: open-ended)"),
            _number("notice_months", "Months of notice to end it (default 0)"),
            _date("notice_served", "When notice was served, if it has been"),
            _code("terminating_party", "Code of the party that served notice", required=False),
            _choice(
                "termination_costs",
                TerminationCosts,
                "Who bears the reasonable costs of separation at the end",
            ),
            _text("termination_terms", "The termination clause in its own words (for people)"),
        ),
        key=("code",),
        kind="agreement",
    ),
    Sheet(
        "termination_shares",
        "How reasonable costs are shared when an agreement's termination costs are shared.",
        (
            _code("agreement", "Code of an agreement on the agreements sheet"),
            _code("party", "Code of a party to that agreement"),
            _number("share", "The party's share of the costs (normalised)", required=True),
        ),
        key=("agreement", "party"),
        parent="agreements",
        field="termination_shares",
    ),
    Sheet(
        "tranches",
        "Schedules of an agreement: services hosted until an end date for a monthly charge.",
        (
            _code("code", "Short unique code of the tranche"),
            _code("agreement", "Code of an agreement on the agreements sheet"),
            _text("name", "Name of the schedule"),
            _date("start", "First day of the tranche", required=True),
            _date("end", "Last day of the tranche", required=True),
            _number("monthly_charge", "Charge per month in pounds", required=True),
        ),
        key=("code",),
        kind="tranche",
    ),
    Sheet(
        "tranche_services",
        "The services each tranche covers.",
        (
            _code("tranche", "Code of a tranche on the tranches sheet"),
            _code("service", "Code of a service the tranche covers"),
        ),
        key=("tranche", "service"),
        parent="tranches",
        field="services",
    ),
    Sheet(
        "extension_options",
        "Options to extend a tranche, with their notice and price step-up.",
        (
            _code("code", "Short unique code of the option"),
            _code("tranche", "Code of the tranche it extends"),
            _integer("length_months", "Months the extension adds", required=True),
            _number("notice_months", "Months before the tranche end it must be exercised"),
            _number("step_up", "Rise in the monthly charge, 0.15 = 15% (default 0)"),
        ),
        key=("code",),
        kind="extension_option",
    ),
    *SCHEDULE_SHEETS,
    *SERVICE_LEVEL_SHEETS,
    *READINESS_SHEETS,
    Sheet(
        "cost_pools",
        "Pots of shared cost and how they are charged to parties today.",
        (
            _code("code", "Short unique code of the pool"),
            _text("name", "Name of the pool", required=True),
            _choice(
                "basis", ChargingBasis, "ratio: fixed shares; driver: by a driver", required=True
            ),
            _text("driver", "Driver name when the basis is driver, e.g. officers"),
            _code("agreement", "Code of the agreement the pool is shared under", required=False),
        ),
        key=("code",),
        kind="cost_pool",
    ),
    Sheet(
        "pool_shares",
        "Fixed shares of each party in a ratio pool (normalised: 69/31 = 0.69/0.31).",
        (
            _code("pool", "Code of a pool on the cost_pools sheet"),
            _code("party", "Code of a party"),
            _number("share", "The party's share", required=True),
        ),
        key=("pool", "party"),
        parent="cost_pools",
        field="shares",
    ),
    Sheet(
        "pool_services",
        "The services whose cost each pool carries.",
        (
            _code("pool", "Code of a pool on the cost_pools sheet"),
            _code("service", "Code of a service"),
        ),
        key=("pool", "service"),
        parent="cost_pools",
        field="services",
    ),
    Sheet(
        "pool_costs",
        "Each pool's total cost by year.",
        (
            _code("pool", "Code of a pool on the cost_pools sheet"),
            _integer("year", "The year, e.g. 2019", required=True),
            _number("amount", "Total cost of the pool that year in pounds", required=True),
        ),
        key=("pool", "year"),
        parent="cost_pools",
        field="annual_costs",
    ),
    Sheet(
        "pool_charges",
        "What each party was actually charged for a pool in a year (where known).",
        (
            _code("pool", "Code of a pool on the cost_pools sheet"),
            _integer("year", "The year, e.g. 2016", required=True),
            _code("party", "Code of a party"),
            _number("amount", "What the party was charged that year in pounds", required=True),
        ),
        key=("pool", "year", "party"),
        parent="cost_pools",
        field="charges",
    ),
    Sheet(
        "raid",
        "Risks, actions, issues and decisions.",
        (
            _code("code", "Short unique code of the entry"),
            _choice("kind", RaidKind, "risk, action, issue or decision", required=True),
            _text("title", "One-line title", required=True),
            _choice("status", RaidStatus, "open or closed (default open)"),
            _text("owner", "Who owns it"),
            _date("raised", "When it was raised"),
            _number("probability", "Chance a risk happens, 0 to 1"),
            _number("delay_days", "Days of delay to each affected service if it happens"),
            _number("extra_effort", "Extra person-days per affected service if it happens"),
            _number("cost_impact", "Cost in pounds if it happens"),
            _codes("services", "Codes of the affected services, separated by ;"),
            _text("description", "Details"),
            _code(
                "raised_by",
                "Code of the party that raised it (blank: programme office)",
                required=False,
            ),
            _text("mitigation", "What would be done to reduce the risk"),
            _number("mitigation_cost", "What the mitigation costs in pounds (default 0)"),
            _number("mitigated_probability", "Chance it happens once mitigated (blank: unchanged)"),
            _number("mitigated_delay_days", "Days of delay once mitigated (blank: unchanged)"),
            _number("mitigated_cost_impact", "Cost in pounds once mitigated (blank: unchanged)"),
            _date("window_start", "First day of the window in which it strikes (blank: any day)"),
            _date("window_end", "Last day of that window"),
            _code(
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
            _code("code", "Short unique code of the scenario"),
            _text("name", "Name of the scenario", required=True),
            _date("start", "When migration work may begin", required=True),
            _date("deadline", "When every moving service must have cut over"),
            _date("as_of", "Data date its plans are made as of (blank: the day of planning)"),
            _choice("objective", Objective, "What the planner optimises (default cost)"),
            _number("capacity_factor", "Scales every team's capacity, 0.8 = 80% (default 1)"),
            _number("lateness_penalty", "Pounds per service per day late (soft deadlines)"),
            _text("description", "Details"),
            _code(
                "owner",
                "Code of the party whose scenario it is (blank: programme office)",
                required=False,
            ),
            _flag("private", "yes: only the owner's users see it and its results (default no)"),
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
