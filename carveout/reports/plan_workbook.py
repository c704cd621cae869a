"""The plan workbook: plan, tranches, forecasts and allocations for teams who work in Excel.

One sheet per table, each with a frozen, filterable header row, widths that
fit the content and real dates and numbers (formatted as UK dates, pounds and
percentages) so the sheets can be sorted, summed and charted.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import Workbook

from carveout.reports.decisions import tranche_lines
from carveout.reports.inputs import Inputs
from carveout.reports.timeline import service_lines
from carveout.reports.xlsx import DATE, INTEGER, NUMBER, PERCENT, POUNDS, TEXT, Column, add_sheet


def _summary(inputs: Inputs) -> list[tuple[str, Any, str]]:
    plan, forecast = inputs.plan, inputs.forecast
    rows: list[tuple[str, Any, str]] = [
        ("Scenario", f"{inputs.scenario.name} ({inputs.scenario.code})", TEXT),
        ("Position at", inputs.as_of, DATE),
        ("Deadline", inputs.scenario.deadline, DATE),
        ("Plan status", plan.status if plan else "no plan", TEXT),
    ]
    if plan is not None and plan.feasible:
        rows += [
            ("Planned finish", plan.finish, DATE),
            ("Hosting cost (plan)", plan.hosting_cost, POUNDS),
            ("Extension step-ups (plan)", plan.step_up_cost, POUNDS),
            ("Bridges (plan)", plan.bridge_cost, POUNDS),
            ("Total cost (plan)", plan.total_cost, POUNDS),
        ]
    if forecast is not None:
        rows += [
            ("Forecast finish P50", forecast.finish.p50, DATE),
            ("Forecast finish P80", forecast.finish.p80, DATE),
            ("Forecast finish P90", forecast.finish.p90, DATE),
            ("Chance of meeting the deadline", forecast.p_meet_deadline, PERCENT),
            ("Hosting cost P80", forecast.hosting_cost.p80, POUNDS),
        ]
    rows += [("Source", s.detail, TEXT) for s in inputs.sources]
    return rows


def write_plan_workbook(*, path: Path, inputs: Inputs) -> list[str]:
    """Write the workbook to ``path``; the names of its sheets, in order."""
    workbook = Workbook()
    first = workbook.active
    if first is not None:
        workbook.remove(first)
    summary = _summary(inputs)
    add_sheet(workbook, "Summary", [Column("Item"), Column("Value")], [r[:2] for r in summary])
    sheet = workbook["Summary"]
    for offset, (_, _, fmt) in enumerate(summary, start=2):
        sheet.cell(row=offset, column=2).number_format = fmt
    sheet.column_dimensions["B"].width = 60
    portfolio, plan, forecast, costs = inputs.portfolio, inputs.plan, inputs.forecast, inputs.costs
    lines = service_lines(portfolio=portfolio, plan=plan, forecast=forecast, as_of=inputs.as_of)
    planned = {m.service: m for m in plan.migrations} if plan else {}
    add_sheet(
        workbook,
        "Plan",
        [
            Column("Service"),
            Column("Name"),
            Column("Host"),
            Column("Destination"),
            Column("Team"),
            Column("Start", DATE),
            Column("Cut-over", DATE),
            Column("Wave", INTEGER),
            Column("Effort (person-days)", NUMBER),
            Column("Duration (working days)", INTEGER),
            Column("Days late", INTEGER),
            Column("Critical"),
            Column("Status"),
            Column("Actual start", DATE),
            Column("Actual end", DATE),
        ],
        [
            (
                line.code,
                line.name,
                line.host,
                line.destination,
                line.team,
                line.planned_start,
                line.planned_cutover,
                m.wave,
                m.effort_days,
                m.duration_days,
                m.late_days,
                "yes" if m.critical else "",
                line.status.replace("_", " "),
                line.actual_start,
                line.actual_end,
            )
            for line in lines
            if (m := planned.get(line.code)) is not None
        ],
    )
    if plan is not None:
        add_sheet(
            workbook,
            "Burn-down",
            [
                Column("Month", DATE),
                Column("Host"),
                Column("Consumer"),
                Column("Services", INTEGER),
            ],
            [(b.month, b.host, b.consumer, b.services) for b in plan.burn_down],
        )
        add_sheet(
            workbook,
            "Hosting needed",
            [
                Column("Host"),
                Column("Until", DATE),
                Column("Services", INTEGER),
                Column("Monthly charge", POUNDS),
                Column("Cost", POUNDS),
                Column("Which"),
            ],
            [
                (t.host, t.until, len(t.services), t.monthly_charge, t.cost, ", ".join(t.services))
                for t in plan.tranches
            ],
        )
    add_sheet(
        workbook,
        "Tranches",
        [
            Column("Tranche"),
            Column("Name"),
            Column("Agreement"),
            Column("Host"),
            Column("Start", DATE),
            Column("End", DATE),
            Column("Services", INTEGER),
            Column("Monthly charge", POUNDS),
            Column("Cost", POUNDS),
            Column("Planned to stay after end", INTEGER),
            Column("Chance all leave by end", PERCENT),
            Column("Extension options"),
        ],
        [
            (
                t.code,
                t.name,
                t.agreement,
                t.host,
                t.start,
                t.end,
                t.services,
                t.monthly_charge,
                t.cost,
                t.planned_after_end,
                t.p_leave_by_end,
                t.extension,
            )
            for t in tranche_lines(portfolio=portfolio, lines=lines, forecast=forecast)
        ],
    )
    if forecast is not None:
        add_sheet(
            workbook,
            "Forecast",
            [
                Column("Service"),
                Column("Planned", DATE),
                Column("P50", DATE),
                Column("P80", DATE),
                Column("P90", DATE),
                Column("Chance by deadline", PERCENT),
                Column("Chance by tranche end", PERCENT),
                Column("Critical in runs", PERCENT),
            ],
            [
                (
                    s.service,
                    # The plan's own date: the forecast counts days by their ends
                    # and dates its copy of the plan one day early.
                    planned[s.service].cutover if s.service in planned else None,
                    s.dates.p50,
                    s.dates.p80,
                    s.dates.p90,
                    s.p_by_deadline,
                    s.p_by_tranche_end,
                    s.criticality,
                )
                for s in forecast.services
            ],
        )
        add_sheet(
            workbook,
            "Recommended tranches",
            [
                Column("Host"),
                Column("Until", DATE),
                Column("Services", INTEGER),
                Column("Monthly charge", POUNDS),
                Column("Cost", POUNDS),
                Column("Which"),
            ],
            [
                (r.host, r.until, len(r.services), r.monthly_charge, r.cost, ", ".join(r.services))
                for r in forecast.recommended
            ],
        )
    if costs is not None:
        add_sheet(
            workbook,
            "Allocations",
            [
                Column("Pool"),
                Column("Year", INTEGER),
                Column("Method"),
                Column("Party"),
                Column("Annual charge", POUNDS),
                Column("Share", PERCENT),
                Column("Subsidy-free"),
            ],
            [
                (
                    pool.name,
                    pool.year,
                    a.label,
                    s.name,
                    s.amount,
                    s.fraction,
                    "yes" if a.subsidy_free else "no",
                )
                for pool in costs.pools
                for a in pool.allocations
                for s in a.shares
            ],
        )
        add_sheet(
            workbook,
            "Ledger",
            [
                Column("Pool"),
                Column("Year", INTEGER),
                Column("Party"),
                Column("Charged", POUNDS),
                Column("Fair share", POUNDS),
                Column("Over (+) / under (-)", POUNDS),
                Column("Running total", POUNDS),
            ],
            [
                (pool.name, r.year, r.party, r.charged, r.fair, r.difference, r.cumulative)
                for pool in costs.pools
                for r in pool.ledger
            ],
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)
    return list(workbook.sheetnames)
