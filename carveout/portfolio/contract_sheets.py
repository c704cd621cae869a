"""The agreements' sheets: agreements, their termination shares, tranches and extension options."""

from __future__ import annotations

from carveout.domain.enums import AgreementKind, TerminationCosts
from carveout.portfolio.sheet_model import (
    Sheet,
    choice_column,
    code_column,
    codes_column,
    date_column,
    integer_column,
    number_column,
    text_column,
)

AGREEMENT_SHEETS: tuple[Sheet, ...] = (
    Sheet(
        "agreements",
        "Collaboration, service and transitional service agreements.",
        (
            code_column("code", "Short unique code of the agreement"),
            text_column("name", "Name of the agreement", required=True),
            choice_column("kind", AgreementKind, "What sort of agreement it is", required=True),
            code_column("provider", "Code of the party that provides the services"),
            codes_column(
                "recipients", "Codes of the receiving parties, separated by ;", required=True
            ),
            date_column("start", "When the agreement started", required=True),
            date_column("end", "When it ends (blank: open-ended)"),
            number_column("notice_months", "Months of notice to end it (default 0)"),
            date_column("notice_served", "When notice was served, if it has been"),
            code_column(
                "terminating_party", "Code of the party that served notice", required=False
            ),
            choice_column(
                "termination_costs",
                TerminationCosts,
                "Who bears the reasonable costs of separation at the end",
            ),
            text_column(
                "termination_terms", "The termination clause in its own words (for people)"
            ),
        ),
        key=("code",),
        kind="agreement",
    ),
    Sheet(
        "termination_shares",
        "How reasonable costs are shared when an agreement's termination costs are shared.",
        (
            code_column("agreement", "Code of an agreement on the agreements sheet"),
            code_column("party", "Code of a party to that agreement"),
            number_column("share", "The party's share of the costs (normalised)", required=True),
        ),
        key=("agreement", "party"),
        parent="agreements",
        field="termination_shares",
    ),
    Sheet(
        "tranches",
        "Schedules of an agreement: services hosted until an end date for a monthly charge.",
        (
            code_column("code", "Short unique code of the tranche"),
            code_column("agreement", "Code of an agreement on the agreements sheet"),
            text_column("name", "Name of the schedule"),
            date_column("start", "First day of the tranche", required=True),
            date_column("end", "Last day of the tranche", required=True),
            number_column("monthly_charge", "Charge per month in pounds", required=True),
        ),
        key=("code",),
        kind="tranche",
    ),
    Sheet(
        "tranche_services",
        "The services each tranche covers.",
        (
            code_column("tranche", "Code of a tranche on the tranches sheet"),
            code_column("service", "Code of a service the tranche covers"),
        ),
        key=("tranche", "service"),
        parent="tranches",
        field="services",
    ),
    Sheet(
        "extension_options",
        "Options to extend a tranche, with their notice and price step-up.",
        (
            code_column("code", "Short unique code of the option"),
            code_column("tranche", "Code of the tranche it extends"),
            integer_column("length_months", "Months the extension adds", required=True),
            number_column("notice_months", "Months before the tranche end it must be exercised"),
            number_column("step_up", "Rise in the monthly charge, 0.15 = 15% (default 0)"),
        ),
        key=("code",),
        kind="extension_option",
    ),
)
