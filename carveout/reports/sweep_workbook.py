"""A sweep as a workbook: every cell, the frontier, and what a month and a person are worth."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook

from carveout.planning.sweep_frontier import CellResult
from carveout.planning.sweep_result import Sweep
from carveout.reports.xlsx import DATE, INTEGER, NUMBER, PERCENT, POUNDS, Column, add_sheet

CELL_COLUMNS = (
    Column("Cell"),
    Column("Deadline", DATE),
    Column("Extra people"),
    Column("Extensions"),
    Column("Mitigations"),
    Column("Status"),
    Column("Planned finish", DATE),
    Column("Exit date", DATE),
    Column("Meets its deadline"),
    Column("Plan cost to go", POUNDS),
    Column("Extra people cost", POUNDS),
    Column("Mitigation cost", POUNDS),
    Column("Risk cost beyond the plan", POUNDS),
    Column("Total to go", POUNDS),
    Column("Chance of meeting deadline", PERCENT),
    Column("On the frontier"),
    Column("Recommended"),
    Column("Gap to bound", PERCENT),
    Column("Earliest feasible deadline", DATE),
)
"""The Cells sheet's columns, in order (a test reads them back)."""


def cell_row(sweep: Sweep, c: CellResult) -> list[Any]:
    people = ", ".join(f"{team}+{n}" for team, n in c.extra) or "none"
    meets = None if c.exit is None else ("yes" if c.exit <= c.deadline else "no")
    return [
        c.key,
        c.deadline,
        people,
        c.extensions,
        "on" if c.mitigations else "off",
        c.status,
        c.finish,
        c.exit,
        meets,
        c.plan_cost,
        c.person_cost if c.feasible else None,
        c.mitigation_cost if c.feasible else None,
        c.risk_cost,
        c.cost,
        c.p_meet_deadline,
        "yes" if c.key in sweep.frontier else "",
        "yes" if c.key == sweep.recommended else "",
        c.gap,
        c.earliest_feasible_deadline,
    ]


def write_sweep_workbook(*, path: Path, sweep: Sweep) -> list[str]:
    """Write ``sweep`` to ``path``; the sheets written."""
    book = Workbook()
    if book.active is not None:
        book.remove(book.active)
    add_sheet(
        book,
        "About",
        (Column("Figure"), Column("Value")),
        [
            ("Scenario", sweep.scenario),
            ("Data date", sweep.as_of.isoformat()),
            ("Exit date is", sweep.basis),
            ("Recommendation", sweep.recommendation),
            ("Cells", len(sweep.cells)),
            ("Seconds of search per cell", sweep.settings.time_limit),
            ("Seed", sweep.settings.seed),
            ("Extra person, per month", sweep.settings.person_month_cost),
        ],
    )
    add_sheet(book, "Cells", CELL_COLUMNS, [cell_row(sweep, c) for c in sweep.cells])
    add_sheet(
        book,
        "By deadline",
        (
            Column("Exit by", DATE),
            Column("Cheapest cell"),
            Column("Its exit", DATE),
            Column("Total to go", POUNDS),
            Column("Saved against the deadline before", POUNDS),
            Column("Saved a month", POUNDS),
        ),
        [(d.deadline, d.cell, d.exit, d.cost, d.saved, d.per_month) for d in sweep.by_deadline],
    )
    add_sheet(
        book,
        "Month value",
        (
            Column("From cell"),
            Column("To cell"),
            Column("Exit", DATE),
            Column("Later exit", DATE),
            Column("Months later", NUMBER),
            Column("Cost saved", POUNDS),
            Column("Saved per month", POUNDS),
        ),
        [
            (m.earlier, m.later, m.earlier_exit, m.later_exit, m.months, m.saved, m.per_month)
            for m in sweep.months
        ],
    )
    add_sheet(
        book,
        "Person value",
        (
            Column("Team"),
            Column("From people", INTEGER),
            Column("To people", INTEGER),
            Column("Cells compared", INTEGER),
            Column("Made feasible", INTEGER),
            Column("Cost saved per person", POUNDS),
            Column("Days earlier per person", NUMBER),
            Column("Saved per person at the recommendation", POUNDS),
            Column("Days earlier at the recommendation", NUMBER),
        ),
        [
            (
                p.team,
                p.from_people,
                p.to_people,
                p.compared,
                p.made_feasible,
                p.saved,
                p.days_earlier,
                p.saved_at_recommended,
                p.days_at_recommended,
            )
            for p in sweep.persons
        ],
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return list(book.sheetnames)


def read_cells_sheet(path: Path) -> list[dict[str, Any]]:
    """The Cells sheet of a sweep workbook, one dict per row keyed by heading."""
    book = load_workbook(path, read_only=True)
    try:
        rows = list(book["Cells"].iter_rows(values_only=True))
    finally:
        book.close()
    heads = [str(h) for h in rows[0]]
    return [dict(zip(heads, row, strict=True)) for row in rows[1:]]
