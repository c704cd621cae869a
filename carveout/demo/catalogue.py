# ruff: noqa: E501, E741 - one service per line reads as a table; kinds are one letter
"""The demonstration service catalogue: about 150 shared services of a policing alliance.

SYNTHETIC. The domains are the real ones of a police force and the overall shape
follows the public record (about 80% of shared services hosted by West Mercia;
payroll, HR systems, business services and IT going to West Midlands; file
storage staying with West Mercia). Every individual service, its cost, its
number of users and its fate is invented for demonstration.

Each row is compact on purpose so the whole catalogue reads as one table:

- ``fate``: ``WARKS`` / ``WMIDS`` / ``WMERC`` migrate to that party; ``REPL``
  replicate (the leaving consumer builds its own copy); ``RETIRE``; ``STAY``
  stays with its host under a long-term agreement.
- ``size``: the migration's effort class (see :data:`SIZES`), ``""`` when the
  service does not move.
- ``reach``: the share of each consumer's workforce that uses the service.
- ``fixed_k``: annual fixed cost in thousands of pounds.
- ``tsa``: ``1`` in the hosting agreement's first tranche only, ``2`` in both
  tranches, ``S`` under the broader support tranche.
"""

from __future__ import annotations

from typing import NamedTuple


class Entry(NamedTuple):
    """One row of the demonstration catalogue."""

    code: str
    name: str
    domain: str
    kind: str
    criticality: str
    fate: str
    size: str
    reach: float
    fixed_k: float
    host: str = "WMERC"
    tsa: str = ""


class Size(NamedTuple):
    """A migration size class: most likely effort (person-days) and duration (working days)."""

    effort: float
    duration: float


SIZES: dict[str, Size] = {
    "S": Size(effort=25, duration=20),
    "M": Size(effort=70, duration=45),
    "L": Size(effort=150, duration=85),
    "XL": Size(effort=420, duration=150),
}

A, I, D, B, O = "application", "infrastructure", "data_store", "business_service", "operational"
MC, H, M, L = "mission_critical", "high", "medium", "low"
WM, WA = "WMERC", "WARKS"

# fmt: off
CATALOGUE: tuple[Entry, ...] = (
    # Control room and public contact
    Entry("CAD", "Command and control (dispatch)", "Control room", A, MC, "REPL", "XL", 0.15, 650, tsa="2"),
    Entry("GIS-CR", "Control room mapping", "Control room", A, H, "REPL", "M", 0.08, 55, tsa="2"),
    Entry("AVL", "Automatic vehicle location", "Control room", A, H, "REPL", "M", 0.10, 45, tsa="2"),
    Entry("CR-BOARD", "Resource availability board", "Control room", A, H, "REPL", "S", 0.10, 20, tsa="2"),
    Entry("ICCS", "Integrated communications control system", "Control room", I, MC, "REPL", "L", 0.06, 280, tsa="S"),
    Entry("CALLREC", "Control room call recording", "Control room", A, H, "REPL", "M", 0.06, 60, tsa="1"),
    Entry("LLPG", "Address gazetteer", "Control room", D, H, "REPL", "S", 0.20, 20),
    Entry("AIRWAVE-TM", "Airwave radio terminal management", "Control room", I, MC, WA, "M", 0.50, 150, tsa="S"),
    Entry("ONLINE-RPT", "Online crime reporting", "Public contact", A, H, WA, "M", 0.05, 40, tsa="1"),
    Entry("IVR-101", "101 non-emergency call routing", "Public contact", I, H, WA, "M", 0.06, 70, tsa="S"),
    Entry("WEBCHAT", "Public web chat", "Public contact", A, M, WA, "S", 0.04, 25, tsa="1"),
    Entry("SMS-ALERT", "Community messaging", "Public contact", A, L, "REPL", "S", 0.05, 30, host=WA),
    Entry("CONTACT-CTR", "Contact centre platform", "Public contact", I, H, "REPL", "M", 0.06, 110, tsa="S"),
    # Crime, intelligence and justice
    Entry("RMS", "Crime and intelligence records", "Crime and intelligence", A, MC, WA, "XL", 0.85, 900, tsa="2"),
    Entry("INTEL", "Intelligence management", "Crime and intelligence", A, MC, WA, "L", 0.30, 120, tsa="2"),
    Entry("CASEFILE", "Case file preparation", "Criminal justice", A, MC, WA, "L", 0.40, 150, tsa="2"),
    Entry("CUSTODY", "Custody management", "Custody", A, MC, WA, "L", 0.20, 180, tsa="2"),
    Entry("PROPERTY", "Property and exhibits", "Crime and intelligence", A, H, WA, "M", 0.20, 60, tsa="2"),
    Entry("CRIME-QA", "Crime data integrity audit", "Crime and intelligence", A, M, "REPL", "S", 0.02, 15, host=WA),
    Entry("PNC-GW", "Police National Computer gateway", "National systems", I, MC, WA, "M", 0.50, 90, tsa="S"),
    Entry("PND-FEED", "Police National Database feed", "National systems", A, H, WA, "M", 0.02, 35, tsa="2"),
    Entry("IDENT1", "Fingerprint livescan link", "National systems", I, H, WA, "S", 0.03, 25),
    Entry("CPS-LINK", "Prosecution case interface", "Criminal justice", A, MC, WA, "M", 0.05, 60, tsa="2"),
    Entry("COURT-RES", "Court results and warrants", "Criminal justice", A, H, WA, "S", 0.05, 25, tsa="2"),
    Entry("DISCLOSURE", "Disclosure management", "Criminal justice", A, H, WA, "M", 0.10, 45, tsa="2"),
    Entry("VISOR-IF", "Offender register interface", "Public protection", A, H, WA, "S", 0.02, 20, tsa="1"),
    Entry("MISPER", "Missing persons", "Public protection", A, H, WA, "M", 0.10, 30, tsa="2"),
    Entry("DA-RISK", "Domestic abuse risk assessment", "Public protection", A, H, WA, "S", 0.15, 25, tsa="2"),
    Entry("MASH", "Safeguarding referrals", "Public protection", A, H, WA, "M", 0.05, 40, tsa="2"),
    Entry("WANTED", "Wanted and missing circulation", "Crime and intelligence", A, M, "RETIRE", "", 0.10, 10, host=WA),
    Entry("OCG-MAP", "Organised crime group mapping", "Crime and intelligence", A, M, "REPL", "S", 0.02, 15, host=WA),
    Entry("CHIS", "Covert source management", "Crime and intelligence", A, H, WA, "M", 0.01, 40, tsa="1"),
    Entry("RIPA", "Covert authorities", "Crime and intelligence", A, H, WA, "S", 0.01, 20, tsa="1"),
    Entry("TASKING", "Tasking and coordination", "Crime and intelligence", A, M, "RETIRE", "", 0.05, 10),
    Entry("STOP-SEARCH", "Stop and search recording", "Crime and intelligence", A, M, WA, "S", 0.30, 20, tsa="1"),
    Entry("USE-FORCE", "Use of force recording", "Crime and intelligence", A, M, WA, "S", 0.30, 10),
    Entry("FIREARMS-LIC", "Firearms licensing", "Licensing", A, M, WM, "M", 0.02, 35, host=WA),
    Entry("ASB", "Anti-social behaviour cases", "Neighbourhood policing", A, M, "REPL", "S", 0.10, 15, host=WA),
    Entry("HOLMES", "Major incident room", "Major crime", A, H, WA, "M", 0.03, 80, tsa="1"),
    Entry("CRIMESTATS", "Crime performance dashboards", "Performance", A, M, WA, "S", 0.10, 20),
    # Custody and interview
    Entry("CUST-CCTV", "Custody suite CCTV", "Custody", I, H, WA, "M", 0.03, 70, tsa="S"),
    Entry("DNA-TRACK", "DNA sample tracking", "Custody", A, M, WA, "S", 0.03, 10, tsa="1"),
    Entry("INTERVIEW", "Digital interview recording", "Custody", A, H, WA, "M", 0.15, 55, tsa="2"),
    Entry("CUST-HEALTH", "Custody healthcare records", "Custody", A, M, WA, "S", 0.02, 20, tsa="1"),
    Entry("BAIL", "Pre-charge bail management", "Custody", A, M, "RETIRE", "", 0.10, 8),
    Entry("VIRT-COURT", "Virtual remand hearings", "Custody", A, M, WA, "S", 0.02, 15, tsa="1"),
    # Forensics (under discussion with West Midlands)
    Entry("DF-LAB", "Digital forensic case management", "Forensics", A, H, "WMIDS", "M", 0.01, 80, tsa="1"),
    Entry("DF-STORE", "Digital forensic evidence store", "Forensics", D, H, "WMIDS", "L", 0.01, 120),
    Entry("DF-KIOSK", "Mobile phone examination kiosks", "Forensics", I, M, "REPL", "S", 0.02, 40, host=WA),
    Entry("FOR-SUB", "Forensic submissions", "Forensics", A, H, "WMIDS", "S", 0.03, 25, tsa="1"),
    Entry("SCENE", "Crime scene investigation", "Forensics", A, M, "WMIDS", "S", 0.02, 20, tsa="1"),
    Entry("FINGERPRINT", "Fingerprint bureau workflow", "Forensics", A, M, "WMIDS", "S", 0.01, 30, tsa="1"),
    Entry("FORENSIC-SVC", "Forensic and scientific support", "Forensics", O, H, "WMIDS", "L", 0.02, 3500),
    Entry("HTCU", "High-tech crime unit tools", "Forensics", A, M, "REPL", "S", 0.01, 35, host=WA),
    # Digital evidence
    Entry("BWV", "Body-worn video", "Digital evidence", A, H, WA, "M", 0.60, 250, tsa="2"),
    Entry("DEMS", "Digital evidence management", "Digital evidence", A, H, WA, "L", 0.30, 180, tsa="2"),
    Entry("DEMS-PUBLIC", "Public evidence upload", "Digital evidence", A, M, WA, "S", 0.02, 20, tsa="2"),
    Entry("CCTV-IMPORT", "CCTV footage import", "Digital evidence", A, M, WA, "S", 0.05, 10, tsa="1"),
    Entry("REDACT", "Video redaction", "Digital evidence", A, L, "REPL", "S", 0.01, 12, host=WA),
    # Roads policing and ANPR
    Entry("ANPR-BOF", "ANPR back office", "Roads policing", A, H, WA, "M", 0.05, 110, tsa="2"),
    Entry("NADC-LINK", "National ANPR data centre link", "Roads policing", A, H, WA, "S", 0.01, 15, tsa="2"),
    Entry("ANPR-CAM", "ANPR camera network", "Roads policing", I, H, WA, "M", 0.01, 200),
    Entry("COLLISION", "Collision recording", "Roads policing", A, M, WM, "S", 0.10, 20, host=WA),
    Entry("TICKETS", "Traffic offence processing", "Roads policing", A, M, "REPL", "M", 0.05, 45, host=WA),
    Entry("SAFETY-CAM", "Safety camera processing", "Roads policing", A, M, "REPL", "M", 0.02, 60, host=WA),
    Entry("ROADS-OPS", "Roads policing unit", "Roads policing", O, H, "WMIDS", "L", 0.05, 4200),
    Entry("CMPG", "Central Motorway Policing Group patrols", "Roads policing", O, H, "STAY", "", 0.05, 9800, host="WMIDS"),
    Entry("CMPG-ANPR", "Motorway ANPR intercept team", "Roads policing", O, M, "STAY", "", 0.01, 1600, host="WMIDS"),
    # Mobile working
    Entry("MDM", "Mobile device management", "Mobile working", I, H, WA, "M", 0.70, 90, tsa="S"),
    Entry("MOBILE-APPS", "Mobile policing apps", "Mobile working", A, H, WA, "L", 0.60, 160, tsa="2"),
    Entry("POCKETBOOK", "Digital pocket notebook", "Mobile working", A, M, WA, "S", 0.50, 20, tsa="2"),
    Entry("MOB-SEARCH", "Mobile national-systems search", "Mobile working", A, H, WA, "S", 0.50, 25, tsa="2"),
    Entry("MOB-FORMS", "Mobile statements and forms", "Mobile working", A, M, WA, "S", 0.50, 20, tsa="2"),
    Entry("HANDSETS", "Officer smartphones", "Mobile working", I, H, WA, "M", 0.60, 300, tsa="S"),
    # Duty management and workforce
    Entry("DUTY", "Duty management and rostering", "Workforce", A, H, WA, "L", 0.95, 160, tsa="2"),
    Entry("SKILLS", "Skills and accreditation register", "Workforce", A, M, WA, "S", 0.90, 20, tsa="2"),
    Entry("OVERTIME", "Overtime and allowances", "Workforce", A, M, "WMIDS", "S", 0.90, 20),
    Entry("TIMESHEET", "Staff time recording", "Workforce", A, M, "WMIDS", "S", 0.50, 15),
    Entry("DEMAND-PLAN", "Demand and resource planning", "Workforce", A, L, "RETIRE", "", 0.02, 15),
    # HR (to West Midlands)
    Entry("HR-SYS", "HR management system", "HR", A, H, "WMIDS", "L", 0.10, 220),
    Entry("HR-SERVICES", "HR shared service", "HR", B, H, "WMIDS", "M", 0.02, 1200),
    Entry("RECRUIT", "Recruitment", "HR", A, M, "WMIDS", "S", 0.02, 45),
    Entry("LEARN", "Learning management", "HR", A, M, "WMIDS", "M", 0.95, 60),
    Entry("OCC-HEALTH", "Occupational health", "HR", A, M, "WMIDS", "S", 0.01, 35),
    Entry("PDR", "Performance development reviews", "HR", A, L, "WMIDS", "S", 0.90, 15),
    Entry("ABSENCE", "Absence and wellbeing", "HR", A, M, "WMIDS", "S", 0.90, 15),
    Entry("VETTING", "Force vetting", "HR", A, H, WA, "M", 0.01, 40, tsa="1"),
    Entry("PSD", "Complaints and misconduct", "Professional standards", A, H, "REPL", "M", 0.02, 50, host=WA),
    # Payroll and finance (to West Midlands)
    Entry("PAY", "Payroll", "Payroll", B, MC, "WMIDS", "L", 0.05, 300),
    Entry("PENSIONS", "Police pensions administration", "Payroll", B, H, "WMIDS", "M", 0.02, 150),
    Entry("FIN-ERP", "Finance ledger", "Finance", A, MC, "WMIDS", "L", 0.03, 260),
    Entry("P2P", "Purchase to pay", "Finance", A, H, "WMIDS", "M", 0.10, 80),
    Entry("BUDGET", "Budgeting and forecasting", "Finance", A, M, "WMIDS", "S", 0.01, 30),
    Entry("EXPENSES", "Expenses", "Finance", A, L, "WMIDS", "S", 0.80, 15),
    Entry("ASSETS", "Fixed asset register", "Finance", A, L, "WMIDS", "S", 0.01, 10),
    Entry("INCOME", "Income and debt recovery", "Finance", A, L, "WMIDS", "S", 0.01, 10),
    Entry("TRANSACT", "Transactional finance service", "Business services", B, H, "WMIDS", "M", 0.01, 900),
    Entry("PROCURE", "Procurement and contracts", "Business services", B, M, "WMIDS", "M", 0.01, 600),
    Entry("INSURANCE", "Insurance and claims", "Business services", B, L, "WMIDS", "S", 0.01, 300),
    # Fleet, estates and logistics
    Entry("FLEET", "Fleet management", "Fleet", A, M, WM, "M", 0.02, 60, host=WA),
    Entry("FLEET-TEL", "Vehicle telematics", "Fleet", I, M, "REPL", "S", 0.02, 70, host=WA),
    Entry("FUEL", "Fuel cards", "Fleet", B, L, "REPL", "S", 0.30, 20, host=WA),
    Entry("WORKSHOPS", "Vehicle workshops", "Fleet", B, M, "REPL", "M", 0.01, 1100, host=WA),
    Entry("STORES", "Uniform and stores", "Logistics", A, L, WM, "S", 0.01, 20, host=WA),
    Entry("ESTATES", "Estates helpdesk", "Estates", A, L, "REPL", "S", 0.05, 25, host=WA),
    Entry("ACCESS-CTRL", "Building access control", "Estates", I, M, WA, "M", 0.90, 80),
    Entry("ARMS-TRAIN", "Firearms training facility", "Operational support", O, H, "REPL", "M", 0.02, 900, host=WA),
    Entry("DOG-UNIT", "Police dogs", "Operational support", O, M, "REPL", "M", 0.01, 700, host=WA),
    # Corporate services
    Entry("FOI", "Information rights requests", "Corporate", A, M, "REPL", "S", 0.01, 15, host=WA),
    Entry("WEBSITE", "Public website", "Corporate", A, M, "REPL", "S", 0.01, 30, host=WA),
    Entry("SOCIAL", "Social media management", "Corporate", A, L, "RETIRE", "", 0.01, 12, host=WA),
    Entry("INTRANET", "Intranet", "Corporate", A, M, WA, "M", 0.95, 40, tsa="1"),
    Entry("DOCMGMT", "Document and records management", "Corporate", A, H, WA, "L", 0.50, 90, tsa="2"),
    Entry("POLICY", "Policy library", "Corporate", A, L, "RETIRE", "", 0.90, 5, host=WA),
    Entry("RISKREG", "Corporate risk register", "Corporate", A, L, "REPL", "S", 0.01, 8, host=WA),
    Entry("MEETINGS", "Board and meeting papers", "Corporate", A, L, "RETIRE", "", 0.01, 6, host=WA),
    Entry("PERFORM", "Performance and insight", "Performance", A, M, WA, "M", 0.05, 70, tsa="2"),
    Entry("DWH", "Data warehouse", "Performance", D, H, WA, "L", 0.05, 150, tsa="S"),
    Entry("GEO", "Corporate mapping platform", "Performance", A, M, "REPL", "S", 0.05, 40, host=WA),
    # Data stores that stay hosted
    Entry("FS", "File storage (network shares)", "Data", D, H, "STAY", "", 0.95, 240),
    Entry("ARCHIVE", "Digital records archive", "Data", D, M, "STAY", "", 0.05, 60),
    Entry("LEGACY-CRIME", "Legacy crime records (read-only)", "Data", D, M, "STAY", "", 0.05, 25),
    Entry("HR-ARCHIVE", "Historic personnel files", "Data", D, L, "STAY", "", 0.01, 15),
    # Identity, productivity and end-user computing
    Entry("IDAM", "Directory and sign-in", "Identity", I, MC, WA, "L", 1.00, 120),
    Entry("MFA", "Multi-factor authentication", "Identity", I, H, WA, "S", 0.90, 40, tsa="S"),
    Entry("PKI", "Certificate services", "Identity", I, H, WA, "S", 0.90, 25, tsa="S"),
    Entry("EMAIL", "Email and calendar", "Productivity", I, H, WA, "M", 0.95, 180),
    Entry("OFFICE", "Office productivity", "Productivity", A, M, WA, "M", 0.95, 200),
    Entry("COLLAB", "Collaboration and video meetings", "Productivity", A, M, WA, "S", 0.90, 30),
    Entry("SECURE-EMAIL", "Secure criminal-justice email", "Productivity", I, H, WA, "S", 0.30, 25, tsa="S"),
    Entry("EUC", "Desktops and laptops", "End-user computing", I, H, "WMIDS", "L", 0.95, 700),
    Entry("VDI", "Virtual desktops", "End-user computing", I, M, "WMIDS", "M", 0.30, 150, tsa="S"),
    Entry("PRINT", "Managed print", "End-user computing", I, L, WA, "S", 0.95, 90, tsa="S"),
    Entry("PATCH", "Software deployment and patching", "End-user computing", I, M, "WMIDS", "S", 0.95, 40, tsa="S"),
    Entry("SDESK", "IT service desk", "IT service management", B, H, "WMIDS", "M", 0.95, 450),
    Entry("ITSM", "IT service management tool", "IT service management", A, M, "WMIDS", "S", 0.05, 40),
    # Networks, hosting and security
    Entry("NET-WAN", "Wide area network", "Networks", I, MC, WA, "L", 0.95, 420),
    Entry("NET-LAN", "Site networks and Wi-Fi", "Networks", I, H, WA, "M", 0.95, 110, tsa="S"),
    Entry("PSN", "Public Services Network connection", "Networks", I, MC, WA, "M", 0.50, 60, tsa="S"),
    Entry("INET-GW", "Internet gateway and web filtering", "Networks", I, H, "WMIDS", "S", 0.95, 70, tsa="S"),
    Entry("FIREWALL", "Perimeter firewalls", "Networks", I, H, "WMIDS", "S", 0.95, 60, tsa="S"),
    Entry("DNS", "DNS and address management", "Networks", I, H, WA, "S", 0.95, 20, tsa="S"),
    Entry("TELEPHONY", "Desk telephony", "Telephony", I, H, WA, "M", 0.95, 180, tsa="S"),
    Entry("DC-HOST", "Data centre hosting", "Hosting", I, MC, "WMIDS", "L", 0.95, 600, tsa="S"),
    Entry("VIRT", "Server virtualisation", "Hosting", I, H, "WMIDS", "L", 0.95, 250, tsa="S"),
    Entry("DB-PLAT", "Database platform", "Hosting", I, H, "WMIDS", "M", 0.90, 140, tsa="S"),
    Entry("BACKUP", "Backup and recovery", "Hosting", I, H, "WMIDS", "M", 0.95, 120, tsa="S"),
    Entry("INTEGRATION", "Integration hub", "Hosting", I, H, WA, "L", 0.90, 130, tsa="S"),
    Entry("SIEM", "Security monitoring", "Security", I, H, "WMIDS", "M", 0.95, 90, tsa="S"),
    Entry("ENDPOINT-SEC", "Endpoint protection", "Security", I, H, "WMIDS", "S", 0.95, 60, tsa="S"),
    Entry("MONITOR", "Infrastructure monitoring", "Hosting", I, M, "RETIRE", "", 0.05, 30),
    Entry("DEV-TEST", "Development and test environments", "Hosting", I, L, "RETIRE", "", 0.02, 45),
)
# fmt: on
