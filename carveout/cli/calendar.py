"""``carveout calendar``: every date on which someone must act, with the days left."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from carveout.cli.app import AsOf, app, console, parse_day
from carveout.errors import CarveoutError, NotFound
from carveout.formatting import uk_date

if TYPE_CHECKING:
    from carveout.domain import Portfolio
    from carveout.domain.calendar import Action
    from carveout.planning.plan import Plan
    from carveout.storage import Store


@app.command()
def calendar(
    as_of: AsOf = None,
    scenario: Annotated[
        str | None,
        typer.Option(
            help="Scenario whose saved plan gives the cut-overs (default: the latest planned)."
        ),
    ] = None,
    within: Annotated[
        int | None,
        typer.Option(
            metavar="DAYS", min=0, help="Only what is overdue or falls due within DAYS days."
        ),
    ] = None,
    ics: Annotated[
        Path | None,
        typer.Option(metavar="FILE", help="Also write the dates as an iCalendar (.ics) file."),
    ] = None,
) -> None:
    """List every date on which someone must act: termination notice, extension exercise-by,
    early-exit notice, vendor consent, tranche end; overdue first, with the days left.

    Days count from the data date (--as-of, else the scenario's pinned date, else
    today). Early-exit notices and consents follow the scenario's plan saved for
    that date, when there is one.

    Example: carveout calendar --as-of 2021-10-01 --within 90 --ics notices.ics
    """
    given = parse_day(as_of)
    from carveout.domain.calendar import due_within
    from carveout.reports.ical import to_ics
    from carveout.reports.notices import scenario_calendar
    from carveout.storage import open_store

    with open_store() as store:
        portfolio = store.load()
        if not portfolio.agreements:
            raise CarveoutError(
                "The portfolio has no agreements, so no notice dates. Load one with "
                "`carveout import FILE` or try `carveout demo`."
            )
        code, day, plan = _scenario_and_plan(store, portfolio, scenario, given)
    actions = scenario_calendar(portfolio=portfolio, as_of=day, plan=plan)
    if within is not None:
        actions = due_within(actions, within)
    print_calendar(actions, as_of=day, scenario=code, planned=plan is not None, within=within)
    if ics is not None:
        ics.write_bytes(to_ics(actions, stamp=datetime.now(UTC)).encode("utf-8"))
        console.print(f"Wrote {len(actions)} dates to {ics}.")


def _scenario_and_plan(
    store: Store,
    portfolio: Portfolio,
    name: str | None,
    given: date | None,
    plan_as_of: date | None = None,
) -> tuple[str | None, date, Plan | None]:
    """The scenario (None if the portfolio has none), the data date and its saved plan.

    With ``plan_as_of`` (no later than the data date) the plan is the one saved as of that
    date, and an error says so when there is none.
    """
    from carveout.planning.plan import read_plan
    from carveout.reports.inputs import choose_scenario

    try:
        chosen = choose_scenario(store=store, portfolio=portfolio, name=name)
    except NotFound:
        if name is not None:
            raise
        return None, given or date.today(), None
    day = chosen.data_date(given, date.today())
    if plan_as_of is not None and plan_as_of > day:
        raise CarveoutError(
            f"--plan-as-of {plan_as_of.isoformat()} is after the data date {day.isoformat()}: "
            "a plan made later would count what is not yet known."
        )
    plan = read_plan(
        store.latest_result(scenario=chosen.code, kind="plan", as_of=plan_as_of or day)
    )
    if plan_as_of is not None and plan is None:
        raise CarveoutError(
            f"No plan of {chosen.code} is saved as of {plan_as_of.isoformat()}: "
            f"run `carveout plan --scenario {chosen.code} --as-of {plan_as_of.isoformat()}`."
        )
    return chosen.code, day, plan


def print_calendar(
    actions: tuple[Action, ...],
    *,
    as_of: date,
    scenario: str | None,
    planned: bool,
    within: int | None,
) -> None:
    """The actions as a Rich table, overdue first, then by date."""
    span = f" due within {within} days" if within is not None else ""
    table = Table(title=f"Dates to act on{span}, as of {uk_date(as_of)}")
    for header in ("Date", "Days left", "Action", "Record", "Who acts"):
        table.add_column(header, justify="right" if header == "Days left" else "left")
    for a in sorted(actions, key=lambda a: (not a.overdue, a.day)):
        left = f"[bold red]{-a.days_left} overdue[/]" if a.overdue else f"{a.days_left}"
        table.add_row(
            uk_date(a.day), left, a.what, f"{a.record_kind} {a.record}", ", ".join(a.parties)
        )
    console.print(table)
    basis = (
        f"Early exits follow the plan of {scenario} saved as of {uk_date(as_of)}."
        if planned
        else "No plan saved for this date: early-exit notices are not shown."
    )
    console.print(f"{len(actions)} dates. {basis}")
