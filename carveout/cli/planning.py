"""``carveout plan`` and ``carveout plans``: plan a scenario, compare the latest plans."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer
from rich.live import Live
from rich.table import Table

from carveout.cli.app import AsOf, app, between, command_started, console, parse_day
from carveout.cli.plan_output import money_rows, print_plan
from carveout.errors import CarveoutError, NotFound
from carveout.formatting import uk_date

if TYPE_CHECKING:
    from carveout.domain import Portfolio, Scenario
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


@app.command()
def plan(
    scenario: Annotated[str | None, typer.Option(help="Scenario code to plan.")] = None,
    as_of: AsOf = None,
    deadline: Annotated[
        str | None, typer.Option(help="Override the scenario deadline (YYYY-MM-DD).")
    ] = None,
    objective: Annotated[ObjectiveChoice | None, typer.Option(help="What to optimise.")] = None,
    time_limit: Annotated[
        float,
        typer.Option(
            help="Seconds the whole command may take (searching, explaining).",
            callback=between(0, float("inf"), example=20),
        ),
    ] = 30.0,
    seed: Annotated[
        int, typer.Option(min=0, max=2**31 - 1, help="Random seed; same seed, same plan.")
    ] = 0,
    repeatable: Annotated[
        bool,
        typer.Option(
            help="Stop on the solver's own count of work, not the clock: the same plan on any "
            "machine, however busy (a slow one takes longer than --time-limit)."
        ),
    ] = False,
) -> None:
    """Plan the cut-over of every moving service as of a data date and store the plan.

    Work cut over before the data date is fact; work in progress plans what is
    left; nothing else starts before it. A plan already stored for another
    scenario of the same portfolio and date that also fits this one is a
    starting point, so a later deadline never gives a dearer plan.

    Example: carveout plan --scenario tsa-2023 --as-of 2021-10-01 --time-limit 20
    """
    day = parse_day(as_of)
    due = parse_day(deadline, "--deadline")
    from carveout.config import get_settings
    from carveout.domain import Objective
    from carveout.planning.plan import read_plan
    from carveout.planning.planner import REPEATABLE, SLACK, plan_scenario
    from carveout.storage import open_store

    settings = get_settings()
    store = open_store(settings.database_url)
    try:
        portfolio = store.load()
        chosen = _scenario(portfolio, scenario)
        update: dict[str, object] = {}
        if due is not None:
            update["deadline"] = due
        if objective is not None:
            update["objective"] = Objective(objective.value)
        chosen = chosen.model_copy(update=update)
        when = chosen.data_date(day, date.today())
        previous = read_plan(store.latest_result(scenario=chosen.code, kind="plan"))
        known = [
            found
            for code in sorted({r.scenario for r in store.results(kind="plan")} - {chosen.code})
            if (found := read_plan(store.latest_result(scenario=code, kind="plan", as_of=when)))
        ]
        with Live(_progress_table(None), console=console, transient=True) as live:
            result = plan_scenario(
                portfolio=portfolio,
                scenario=chosen,
                as_of=when,
                time_limit=time_limit,
                seed=seed,
                previous=previous,
                known=known,
                on_progress=lambda p: live.update(_progress_table(p)),
                started=command_started(),
                slack=REPEATABLE if repeatable else SLACK,
            )
        store.save_result(
            scenario=chosen.code,
            kind="plan",
            payload=result.model_dump(mode="json"),
            actor=settings.operator,
            as_of=result.as_of,
            fingerprint=result.fingerprint,
        )
    finally:
        store.close()
    print_plan(result)


@app.command()
def baseline(
    scenario: Annotated[str | None, typer.Option(help="Scenario whose plan to mark.")] = None,
    as_of: AsOf = None,
) -> None:
    """Mark the scenario's latest plan (as of --as-of, if given) as the baseline the board
    approved: reports then count services behind it.

    Example: carveout baseline --scenario tsa-2023 --as-of 2021-10-01
    """
    day = parse_day(as_of)
    from carveout.config import get_settings
    from carveout.planning.plan import read_plan
    from carveout.reports.inputs import BASELINE
    from carveout.storage import open_store

    settings = get_settings()
    with open_store(settings.database_url) as store:
        chosen = _scenario(store.load(), scenario)
        found = read_plan(store.latest_result(scenario=chosen.code, kind="plan", as_of=day))
        if found is None or not found.feasible:
            when = f" --as-of {day.isoformat()}" if day else ""
            raise NotFound(
                f"Scenario {chosen.code!r} has no feasible plan to mark: run "
                f"`carveout plan --scenario {chosen.code}{when}`."
            )
        store.save_result(
            scenario=chosen.code,
            kind=BASELINE,
            payload=found.model_dump(mode="json"),
            actor=settings.operator,
            as_of=found.as_of,
            fingerprint=found.fingerprint,
        )
    console.print(
        f"The plan of {chosen.code} as of {uk_date(found.as_of)} (finish "
        f"{uk_date(found.finish)}) is now the baseline reports judge progress against."
    )


@app.command()
def plans() -> None:
    """List the latest plan of every scenario side by side, with its data date and whether
    the portfolio has changed since.

    Example: carveout plans
    """
    from carveout.config import get_settings
    from carveout.planning.plan import read_plan
    from carveout.storage import open_store

    settings = get_settings()
    with open_store(settings.database_url) as store:
        fingerprint = store.load().fingerprint
        scenarios = sorted({r.scenario for r in store.results(kind="plan")})
        latest = [read_plan(store.latest_result(scenario=s, kind="plan")) for s in scenarios]
    found = [p for p in latest if p is not None]
    if not found:
        console.print("No plans yet. Run: carveout plan --scenario NAME")
        return
    table = Table(title="Latest plan per scenario")
    table.add_column("")
    for p in found:
        table.add_column(p.scenario, justify="right")

    def row(label: str, values: list[str]) -> None:
        table.add_row(label, *values)

    row("data date", [uk_date(p.as_of) for p in found])
    row("up to date", ["yes" if p.fingerprint == fingerprint else "stale" for p in found])
    row("status", [p.status for p in found])
    row("objective", [p.objective for p in found])
    row("deadline", [uk_date(p.deadline) for p in found])
    row("finish", [uk_date(p.finish) if p.feasible else "—" for p in found])
    for index, (label, _) in enumerate(money_rows(found[0])):
        row(label.strip(), [money_rows(p)[index][1] for p in found])
    row("gap", [f"{p.gap:.1%}" if p.gap is not None else "—" for p in found])
    row("services", [str(len(p.migrations)) for p in found])
    row("earliest feasible", [uk_date(p.earliest_feasible_deadline) for p in found])
    console.print(table)
