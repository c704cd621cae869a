"""Workbook sheets of exit readiness gates: each service's exit criteria and decisions.

Kept apart from :mod:`carveout.portfolio.sheets`, which lists them among the others.
"""

from __future__ import annotations

from carveout.domain.readiness import CriterionStatus, GateDecision
from carveout.portfolio.sheet_model import Column, ColumnType, Sheet

EXIT_CRITERIA = Sheet(
    "exit_criteria",
    "What must be true before a service leaves its arrangement; unmet, it holds the cut-over.",
    (
        Column("code", ColumnType.CODE, "Short unique code of the criterion", True),
        Column("service", ColumnType.CODE, "Code of a service on the services sheet", True),
        Column("criterion", ColumnType.TEXT, "What must be true, e.g. Parallel run passed", True),
        Column("owner", ColumnType.TEXT, "Who sees that it is done", False),
        Column(
            "due",
            ColumnType.DATE,
            "When it should be met; until met, the service cannot cut over before it",
            True,
        ),
        Column(
            "status",
            ColumnType.CHOICE,
            "not_started (default), in_progress, met or waived",
            False,
            tuple(s.value for s in CriterionStatus),
        ),
        Column("evidence", ColumnType.TEXT, "A web link (http or https) to the evidence", False),
        Column(
            "recorded",
            ColumnType.DATE,
            "When it was agreed; plans made as of an earlier date do not see it (blank: always)",
            False,
        ),
    ),
    key=("code",),
    kind="exit_criterion",
)

EXIT_DECISIONS = Sheet(
    "exit_decisions",
    "Go/no-go decisions on a service's exit; a go needs every criterion met or waived.",
    (
        Column("code", ColumnType.CODE, "Short unique code of the decision", True),
        Column("service", ColumnType.CODE, "Code of a service on the services sheet", True),
        Column(
            "decision",
            ColumnType.CHOICE,
            "go or no_go",
            True,
            tuple(d.value for d in GateDecision),
        ),
        Column("approver", ColumnType.TEXT, "Who took the decision", True),
        Column("decided", ColumnType.DATE, "The day it was taken", True),
    ),
    key=("code",),
    kind="exit_decision",
)

READINESS_SHEETS: tuple[Sheet, ...] = (EXIT_CRITERIA, EXIT_DECISIONS)
"""The sheets, in workbook order: they follow the invoices."""
