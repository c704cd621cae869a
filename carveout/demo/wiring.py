"""How the demonstration services are wired together.

SYNTHETIC. The kinds of link are the ones found in real force IT (records
systems sharing one database, national-system feeds, sign-in through one
directory, documents on shared file storage, nightly extracts to a data
warehouse); the particular links, efforts and costs are invented.

Hand-written links come first; a few rules then add the links every system of
a kind has. ``before`` links always point from a later layer of the estate to
an earlier one (hosting, then platforms, then core systems, then the systems
that feed on them), so together with the ``together`` clusters they can never
form a cycle.
"""

from __future__ import annotations

from typing import NamedTuple

from carveout.demo.catalogue import CATALOGUE, Entry


class Link(NamedTuple):
    """``service`` relies on ``depends_on``; bridge effort in person-days, cost in £k."""

    service: str
    depends_on: str
    coupling: str
    effort: float = 0.0
    cost_k: float = 0.0
    description: str = ""


T, B, X = "together", "before", "bridgeable"

# fmt: off
CURATED: tuple[Link, ...] = (
    # Clusters that share one database or one contract and must cut over as one.
    Link("INTEL", "RMS", T, description="one records database for crime and intelligence"),
    Link("CASEFILE", "RMS", T, description="case files are built inside the records system"),
    Link("CUSTODY", "RMS", T, description="custody records share the nominal index"),
    Link("PROPERTY", "RMS", T, description="exhibits are linked to crime records"),
    Link("GIS-CR", "CAD", T, description="mapping module of the dispatch system"),
    Link("AVL", "CAD", T, description="vehicle positions drive dispatch recommendations"),
    Link("CR-BOARD", "CAD", T, description="resource states are held by dispatch"),
    Link("P2P", "FIN-ERP", T, description="module of the finance system"),
    Link("BUDGET", "FIN-ERP", T, description="module of the finance system"),
    Link("ASSETS", "FIN-ERP", T, description="module of the finance system"),
    Link("INCOME", "FIN-ERP", T, description="module of the finance system"),
    Link("OVERTIME", "PAY", T, description="claims are paid through payroll"),
    Link("TIMESHEET", "PAY", T, description="hours feed payroll"),
    Link("PDR", "HR-SYS", T, description="module of the HR system"),
    Link("ABSENCE", "HR-SYS", T, description="module of the HR system"),
    Link("BWV", "DEMS", T, description="cameras upload straight into evidence management"),
    Link("DEMS-PUBLIC", "DEMS", T, description="portal of the evidence system"),
    Link("OFFICE", "EMAIL", T, description="one productivity tenancy"),
    Link("SDESK", "ITSM", T, description="the service desk works in the tool"),
    Link("ANPR-BOF", "NADC-LINK", T, description="reads are pushed to the national centre"),
    Link("POCKETBOOK", "MOBILE-APPS", T, description="module of the mobile suite"),
    Link("MOB-SEARCH", "MOBILE-APPS", T, description="module of the mobile suite"),
    Link("MOB-FORMS", "MOBILE-APPS", T, description="module of the mobile suite"),
    Link("DF-LAB", "DF-STORE", T, description="case files point at extracted images"),
    Link("SKILLS", "DUTY", T, description="rostering checks accreditations"),
    Link("INSURANCE", "PROCURE", T, description="one business-services contract"),
    Link("VIRT", "DC-HOST", T, description="the virtual platform moves with the data centre"),
    # Order of the estate: platforms before the systems that run on them.
    Link("DB-PLAT", "VIRT", B, description="database servers are virtual machines"),
    Link("BACKUP", "VIRT", B, description="backs up the virtual estate"),
    Link("INTEGRATION", "VIRT", B, description="runs on the virtual platform"),
    Link("RMS", "DB-PLAT", B, description="records database"),
    Link("RMS", "INTEGRATION", X, 20, 30, "national and partner feeds go through the hub"),
    Link("RMS", "PNC-GW", B, description="nominal checks against the national computer"),
    Link("CAD", "DB-PLAT", B, description="dispatch database"),
    Link("CAD", "ICCS", B, description="calls are answered on the control system"),
    Link("CAD", "LLPG", B, description="incident locations are gazetteer addresses"),
    Link("CALLREC", "ICCS", B, description="records the control system's lines"),
    Link("PNC-GW", "PSN", B, description="national systems are reached over the PSN"),
    Link("MFA", "IDAM", B, description="second factor for directory accounts"),
    Link("PKI", "IDAM", B, description="certificates are issued to directory objects"),
    Link("MDM", "IDAM", B, description="devices enrol with directory accounts"),
    Link("MOBILE-APPS", "MDM", B, description="apps are pushed to managed devices"),
    Link("HANDSETS", "MDM", B, description="handsets are enrolled before issue"),
    Link("EMAIL", "IDAM", B, description="mailboxes belong to directory accounts"),
    Link("EUC", "IDAM", B, description="devices join the new directory"),
    Link("VDI", "EUC", B, description="desktops are published to the new devices"),
    Link("PATCH", "EUC", B, description="deploys to the new device estate"),
    Link("ENDPOINT-SEC", "EUC", B, description="protects the new device estate"),
    Link("NET-LAN", "NET-WAN", B, description="site networks hang off the new WAN"),
    Link("TELEPHONY", "NET-WAN", B, description="voice runs over the WAN"),
    Link("IVR-101", "TELEPHONY", B, description="routes calls on the telephony platform"),
    Link("CONTACT-CTR", "TELEPHONY", B, description="agents' phones are on the platform"),
    Link("WEBCHAT", "CONTACT-CTR", B, description="chats are queued to contact-centre agents"),
    Link("LEARN", "HR-SYS", B, description="learners are HR records"),
    Link("PND-FEED", "RMS", B, description="extracts from the records system"),
    Link("CPS-LINK", "CASEFILE", B, description="sends case files to prosecutors"),
    Link("COURT-RES", "CASEFILE", B, description="results are matched to case files"),
    Link("DISCLOSURE", "CASEFILE", B, description="schedules are built from case files"),
    Link("VISOR-IF", "RMS", B, description="offender records link to nominals"),
    Link("MISPER", "RMS", B, description="missing person reports are records occurrences"),
    Link("MASH", "RMS", B, description="referrals are created from occurrences"),
    Link("DA-RISK", "RMS", B, description="risk forms attach to occurrences"),
    Link("CHIS", "INTEL", B, description="source reports are graded intelligence"),
    Link("DNA-TRACK", "CUSTODY", B, description="samples are taken in custody"),
    Link("CUST-HEALTH", "CUSTODY", B, description="healthcare records hang off detentions"),
    Link("VIRT-COURT", "CUSTODY", B, description="hearings are booked from custody"),
    Link("INTERVIEW", "CUSTODY", B, description="interviews are booked from custody"),
    Link("CCTV-IMPORT", "DEMS", B, description="footage is stored as evidence"),
    Link("DF-LAB", "FOR-SUB", B, description="lab work starts from a submission"),
    Link("FINGERPRINT", "IDENT1", B, description="marks are searched on the national system"),
    Link("MOB-SEARCH", "PNC-GW", B, description="searches go through the national gateway"),
    Link("ANPR-BOF", "ANPR-CAM", B, description="cameras send reads to the back office"),
    Link("PERFORM", "DWH", B, description="dashboards read the warehouse"),
    Link("CRIMESTATS", "RMS", X, 8, 6, "counts crimes from a records extract"),
    Link("DUTY", "DB-PLAT", B, description="rostering database"),
    Link("DOCMGMT", "DB-PLAT", B, description="document metadata database"),
    Link("DWH", "DB-PLAT", B, description="warehouse database"),
    Link("SIEM", "FIREWALL", B, description="collects the firewalls' logs"),
    Link("INET-GW", "FIREWALL", B, description="sits behind the perimeter firewalls"),
    Link("SECURE-EMAIL", "EMAIL", B, description="relays from the mail platform"),
    # Links that can be bridged with an interface if the two sides move apart.
    Link("ONLINE-RPT", "RMS", X, 15, 18, "online reports become occurrences"),
    Link("CAD", "RMS", X, 25, 40, "incidents create occurrences"),
    Link("CAD", "IVR-101", X, 10, 12, "call data passed to dispatch"),
    Link("CAD", "AIRWAVE-TM", X, 20, 30, "radio status messages"),
    Link("CAD", "MOBILE-APPS", X, 20, 25, "incidents pushed to officers' devices"),
    Link("CUSTODY", "PNC-GW", X, 10, 12, "arrest summons updates"),
    Link("CUSTODY", "IDENT1", X, 8, 10, "livescan results"),
    Link("CUSTODY", "CUST-CCTV", X, 5, 8, "cell camera index"),
    Link("DEMS", "CASEFILE", X, 15, 20, "exhibits linked into case files"),
    Link("INTERVIEW", "CASEFILE", X, 10, 12, "recordings linked into case files"),
    Link("DOCMGMT", "CASEFILE", X, 8, 8, "statements filed from case files"),
    Link("ANPR-BOF", "INTEL", X, 12, 15, "ANPR hits create intelligence"),
    Link("OCG-MAP", "INTEL", X, 6, 6, "group members from intelligence"),
    Link("STOP-SEARCH", "RMS", X, 6, 5, "searches linked to nominals"),
    Link("USE-FORCE", "RMS", X, 6, 5, "incidents linked to occurrences"),
    Link("WANTED", "RMS", X, 4, 3, "circulations from nominals"),
    Link("RMS", "LLPG", X, 6, 5, "address matching"),
    Link("ASB", "RMS", X, 8, 8, "ASB incidents from occurrences"),
    Link("HOLMES", "RMS", X, 15, 20, "major-incident imports from records"),
    Link("CRIME-QA", "RMS", X, 5, 4, "audit samples from occurrences"),
    Link("FOR-SUB", "PROPERTY", X, 8, 8, "exhibits sent for examination"),
    Link("DNA-TRACK", "PROPERTY", X, 5, 4, "samples are exhibits"),
    Link("MISPER", "CAD", X, 8, 8, "high-risk missing incidents"),
    Link("MASH", "DA-RISK", X, 6, 5, "risk scores in referrals"),
    Link("DISCLOSURE", "DEMS", X, 8, 10, "unused material from evidence"),
    Link("COURT-RES", "CPS-LINK", X, 6, 6, "results arrive on the prosecution link"),
    Link("FIREARMS-LIC", "PNC-GW", X, 6, 6, "applicant checks"),
    Link("FIREARMS-LIC", "RMS", X, 8, 8, "intelligence checks on applicants"),
    Link("VETTING", "RMS", X, 8, 8, "local checks on applicants"),
    Link("VETTING", "HR-SYS", X, 5, 5, "vetting status on HR records"),
    Link("PSD", "HR-SYS", X, 6, 6, "officer details for complaints"),
    Link("PSD", "BWV", X, 5, 5, "footage requested for complaints"),
    Link("DUTY", "HR-SYS", X, 10, 12, "establishment and postings"),
    Link("DUTY", "CAD", X, 10, 12, "officers on duty for dispatch"),
    Link("PAY", "HR-SYS", X, 15, 20, "starters, leavers and grades"),
    Link("PAY", "DUTY", X, 12, 15, "overtime and allowances worked"),
    Link("PENSIONS", "PAY", X, 8, 10, "pensionable pay"),
    Link("EXPENSES", "PAY", X, 6, 6, "reimbursed through payroll"),
    Link("P2P", "PROCURE", X, 6, 8, "contracts behind purchase orders"),
    Link("FLEET", "FIN-ERP", X, 6, 6, "vehicle costs to the ledger"),
    Link("FLEET", "FLEET-TEL", X, 5, 5, "mileage from telematics"),
    Link("FLEET", "WORKSHOPS", X, 4, 4, "service bookings"),
    Link("FUEL", "FLEET", X, 3, 3, "fuel cards per vehicle"),
    Link("STORES", "P2P", X, 4, 4, "orders for uniform"),
    Link("ESTATES", "P2P", X, 4, 4, "orders for repairs"),
    Link("ACCESS-CTRL", "HR-SYS", X, 6, 6, "passes for starters and leavers"),
    Link("TRANSACT", "FIN-ERP", X, 10, 12, "the service works in the ledger"),
    Link("HR-SERVICES", "HR-SYS", X, 10, 12, "the service works in the HR system"),
    Link("RECRUIT", "HR-SYS", X, 8, 8, "appointments become HR records"),
    Link("OCC-HEALTH", "HR-SYS", X, 6, 6, "referrals from HR records"),
    Link("SAFETY-CAM", "TICKETS", X, 6, 6, "camera offences become tickets"),
    Link("TICKETS", "PNC-GW", X, 6, 6, "keeper checks"),
    Link("COLLISION", "CAD", X, 6, 6, "collisions from incidents"),
    Link("ROADS-OPS", "ANPR-BOF", X, 6, 8, "intercept alerts"),
    Link("ROADS-OPS", "CMPG", X, 20, 60, "joint tasking with the motorway group"),
    Link("ROADS-OPS", "COLLISION", X, 4, 4, "collision investigation"),
    Link("FORENSIC-SVC", "FOR-SUB", X, 8, 10, "submissions reach the service"),
    Link("FORENSIC-SVC", "SCENE", X, 6, 6, "scene examinations"),
    Link("HTCU", "DF-STORE", X, 6, 8, "images held in the evidence store"),
    Link("DF-KIOSK", "DF-STORE", X, 6, 8, "kiosk extractions stored"),
    Link("REDACT", "DEMS", X, 5, 6, "redacts stored footage"),
    Link("GIS-CR", "GEO", X, 6, 6, "corporate map layers"),
    Link("GEO", "LLPG", X, 4, 4, "addresses on maps"),
    Link("SMS-ALERT", "WEBSITE", X, 3, 3, "sign-up from the website"),
    Link("WEBSITE", "ONLINE-RPT", X, 4, 4, "links to reporting forms"),
    Link("FOI", "DOCMGMT", X, 5, 5, "responses filed"),
    Link("INTRANET", "DOCMGMT", X, 5, 5, "published policies"),
    Link("POLICY", "INTRANET", X, 2, 2, "policy pages"),
    Link("MEETINGS", "DOCMGMT", X, 3, 3, "papers filed"),
    Link("RISKREG", "DOCMGMT", X, 3, 3, "evidence filed"),
    Link("TASKING", "INTEL", X, 4, 4, "tasking from intelligence"),
    Link("BAIL", "CUSTODY", X, 4, 4, "bail from detentions"),
    Link("DEMAND-PLAN", "CAD", X, 4, 4, "incident demand"),
    Link("ITSM", "MONITOR", X, 4, 4, "alerts raise incidents"),
    Link("BACKUP", "DEV-TEST", X, 3, 3, "test restores"),
    Link("COLLAB", "EMAIL", X, 5, 5, "meeting invitations"),
    Link("ONLINE-RPT", "WEBSITE", X, 4, 4, "forms on the website"),
    Link("CMPG-ANPR", "ANPR-BOF", X, 10, 15, "shared hotlists"),
)
# fmt: on

SIGN_IN = Link("", "IDAM", X, 3, 2.5, "sign-in through the alliance directory")
FILES = Link("", "FS", X, 5, 4, "documents on the shared file storage")
ARCHIVE = Link("", "ARCHIVE", X, 6, 5, "closed records go to the archive")
WAREHOUSE = Link("DWH", "", X, 8, 6, "nightly extract to the data warehouse")
HOSTING = Link("", "VIRT", B, description="servers move to the new virtual platform")
HUB = Link("", "INTEGRATION", X, 6, 5, "messages through the integration hub")

DOCUMENT_DOMAINS = frozenset(
    {"Crime and intelligence", "Criminal justice", "Public protection", "Corporate", "Custody"}
)
WAREHOUSE_FEEDS = (
    "RMS",
    "INTEL",
    "CASEFILE",
    "CUSTODY",
    "PROPERTY",
    "CAD",
    "DUTY",
    "MISPER",
    "BWV",
    "ANPR-BOF",
    "FLEET",
    "PSD",
    "STOP-SEARCH",
    "ONLINE-RPT",
    "TICKETS",
    "HR-SYS",
    "FIN-ERP",
)
HUB_USERS = ("CPS-LINK", "PND-FEED", "COURT-RES", "VISOR-IF", "NADC-LINK", "MASH", "ONLINE-RPT")


def _applies(rule: Link, service: str, depends_on: str) -> Link:
    return rule._replace(service=service, depends_on=depends_on)


def wiring(*, early: frozenset[str]) -> tuple[Link, ...]:
    """Every link: the curated ones, then the rules applied to the catalogue.

    ``early`` names services whose migration was already under way or done
    before the new hosting platform existed, so they are not tied to it.
    """
    links = list(CURATED)
    seen = {(link.service, link.depends_on) for link in links}

    def add(link: Link) -> None:
        pair = (link.service, link.depends_on)
        if link.service != link.depends_on and pair not in seen:
            seen.add(pair)
            links.append(link)

    apps = [e for e in CATALOGUE if e.kind == "application" and e.host == "WMERC"]
    for entry in apps:
        if entry.reach >= 0.3:
            add(_applies(SIGN_IN, entry.code, "IDAM"))
        if entry.domain in DOCUMENT_DOMAINS:
            add(_applies(FILES, entry.code, "FS"))
            add(_applies(ARCHIVE, entry.code, "ARCHIVE"))
        critical = entry.criticality in ("mission_critical", "high")
        if _moves(entry) and critical and entry.code not in early:
            add(_applies(HOSTING, entry.code, "VIRT"))
    for code in WAREHOUSE_FEEDS:
        add(_applies(WAREHOUSE, "DWH", code))
    for code in HUB_USERS:
        add(_applies(HUB, code, "INTEGRATION"))
    return tuple(links)


def _moves(entry: Entry) -> bool:
    return entry.fate not in ("RETIRE", "STAY")
