"""``carveout plan`` and ``carveout plans``: plan a scenario, compare the latest plans."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer
from rich.live import Live
from rich.table import Table

from carveout.cli.app import app, between, console
from carveout.errors import CarveoutError, NotFound
from carveout.formatting import pounds_exact

if TYPE_CHECKING:
    from carveout.domain import Portfolio, Scenario
    from carveout.planning.plan import Plan
    from carveout.planning.rcpsp import Progress


class ObjectiveChoice(StrEnum):
    """The values of :class:`carveout.domain.Objective`, without importing the domain model."""

    COST = "cost"
    FINISH = "finish"
    LEXICOGRAPHIC = "lexicographic"


def _scenario(portfolio: Portfolio, name: str | None) -> Scenario:
    codes = sorted(portfolio.scenario_by_code)
    if name is not None:
        if name not in portfolio.scenario_by_code:
            raise NotFound(f"No scenario {name!r}. Known scenarios: {', '.join(codes) or 'none'}.")
        return portfolio.scenario_by_code[name]
    if len(codes) == 1:
        return portfolio.scenario_by_code[codes[0]]
    if not codes:
        raise NotFound("The portfolio has no scenario: add one to the Scenarios sheet first.")
    raise CarveoutError(f"Name the scenario to plan with --scenario: one of {', '.join(codes)}.")


def _progress_table(p: Progress | None) -> Table:
    table = Table(title="Searching", show_header=True)
    for column in ("best", "bound", "gap", "elapsed"):
        table.add_column(column, justify="right")
    if p is None:
        table.add_row("…", "…", "…", "…")
    else:
        table.add_row(
            f"{p.objective:,.0f}", f"{p.bound:,.0f}", f"{p.gap:.1%}", f"{p.seconds:.1f} s"
        )
    return table


def print_plan(plan: Plan) -> None:
    """The plan as Rich tables: summary, cut-overs, hosting tranches or conflicts."""
    summary = Table(title=f"Plan for scenario {plan.scenario}", show_header=False)
    summary.add_row("status", plan.status)
    summary.add_row("objective", plan.objective)
    summary.add_row("deadline", f"{plan.deadline:%d %b %Y}" if plan.deadline else "none")
    if plan.feasible:
        summary.add_row("finish", f"{plan.finish:%d %b %Y}" if plan.finish else "")
        summary.add_row("hosting", pounds_exact(plan.hosting_cost))
        summary.add_row("step-ups", pounds_exact(plan.step_up_cost))
        summary.add_row("bridges", f"{pounds_exact(plan.bridge_cost)} ({len(plan.bridged)})")
        summary.add_row("lateness", pounds_exact(plan.lateness_cost))
        summary.add_row("total cost", pounds_exact(plan.total_cost))
        summary.add_row("bound / gap", f"{plan.bound or 0:,.0f} / {plan.gap or 0:.1%}")
        summary.add_row("critical chain", " → ".join(plan.critical_chain))
    summary.add_row("solve time", f"{plan.solve_seconds:.1f} s")
    console.print(summary)
    if plan.feasible:
        cutovers = Table(title="Cut-overs")
        for column in ("service", "team", "start", "cut-over", "wave", "late days"):
            cutovers.add_column(column)
        for m in plan.migrations:
            mark = " *" if m.critical else (" (frozen)" if m.frozen else "")
            cutovers.add_row(
                m.service + mark,
                m.team,
                f"{m.start:%d %b %Y}",
                f"{m.cutover:%d %b %Y}",
                str(m.wave),
                str(m.late_days or ""),
            )
        console.print(cutovers)
        tranches = Table(title="Transitional hosting implied")
        for column in ("host", "until", "services", "monthly", "cost"):
            tranches.add_column(column)
        for t in plan.tranches:
            tranches.add_row(
                t.host,
                f"{t.until:%d %b %Y}",
                str(len(t.services)),
                pounds_exact(t.monthly_charge),
                pounds_exact(t.cost),
            )
        console.print(tranches)
    else:
        console.print("[bold red]No plan fits.[/] These constraints conflict:")
        for c in plan.conflicts:
            console.print(f"  • {c.constraint} + {c.detail}")
        if plan.earliest_feasible_deadline:
            console.print(f"Earliest feasible deadline: {plan.earliest_feasible_deadline:%d %b %Y}")
    for note in plan.notes:
        console.print(f"[dim]{note}[/]")


@app.command()
def plan(
    scenario: Annotated[str | None, typer.Option(help="Scenario code to plan.")] = None,
    deadline: Annotated[
        str | None, typer.Option(help="Override the scenario deadline (YYYY-MM-DD).")
    ] = None,
    objective: Annotated[ObjectiveChoice | None, typer.Option(help="What to optimise.")] = None,
    time_limit: Annotated[
        float,
        typer.Option(help="Seconds to search.", callback=between(0, float("inf"), example=20)),
    ] = 30.0,
    seed: Annotated[
        int, typer.Option(min=0, max=2**31 - 1, help="Random seed; same seed, same plan.")
    ] = 0,
) -> None:
    """Plan the cut-over of every moving service and store the plan.

    Example: carveout plan --scenario extended --deadline 2020-04-30 --time-limit 20
    """
    update: dict[str, object] = {}
    if deadline is not None:
        try:
            update["deadline"] = date.fromisoformat(deadline)
        except ValueError as error:
            raise CarveoutError(
                f"--deadline {deadline!r} is not a date like 2020-04-30."
            ) from error
    # Imported here, after the arguments are checked: the planner takes seconds to import.
    from carveout.config import get_settings
    from carveout.domain import Objective
    from carveout.planning.plan import Plan
    from carveout.planning.planner import plan_scenario
    from carveout.storage import open_store

    settings = get_settings()
    store = open_store(settings.database_url)
    try:
        portfolio = store.load()
        chosen = _scenario(portfolio, scenario)
        if objective is not None:
            update["objective"] = Objective(objective.value)
        chosen = chosen.model_copy(update=update)
        previous_payload = store.latest_result(scenario=chosen.code, kind="plan")
        previous = Plan.model_validate(previous_payload) if previous_payload else None
        with Live(_progress_table(None), console=console, transient=True) as live:
            result = plan_scenario(
                portfolio=portfolio,
                scenario=chosen,
                time_limit=time_limit,
                seed=seed,
                previous=previous,
                on_progress=lambda p: live.update(_progress_table(p)),
            )
        store.save_result(
            scenario=chosen.code,
            kind="plan",
            payload=result.model_dump(mode="json"),
            actor=settings.operator,
        )
    finally:
        store.close()
    print_plan(result)


@app.command()
def plans() -> None:
    """List the latest plan of every scenario side by side.

    Example: carveout plans
    """
    from carveout.config import get_settings
    from carveout.planning.plan import Plan
    from carveout.storage import open_store

    settings = get_settings()
    store = open_store(settings.database_url)
    try:
        scenarios = sorted({r.scenario for r in store.results(kind="plan")})
        latest = [store.latest_result(scenario=s, kind="plan") for s in scenarios]
    finally:
        store.close()
    found = [Plan.model_validate(p) for p in latest if p]
    if not found:
        console.print("No plans yet. Run: carveout plan --scenario NAME")
        return
    table = Table(title="Latest plan per scenario")
    table.add_column("")
    for p in found:
        table.add_column(p.scenario, justify="right")

    def row(label: str, values: list[str]) -> None:
        table.add_row(label, *values)

    row("status", [p.status for p in found])
    row("objective", [p.objective for p in found])
    row("deadline", [f"{p.deadline:%d %b %Y}" if p.deadline else "—" for p in found])
    row("finish", [f"{p.finish:%d %b %Y}" if p.finish else "—" for p in found])
    row("total cost", [pounds_exact(p.total_cost) if p.feasible else "—" for p in found])
    row("hosting", [pounds_exact(p.hosting_cost) for p in found])
    row("step-ups", [pounds_exact(p.step_up_cost) for p in found])
    row("bridges", [str(len(p.bridged)) for p in found])
    row("gap", [f"{p.gap:.1%}" if p.gap is not None else "—" for p in found])
    row("services", [str(len(p.migrations)) for p in found])
    row(
        "earliest feasible",
        [
            f"{p.earliest_feasible_deadline:%d %b %Y}" if p.earliest_feasible_deadline else "—"
            for p in found
        ],
    )
    console.print(table)
