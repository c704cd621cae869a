"""How a plan reads in the terminal: summary, cut-overs, implied tranches, conflicts, notes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.table import Table

from carveout.cli.app import console
from carveout.formatting import pounds_exact, uk_date

if TYPE_CHECKING:
    from carveout.planning.plan import Plan


def money_rows(plan: Plan) -> list[tuple[str, str]]:
    """The plan's money, labelled as everywhere else; every figure a dash when no plan fits."""

    def pounds(value: float) -> str:
        return pounds_exact(value if plan.feasible else None)

    return [
        ("transitional hosting to go", pounds(plan.hosting_cost)),
        ("  of which extension step-ups", pounds(plan.step_up_cost)),
        ("running cost to go (outside any tranche)", pounds(plan.running_cost)),
        ("bridges to build", f"{pounds(plan.bridge_cost)} ({len(plan.bridged)})"),
        (
            "bridges built before the data date",
            f"{pounds_exact(plan.bridge_cost_to_date)} ({len(plan.bridges_built)})",
        ),
        ("lateness", pounds(plan.lateness_cost)),
        ("total to go", pounds(plan.total_cost)),
    ]


def bound_and_gap(plan: Plan) -> str:
    """The proven lower bound on the objective and the gap to it; a dash when none is known."""
    if plan.bound is None:
        return "—"
    gap = "—" if plan.gap is None else f"{plan.gap:.1%}"
    return f"{plan.bound:,.0f} / {gap}"


def print_plan(plan: Plan) -> None:
    """The plan as Rich tables: summary, cut-overs, hosting tranches or conflicts."""
    summary = Table(title=f"Plan for scenario {plan.scenario}", show_header=False)
    summary.add_row("data date", uk_date(plan.as_of))
    summary.add_row("status", plan.status)
    summary.add_row("objective", plan.objective)
    summary.add_row("deadline", uk_date(plan.deadline) if plan.deadline else "none")
    summary.add_row("finish", uk_date(plan.finish) if plan.feasible else "—")
    for label, value in money_rows(plan):
        summary.add_row(label, value)
    if plan.feasible:
        summary.add_row("lower bound / gap", bound_and_gap(plan))
        summary.add_row("critical chain", " → ".join(plan.critical_chain))
    summary.add_row("solve time", f"{plan.solve_seconds:.1f} s")
    console.print(summary)
    if plan.feasible:
        _print_cutovers(plan)
    else:
        console.print("[bold red]No plan fits.[/] These constraints conflict:")
        for c in plan.conflicts:
            console.print(f"  • {c.constraint} + {c.detail}")
        if plan.earliest_feasible_deadline:
            console.print(f"Earliest feasible deadline: {uk_date(plan.earliest_feasible_deadline)}")
    for note in plan.notes:
        console.print(f"[dim]{note}[/]")


def _print_cutovers(plan: Plan) -> None:
    cutovers = Table(title=f"Cut-overs (* critical; facts before {uk_date(plan.as_of)} marked)")
    for column in ("service", "team", "start", "cut-over", "wave", "late days"):
        cutovers.add_column(column)
    for m in plan.migrations:
        fact = m.frozen and m.cutover < plan.as_of
        mark = " *" if m.critical else (" (done)" if fact else " (under way)" if m.frozen else "")
        cutovers.add_row(
            m.service + mark,
            m.team,
            uk_date(m.start),
            uk_date(m.cutover),
            str(m.wave),
            str(m.late_days or ""),
        )
    console.print(cutovers)
    tranches = Table(title="Transitional hosting implied (from the data date)")
    for column in ("host", "from", "until", "services", "monthly", "cost"):
        tranches.add_column(column)
    for t in plan.tranches:
        tranches.add_row(
            t.host,
            uk_date(t.start),
            uk_date(t.until),
            str(len(t.services)),
            pounds_exact(t.monthly_charge),
            pounds_exact(t.cost),
        )
    console.print(tranches)
