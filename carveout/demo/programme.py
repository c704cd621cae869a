"""The demonstration programme: teams, their capacity, and the migration work.

SYNTHETIC. Payroll, HR systems and business services moving to West Midlands
Police in 2019–2020 is public; the teams, head-counts, day rates, estimates and every
actual date here are invented so the demonstration has a realistic shape: the
work is well beyond what the teams could do by October 2019, and comfortably
within what they can do by March 2022.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import NamedTuple

from carveout.demo.catalogue import SIZES, Entry


class TeamSpec(NamedTuple):
    """A team and its full-time staff per quarter from 2018 Q1 to 2023 Q4."""

    code: str
    name: str
    people: tuple[float, ...]


def _quarters(*years: tuple[float, float, float, float]) -> tuple[float, ...]:
    return tuple(people for year in years for people in year)


# Staff per quarter, one row per year 2018…2023. Teams form after notice is
# served (Q4 2018), thin out in the spring-2020 lockdown and grow once the
# transitional hosting agreement makes the later dates real.
TEAMS: tuple[TeamSpec, ...] = (
    TeamSpec(
        "INFRA",
        "Infrastructure",
        _quarters(
            (1, 1, 1, 4), (4, 4, 4, 4), (4, 3, 6, 7), (7, 7, 7, 7), (6, 6, 5, 4), (3, 3, 2, 2)
        ),
    ),
    TeamSpec(
        "APPS",
        "Applications",
        _quarters(
            (1, 1, 1, 3), (3, 3, 3, 3), (3, 2, 5, 6), (6, 6, 6, 6), (7, 7, 6, 6), (5, 4, 3, 3)
        ),
    ),
    TeamSpec(
        "DATA",
        "Data and justice systems",
        _quarters(
            (1, 1, 1, 2), (2, 2, 2, 2), (2, 2, 3, 3), (3, 3, 3, 4), (6, 6, 6, 6), (6, 5, 4, 3)
        ),
    ),
    TeamSpec(
        "BCHG",
        "Business change",
        _quarters(
            (1, 1, 1, 2), (2, 2, 2, 2), (2, 2, 3, 3), (3, 3, 3, 3), (3, 3, 3, 3), (2, 2, 2, 2)
        ),
    ),
    TeamSpec(
        "FORENS",
        "Forensics transition",
        _quarters(
            (1, 1, 1, 2), (2, 2, 2, 2), (2, 2, 2, 2), (4, 5, 5, 5), (4, 4, 3, 3), (2, 2, 2, 2)
        ),
    ),
    TeamSpec(
        "WMIDS-ONB",
        "West Midlands onboarding",
        _quarters(
            (1, 1, 1, 4), (4, 5, 5, 5), (5, 5, 4, 3), (3, 3, 3, 3), (3, 3, 3, 3), (2, 2, 2, 2)
        ),
    ),
    TeamSpec(
        "SUP-RMS",
        "Records system supplier",
        _quarters(
            (1, 1, 1, 4), (5, 5, 5, 5), (5, 5, 5, 5), (5, 6, 8, 8), (8, 8, 8, 8), (8, 8, 6, 4)
        ),
    ),
    TeamSpec(
        "SUP-CC",
        "Control room supplier",
        _quarters(
            (1, 1, 1, 4), (4, 4, 4, 4), (4, 4, 4, 4), (4, 4, 5, 5), (5, 5, 5, 5), (5, 4, 3, 3)
        ),
    ),
)
FIRST_YEAR = 2018

# Pounds per person-day, blended across each team's mix of staff and contractors, at the
# public sector's IT day rates around 2019: the forces' own staff least, specialists and
# the suppliers' engineers most.
DAY_RATES: dict[str, float] = {
    "INFRA": 520.0,
    "APPS": 560.0,
    "DATA": 540.0,
    "BCHG": 420.0,
    "FORENS": 480.0,
    "WMIDS-ONB": 360.0,
    "SUP-RMS": 650.0,
    "SUP-CC": 620.0,
}


def quarter_bounds(year: int, quarter: int) -> tuple[date, date]:
    """First and last day of ``quarter`` (1–4) of ``year``."""
    start = date(year, 3 * quarter - 2, 1)
    following = date(year + 1, 1, 1) if quarter == 4 else date(year, 3 * quarter + 1, 1)
    return start, following - timedelta(days=1)


CONTROL_ROOM = frozenset({"CAD", "GIS-CR", "AVL", "CR-BOARD", "ICCS", "CALLREC"})
RECORDS = frozenset({"RMS", "INTEL", "CASEFILE", "CUSTODY", "PROPERTY"})
ONBOARDED_DOMAINS = frozenset({"HR", "Payroll", "Finance", "Business services", "Workforce"})
JUSTICE_DOMAINS = frozenset({"Criminal justice", "Public protection", "Performance"})
BUSINESS_DOMAINS = frozenset(
    {"Corporate", "Fleet", "Logistics", "Estates", "Licensing", "Professional standards"}
)


def team_for(entry: Entry) -> str:
    """Which team moves a service; suppliers move the two big operational systems."""
    if entry.code in CONTROL_ROOM:
        return "SUP-CC"
    if entry.code in RECORDS:
        return "SUP-RMS"
    if entry.domain == "Forensics":
        return "FORENS"
    if entry.fate == "WMIDS" and entry.domain in ONBOARDED_DOMAINS:
        return "WMIDS-ONB"
    if entry.kind == "infrastructure":
        return "INFRA"
    if entry.kind == "data_store" or entry.domain in JUSTICE_DOMAINS:
        return "DATA"
    if entry.kind in ("business_service", "operational") or entry.domain in BUSINESS_DOMAINS:
        return "BCHG"
    return "APPS"


class ThreePoint(NamedTuple):
    optimistic: float
    most_likely: float
    pessimistic: float


def effort_for(entry: Entry) -> ThreePoint:
    """Person-days; mission-critical systems carry a longer pessimistic tail."""
    ml = SIZES[entry.size].effort
    tail = 2.0 if entry.criticality == "mission_critical" else 1.6
    return ThreePoint(round(ml * 0.75), ml, round(ml * tail))


def duration_for(entry: Entry) -> ThreePoint:
    """Working days; the tail follows the effort's so staffing per day stays realistic."""
    ml = SIZES[entry.size].duration
    tail = 1.8 if entry.criticality == "mission_critical" else 1.5
    return ThreePoint(round(ml * 0.8), ml, round(ml * tail))


class Progress(NamedTuple):
    """Actual dates of work already done (``end is None``: still in progress, ``percent`` done)."""

    start: date
    end: date | None
    percent: float | None = None


def _done(start: date, end: date, *codes: str) -> dict[str, Progress]:
    return dict.fromkeys(codes, Progress(start, end))


def _under_way(start: date, percent: float | None, *codes: str) -> dict[str, Progress]:
    return dict.fromkeys(codes, Progress(start, None, percent))


PROGRESS: dict[str, Progress] = {
    **_done(date(2019, 2, 4), date(2019, 9, 30), "PAY", "OVERTIME", "TIMESHEET"),
    **_done(date(2019, 4, 1), date(2019, 10, 31), "PENSIONS"),
    **_done(date(2019, 5, 7), date(2020, 3, 31), "HR-SYS", "PDR", "ABSENCE"),
    **_done(date(2019, 9, 2), date(2020, 3, 31), "HR-SERVICES"),
    **_done(date(2019, 9, 2), date(2020, 1, 31), "RECRUIT"),
    **_done(date(2019, 11, 4), date(2020, 2, 28), "OCC-HEALTH"),
    **_done(date(2019, 6, 3), date(2020, 4, 1), "FIN-ERP", "P2P", "BUDGET", "ASSETS", "INCOME"),
    **_done(date(2020, 1, 6), date(2020, 5, 29), "EXPENSES"),
    **_done(date(2019, 10, 1), date(2020, 6, 30), "PROCURE", "INSURANCE"),
    **_done(date(2019, 10, 1), date(2020, 7, 31), "TRANSACT"),
    **_done(date(2020, 4, 6), date(2020, 5, 29), "COLLAB"),
    **_done(date(2020, 6, 1), date(2020, 10, 30), "IDAM"),
    **_done(date(2020, 11, 2), date(2020, 11, 27), "EMAIL", "OFFICE"),
    **_done(date(2020, 10, 5), date(2021, 6, 1), "SDESK", "ITSM"),
    **_done(date(2021, 3, 1), date(2021, 4, 30), "USE-FORCE"),
    **_done(date(2021, 5, 4), date(2021, 7, 30), "CRIMESTATS"),
    # West Mercia's own copies of services Warwickshire hosted.
    **_done(date(2019, 11, 4), date(2020, 1, 31), "WEBSITE", "FOI", "RISKREG"),
    **_done(date(2020, 1, 6), date(2020, 3, 27), "ESTATES", "FUEL", "STORES"),
    **_done(date(2020, 6, 1), date(2020, 9, 25), "FLEET", "FIREARMS-LIC", "PSD"),
    **_done(date(2020, 7, 6), date(2020, 8, 28), "LLPG", "GEO", "SMS-ALERT"),
    **_done(date(2020, 10, 5), date(2020, 12, 11), "ASB", "CRIME-QA", "OCG-MAP", "REDACT"),
    **_done(date(2020, 11, 2), date(2021, 3, 26), "ARMS-TRAIN", "DOG-UNIT"),
    **_done(date(2021, 1, 11), date(2021, 2, 26), "IDENT1", "DF-KIOSK", "HTCU"),
    **_done(date(2021, 2, 1), date(2021, 5, 28), "ACCESS-CTRL", "SAFETY-CAM", "TICKETS"),
    **_done(date(2021, 3, 1), date(2021, 7, 30), "ANPR-CAM", "COLLISION"),
    **_done(date(2021, 5, 4), date(2021, 9, 24), "EUC"),
    **_done(date(2021, 7, 5), date(2021, 8, 27), "FLEET-TEL"),
    # Under way on 1 October 2021, when the transitional hosting agreement began.
    "LEARN": Progress(date(2021, 1, 11), None, 80),
    "NET-WAN": Progress(date(2021, 4, 6), None, 60),
    **_under_way(date(2021, 3, 1), 85, "DC-HOST", "VIRT"),
    **_under_way(date(2021, 4, 6), 50, "ICCS"),
    **_under_way(date(2021, 7, 5), 70, "PSN"),
    **_under_way(date(2021, 9, 6), 10, "WORKSHOPS"),
}
"""Payroll, HR and business services went to West Midlands in 2019–2020; the rest is invented.

On 1 October 2021, when the transitional hosting agreement began, every service
it lists was still hosted by West Mercia (some under way), and nearly everything
else had moved; forensics and roads policing were still under discussion.
"""

EARLIEST_START: dict[str, date] = {
    **dict.fromkeys(("CAD", "GIS-CR", "AVL", "CR-BOARD"), date(2019, 4, 1)),
    **dict.fromkeys(("RMS", "INTEL", "CASEFILE", "CUSTODY", "PROPERTY"), date(2019, 6, 1)),
    **dict.fromkeys(
        ("FORENSIC-SVC", "DF-LAB", "DF-STORE", "FOR-SUB", "SCENE", "FINGERPRINT", "ROADS-OPS"),
        date(2021, 4, 1),
    ),
}
"""Work that cannot start before a contract is let or a decision is taken."""

DEADLINES: dict[str, date] = {
    "PAY": date(2019, 10, 31),
    "FIN-ERP": date(2020, 4, 30),
    "AIRWAVE-TM": date(2022, 1, 31),
    "PSN": date(2021, 12, 31),
    "CAD": date(2022, 12, 31),
    "RMS": date(2023, 3, 31),
}
"""Dates fixed by contracts outside the programme (invented)."""


class BlackoutSpec(NamedTuple):
    code: str
    start: date
    end: date
    reason: str
    team: str | None = None
    service: str | None = None


BLACKOUTS: tuple[BlackoutSpec, ...] = (
    *(
        BlackoutSpec(
            f"XMAS-{year}",
            date(year, 12, 18),
            date(year + 1, 1, 3),
            "Christmas and New Year change freeze",
        )
        for year in range(2018, 2023)
    ),
    *(
        BlackoutSpec(
            f"SHOW-{year}",
            date(year, 6, 10),
            date(year, 6, 20),
            "Royal Three Counties Show, Malvern: control room at peak demand",
            team="SUP-CC",
        )
        for year in (2019, 2021, 2022)
    ),
    BlackoutSpec(
        "ELECTION-2021",
        date(2021, 5, 4),
        date(2021, 5, 10),
        "Police and Crime Commissioner elections",
        service="CAD",
    ),
    BlackoutSpec(
        "CWG-2022",
        date(2022, 7, 25),
        date(2022, 8, 9),
        "Birmingham 2022 Commonwealth Games (lawn bowls at Leamington Spa)",
    ),
    BlackoutSpec(
        "YEAR-END-2022",
        date(2022, 3, 21),
        date(2022, 4, 8),
        "Financial year end: no change to records used for statutory returns",
        team="SUP-RMS",
    ),
)
