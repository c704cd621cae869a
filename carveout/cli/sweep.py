"""``carveout sweep``: plan a scenario over a grid of trade-offs and read the frontier."""

from __future__ import annotations

from contextlib import nullcontext
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn
from rich.table import Table

from carveout.cli.app import AsOf, app, between, console, parse_day
from carveout.errors import CarveoutError
from carveout.formatting import pounds, uk_date

if TYPE_CHECKING:
    from carveout.domain import Portfolio, Scenario
    from carveout.planning.sweep_grid import Grid
    from carveout.planning.sweep_result import Sweep


def _grid(
    *,
    portfolio: Portfolio,
    scenario: Scenario,
    as_of: date,
    deadlines: str,
    extra_people: list[str],
    busiest: int,
    extra: str | None,
    extensions: str,
    mitigations: str,
) -> Grid:
    from carveout.planning.sweep_cell import busiest_teams
    from carveout.planning.sweep_grid import (
        Grid,
        GridError,
        parse_deadlines,
        parse_extensions,
        parse_extra_people,
        parse_levels,
        parse_mitigations,
    )

    people = parse_extra_people(extra_people, (t.code for t in portfolio.teams))
    if busiest:
        if extra is None:
            raise GridError("--busiest", "say how many people to add with --extra, e.g. 0,1,2.")
        levels = parse_levels(extra, "--extra")
        named = {team for team, _ in people}
        teams = busiest_teams(portfolio=portfolio, scenario=scenario, as_of=as_of, count=busiest)
        people = tuple(sorted((*people, *((t, levels) for t in teams if t not in named))))
    elif extra is not None:
        raise GridError("--extra", "name the teams with --busiest N (or use --extra-people).")
    return Grid(
        deadlines=parse_deadlines(deadlines),
        people=people,
        extensions=parse_extensions(extensions, (o.code for o in portfolio.extension_options)),
        mitigations=parse_mitigations(mitigations),
    )


def print_sweep(sweep: Sweep) -> None:
    """The frontier, the value of a month and of a person, and the recommendation."""
    console.print(
        f"Sweep of {sweep.scenario} as of {uk_date(sweep.as_of)}: {len(sweep.cells)} cells "
        f"({sweep.computed} computed now), {sum(c.feasible for c in sweep.cells)} with a plan. "
        f"Exit date: {sweep.basis}."
    )
    table = Table(title="Cost against exit date: the efficient cells")
    for head in ("exit", "total to go", "deadline", "extra people", "extensions", "mitigations"):
        table.add_column(head, justify="right" if head == "total to go" else "left")
    for c in sweep.on_frontier:
        mark = " ★" if c.key == sweep.recommended else ""
        table.add_row(
            uk_date(c.exit) + mark,
            pounds(c.cost),
            uk_date(c.deadline),
            ", ".join(f"{t}+{n}" for t, n in c.extra if n) or "none",
            c.extensions,
            "on" if c.mitigations else "off",
        )
    console.print(table)
    if sweep.by_deadline:
        deadlines = Table(title="The cheapest cell exiting by each deadline")
        for head in ("exit by", "cheapest", "its exit", "saved vs the deadline before", "a month"):
            deadlines.add_column(head, justify="left" if head == "exit by" else "right")
        for d in sweep.by_deadline:
            deadlines.add_row(
                uk_date(d.deadline),
                "no cell" if d.cost is None else pounds(d.cost),
                uk_date(d.exit),
                pounds(d.saved),
                pounds(d.per_month),
            )
        console.print(deadlines)
    if sweep.months:
        months = Table(title="What a month is worth (along the frontier)")
        for head in ("from exit", "to exit", "months later", "saved", "saved a month"):
            months.add_column(head, justify="right")
        for m in sweep.months:
            months.add_row(
                uk_date(m.earlier_exit),
                uk_date(m.later_exit),
                f"{m.months:.1f}",
                pounds(m.saved),
                pounds(m.per_month),
            )
        console.print(months)
    if sweep.persons:
        people = Table(title="What one more person is worth (before paying for them)")
        for head in ("team", "people", "saved each", "days earlier each", "made feasible"):
            people.add_column(head, justify="right" if head != "team" else "left")
        for p in sweep.persons:
            people.add_row(
                p.team,
                f"{p.from_people} → {p.to_people}",
                pounds(p.saved),
                "—" if p.days_earlier is None else f"{round(p.days_earlier):d}",
                str(p.made_feasible),
            )
        console.print(people)
    style = "bold" if sweep.recommended else "yellow"
    console.print(sweep.recommendation, style=style)


@app.command()
def sweep(
    deadlines: Annotated[
        str,
        typer.Option(
            help="Deadlines: FIRST:LAST:STEP (monthly, quarterly, half-yearly, yearly) "
            "or a comma list, e.g. 2022-03-31:2024-03-31:quarterly."
        ),
    ],
    scenario: Annotated[str | None, typer.Option(help="Scenario code to sweep.")] = None,
    as_of: AsOf = None,
    extra_people: Annotated[
        list[str] | None,
        typer.Option(help="TEAM=0,1,2: extra people for a team in every period (repeat it)."),
    ] = None,
    busiest: Annotated[
        int, typer.Option(min=0, help="Sweep extra people in the N teams with most work left.")
    ] = 0,
    extra: Annotated[
        str | None, typer.Option(help="Extra people for the --busiest teams, e.g. 0,1,2.")
    ] = None,
    extensions: Annotated[
        str, typer.Option(help="Extension choices: all, none, or option codes joined by +.")
    ] = "all",
    mitigations: Annotated[str, typer.Option(help="Risk mitigations: off, on or both.")] = "off",
    risk: Annotated[
        int, typer.Option("--risk", min=0, help="Risk runs per cell (0: plan only).")
    ] = 0,
    confidence: Annotated[
        float,
        typer.Option(
            help="Confidence of the recommended exit date (with --risk).",
            callback=between(0, 1, example=0.8),
        ),
    ] = 0.8,
    person_month_cost: Annotated[
        float, typer.Option(min=0.0, help="What an extra person costs a month, in pounds.")
    ] = 0.0,
    time_limit: Annotated[
        float,
        typer.Option(
            help="Seconds of deterministic search per cell.",
            callback=between(0, float("inf"), example=8),
        ),
    ] = 8.0,
    seed: Annotated[int, typer.Option(min=0, max=2**31 - 1, help="Random seed.")] = 0,
    scheduler: Annotated[
        str | None,
        typer.Option(
            help="Run the cells on the Dask cluster at this address, or 'local' for a "
            "local Dask cluster (default: local processes)."
        ),
    ] = None,
    processes: Annotated[
        int | None, typer.Option(min=1, help="Local processes (default: one per core).")
    ] = None,
    retries: Annotated[int, typer.Option(min=0, help="Times a failed cell is run again.")] = 2,
    xlsx: Annotated[Path | None, typer.Option(help="Also write the sweep to this .xlsx.")] = None,
) -> None:
    """Plan a scenario over a grid of deadlines, extra people, extensions and mitigations, and
    show the cost-against-exit-date frontier, what a month and a person are worth, and the
    recommended point. Cells are stored as they finish: run the same sweep again to resume.

    Example: carveout sweep --scenario tsa-2023 --deadlines 2022-03-31:2024-03-31:quarterly
    --busiest 2 --extra 0,1,2 --person-month-cost 8000
    """
    day = parse_day(as_of)
    if xlsx is not None and xlsx.suffix.lower() != ".xlsx":
        raise CarveoutError(f"--xlsx: {xlsx} should end in .xlsx.")
    from carveout.cli.planning import _scenario
    from carveout.config import cores, get_settings
    from carveout.planning.sweep_result import SweepSettings
    from carveout.planning.sweep_service import sweep_scenario
    from carveout.risk.run import dask_client
    from carveout.storage import open_store

    settings = get_settings()
    with open_store(settings.database_url) as store:
        portfolio = store.load()
        chosen = _scenario(portfolio, scenario)
        when = chosen.data_date(day, date.today())
        grid = _grid(
            portfolio=portfolio,
            scenario=chosen,
            as_of=when,
            deadlines=deadlines,
            extra_people=extra_people or [],
            busiest=busiest,
            extra=extra,
            extensions=extensions,
            mitigations=mitigations,
        )
        grid.cells()  # refuses an oversized grid before anything starts
        run = SweepSettings(
            time_limit=time_limit,
            seed=seed,
            risk_runs=risk,
            confidence=confidence,
            person_month_cost=person_month_cost,
        )
        address = None if scheduler in (None, "local") else scheduler
        context: Any = dask_client(address) if scheduler else nullcontext()
        columns = (
            *Progress.get_default_columns()[:1],
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
        )
        with context as client, Progress(*columns, console=console, transient=True) as bar:
            task = bar.add_task("Planning cells", total=grid.size)
            result = sweep_scenario(
                store=store,
                portfolio=portfolio,
                scenario=chosen,
                as_of=when,
                grid=grid,
                settings=run,
                actor=settings.operator,
                client=client,
                processes=processes or cores(),
                retries=retries,
                on_start=lambda _total, already: bar.update(task, completed=already),
                on_result=lambda _cell: bar.advance(task),
            )
    print_sweep(result)
    if xlsx is not None:
        from carveout.reports.sweep_workbook import write_sweep_workbook

        write_sweep_workbook(path=xlsx, sweep=result)
        console.print(f"Wrote {xlsx}")
