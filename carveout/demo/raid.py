"""The demonstration RAID log and planning scenarios.

The extension of the alliance after Home Office intervention, the move of
payroll, HR and business services to West Midlands, file storage staying with
West Mercia and the open question of forensics and roads policing are public;
every probability, delay, effort and cost here is invented.
"""

from __future__ import annotations

from datetime import date

from carveout.domain import Objective, RaidEntry, RaidKind, RaidStatus, Scenario

RECORDS = ("RMS", "INTEL", "CASEFILE", "CUSTODY", "PROPERTY")
CONTROL_ROOM = ("CAD", "GIS-CR", "AVL", "CR-BOARD")


def _risk(
    code: str,
    title: str,
    probability: float,
    delay: float,
    effort: float,
    cost: float,
    services: tuple[str, ...],
    description: str = "",
    raised_by: str | None = None,
) -> RaidEntry:
    return RaidEntry(
        code=code,
        kind=RaidKind.RISK,
        title=title,
        owner="Programme director",
        raised=date(2019, 1, 14),
        probability=probability,
        delay_days=delay,
        extra_effort=effort,
        cost_impact=cost,
        services=services,
        description=description,
        raised_by=raised_by,
    )


def _mitigation(
    action: str,
    spend: float,
    *,
    probability: float | None = None,
    delay: float | None = None,
    cost: float | None = None,
) -> dict[str, object]:
    """A risk's mitigation as fields to update (invented: what it costs and leaves)."""

    def number(value: float | None) -> float | None:
        return None if value is None else float(value)

    return {
        "mitigation": action,
        "mitigation_cost": float(spend),
        "mitigated_probability": number(probability),
        "mitigated_delay_days": number(delay),
        "mitigated_cost_impact": number(cost),
    }


def raid() -> tuple[RaidEntry, ...]:
    return (
        _risk("R01", "Records data migration fails quality checks", 0.35, 30, 40, 180_000,
              RECORDS, "Duplicate nominals and unlinked occurrences need cleansing.", "WMERC"
              ).model_copy(update=_mitigation(
            "Cleansing sprint with a specialist contractor before the trial loads",
            60_000, probability=0.15, delay=15, cost=90_000)),
        _risk("R02", "Control room supplier cannot staff two builds", 0.3, 30, 40, 120_000,
              CONTROL_ROOM, raised_by="WARKS").model_copy(update=_mitigation(
            "Pay the supplier for a second, dedicated build team", 45_000, probability=0.1)),
        _risk("R03", "Public Services Network re-accreditation slips", 0.3, 25, 15, 30_000,
              ("PSN", "PNC-GW")),
        _risk("R04", "Circuit lead times for new site links", 0.4, 35, 10, 45_000,
              ("NET-LAN", "TELEPHONY")).model_copy(update=_mitigation(
            "Order the circuits now and bridge with bonded 4G links", 35_000,
            probability=0.15, delay=10)),
        _risk("R05", "Key technical staff leave the programme", 0.3, 20, 30, 60_000,
              ("DUTY", "MOBILE-APPS", "DOCMGMT")),
        _risk("R06", "Forensic accreditation at the new provider takes longer", 0.4, 60, 20,
              150_000, ("FORENSIC-SVC", "DF-LAB", "DF-STORE")).model_copy(update=_mitigation(
            "Fund a UKAS pre-assessment and a shared quality manager", 80_000,
            probability=0.2, delay=30, cost=80_000)),
        _risk("R07", "Evidence volumes larger than estimated", 0.45, 20, 25, 90_000,
              ("DEMS", "BWV")),
        _risk("R08", "Device re-enrolment disrupts frontline officers", 0.25, 15, 20, 40_000,
              ("MDM", "MOBILE-APPS", "HANDSETS")),
        _risk("R09", "Hosting platform migration overruns", 0.3, 30, 40, 75_000,
              ("DC-HOST", "VIRT", "DB-PLAT")).model_copy(update=_mitigation(
            "Rehearse the platform cut-over with the vendor's migration team", 50_000,
            probability=0.15, delay=15)),
        # Synthetic: a year-end window and a branch, shaped on the March 2022 tranche end
        # and the records system still hosted for the second tranche.
        _risk("R10", "Year-end close: no one free to accept cut-overs", 0.35, 21, 0, 25_000,
              ("ROADS-OPS", "HOLMES", "ANPR-BOF", "NADC-LINK", "TELEPHONY", "MDM"),
              "Invented: finance and service owners are tied up with the year-end close and "
              "payroll cut-off; strikes only cut-overs due 1 Mar to 30 Apr 2022.").model_copy(
            update={"window_start": date(2022, 3, 1), "window_end": date(2022, 4, 30)}),
        _risk("R11", "Records parallel run fails", 0.3, 56, 0, 40_000, RECORDS,
              "Invented: eight more weeks of parallel running, and tranche 2 is extended "
              "(option TSA-T2-X) to be sure.", "WARKS").model_copy(
            update={"triggers_extension": "TSA-T2-X"}),
        RaidEntry(
            code="I01",
            kind=RaidKind.ISSUE,
            title="Alliance end extended by six months after Home Office intervention",
            status=RaidStatus.CLOSED,
            owner="Chief constables",
            raised=date(2019, 7, 1),
            description="The services could not be split by 31 October 2019.",
        ),
        RaidEntry(
            code="I02",
            kind=RaidKind.ISSUE,
            title="Lockdown redeploys programme staff",
            status=RaidStatus.CLOSED,
            owner="Programme director",
            raised=date(2020, 3, 23),
        ),
        RaidEntry(
            code="D01",
            kind=RaidKind.DECISION,
            title="Payroll, HR systems and business services move to West Midlands Police",
            status=RaidStatus.CLOSED,
            owner="Warwickshire chief constable",
            raised=date(2018, 12, 3),
            services=("PAY", "HR-SYS", "FIN-ERP", "PROCURE", "TRANSACT"),
        ),
        RaidEntry(
            code="D02",
            kind=RaidKind.DECISION,
            title="File storage stays hosted by West Mercia under a long-term agreement",
            status=RaidStatus.CLOSED,
            owner="Programme board",
            raised=date(2021, 9, 1),
            services=("FS", "ARCHIVE"),
        ),
        RaidEntry(
            code="A01",
            kind=RaidKind.ACTION,
            title="Agree forensics and roads policing options with West Midlands",
            owner="Warwickshire deputy chief constable",
            raised=date(2021, 4, 1),
            raised_by="WARKS",
            services=("FORENSIC-SVC", "ROADS-OPS"),
        ),
    )  # fmt: skip


def scenarios() -> tuple[Scenario, ...]:
    """Each decision point of the separation, as of the date it was taken.

    Notice was served at the end of October 2018; the six-month extension was
    agreed a month before the original end; the transitional hosting agreement
    began on 1 October 2021. Every scenario plans from the programme's start,
    1 November 2018, with only the facts known on its own data date.
    """
    start = date(2018, 11, 1)

    def scenario(code: str, name: str, deadline: date, as_of: date, description: str) -> Scenario:
        return Scenario(
            code=code,
            name=name,
            start=start,
            deadline=deadline,
            as_of=as_of,
            objective=Objective.COST,
            description=description,
        )

    return (
        scenario("original", "Original notice", date(2019, 10, 31), date(2018, 10, 31),
                 "Everything separated by the end date set when notice was served."),
        scenario("extended", "Six-month extension", date(2020, 4, 30), date(2019, 10, 1),
                 "The alliance end after the six-month extension, as agreed in 2019."),
        scenario("tsa-2022", "Hosting tranche 1", date(2022, 3, 31), date(2021, 10, 1),
                 "Everything moved by the end of the hosting agreement's first tranche."),
        scenario("tsa-2023", "Hosting tranche 2", date(2023, 3, 31), date(2021, 10, 1),
                 "Everything moved by the end of the hosting agreement's second tranche."),
    )  # fmt: skip
