"""Workbook sheets of service levels on schedule lines and the values measured each month.

Kept apart from :mod:`carveout.portfolio.sheets`, which lists them among the others.
"""

from __future__ import annotations

from carveout.domain.service_levels import Aim
from carveout.portfolio.sheet_model import Column, ColumnType, Sheet

SERVICE_LEVELS = Sheet(
    "service_levels",
    "Levels of service a schedule line commits the host to, and the credit for missing one.",
    (
        Column("code", ColumnType.CODE, "Short unique code of the service level", True),
        Column(
            "schedule_line",
            ColumnType.CODE,
            "Code of a line on the schedule_lines sheet",
            True,
        ),
        Column("metric", ColumnType.TEXT, "What is measured, e.g. Availability", True),
        Column("unit", ColumnType.TEXT, "Unit of the metric, e.g. % or hours", False),
        Column("target", ColumnType.NUMBER, "The value to meet each month", True),
        Column(
            "direction",
            ColumnType.CHOICE,
            "at_least: met at the target or above; at_most: at the target or below",
            True,
            tuple(a.value for a in Aim),
        ),
        Column(
            "credit_percent",
            ColumnType.NUMBER,
            "Percent of the line's charge for the month credited when it is missed (default 0)",
            False,
        ),
        Column(
            "cap_percent",
            ColumnType.NUMBER,
            "Most the line's credits may reach in a month, in percent of its charge "
            "(blank: the whole charge)",
            False,
        ),
    ),
    key=("code",),
    kind="service_level",
)

SL_MEASUREMENTS = Sheet(
    "sl_measurements",
    "The value measured for a service level over one month.",
    (
        Column("code", ColumnType.CODE, "Short unique code of the measurement", True),
        Column(
            "service_level",
            ColumnType.CODE,
            "Code of a service level on the service_levels sheet",
            True,
        ),
        Column("month", ColumnType.DATE, "Any day of the month measured", True),
        Column("value", ColumnType.NUMBER, "The value measured, in the level's unit", True),
        Column("note", ColumnType.TEXT, "What happened, e.g. the incident behind a miss", False),
        Column("evidence", ColumnType.TEXT, "A web link (http or https) to the report", False),
    ),
    key=("code",),
    kind="service_level_measurement",
)

SERVICE_LEVEL_SHEETS: tuple[Sheet, ...] = (SERVICE_LEVELS, SL_MEASUREMENTS)
"""The sheets, in workbook order: they follow the invoices."""
