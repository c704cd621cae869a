"""``carveout demo``: load the demonstration portfolio and tell its story at its own dates."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from carveout.cli.app import AsOf, app, between, console, parse_day, restart_clock
from carveout.cli.demo_users import add_users, users_file
from carveout.errors import CarveoutError

if TYPE_CHECKING:
    from carveout.domain import Portfolio
    from carveout.storage import Store

DEMO_ACTOR = "carveout demo"
"""The audit trail's actor for the demo load; it also marks a database as a demo one."""

DEMO_AS_OF = date(2021, 10, 1)
"""The demo's data date: the day the transitional hosting agreement began."""


def _empty_portfolio() -> Portfolio:
    from carveout.domain import Portfolio

    return Portfolio()


@dataclass
class DemoRun:
    """What the demo's steps share: the database, the store once open, the portfolio."""

    database: Path
    as_of: date
    store: Store | None = None
    portfolio: Portfolio = field(default_factory=_empty_portfolio)

    @property
    def opened(self) -> Store:
        if self.store is None:
            raise CarveoutError("The demo database is not open yet.")
        return self.store


DemoStep = tuple[str, Callable[[DemoRun], None]]


def _fresh_database(run: DemoRun) -> None:
    from carveout.storage import open_store

    path = run.database
    if path.exists():
        if not _is_demo_database(path):
            raise CarveoutError(
                f"{path} exists and is not a demonstration database, so the demo leaves it "
                "alone. Pass --database with another file, or move that file away."
            )
        console.print(f"Replacing the earlier demonstration database {path}.")
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    run.store = open_store(f"sqlite:///{path.resolve()}")
    console.print(f"Created {path}.")


def _load_portfolio(run: DemoRun) -> None:
    from carveout.demo import demo_portfolio
    from carveout.domain import Portfolio
    from carveout.domain.changes import diff

    portfolio = demo_portfolio()
    with console.status("Validating and writing the demonstration portfolio…"):
        run.opened.apply(diff(Portfolio(), portfolio), actor=DEMO_ACTOR)
    run.portfolio = portfolio
    counts = ", ".join(
        f"{len(portfolio.records(kind))} {kind.replace('_', ' ')}"
        for kind in ("party", "service", "dependency", "team", "migration", "agreement")
    )
    console.print(f"Loaded {counts} and the rest of the programme.")


def _summarise(run: DemoRun) -> None:
    from carveout.cli.portfolio import print_summary
    from carveout.portfolio.summary import summarise

    print_summary(summarise(portfolio=run.opened.load(), as_of=run.as_of))


DEMO_STEPS: list[DemoStep] = [
    ("Create a fresh database", _fresh_database),
    ("Load the demonstration portfolio", _load_portfolio),
    ("Create a user for each role of each party and the programme office", add_users),
    ("Summarise the portfolio as of 1 Oct 2021", _summarise),
]
"""The demo, step by step; each step is a title and a function of the shared run."""


def engine_steps(*, time_limit: float, runs: int) -> list[DemoStep]:
    """The demo's steps after loading: the separation's decision points at their own dates.

    Each calls the same function as its command, so the demo shows exactly what
    ``carveout plan``, ``baseline``, ``risk``, ``costs`` and ``report`` print; each
    scenario is planned as of the data date it pins. Imported here, not at the
    top, because the engines take seconds to import.
    """
    from carveout.cli.charges import receive_demo_invoices
    from carveout.cli.costs import costs
    from carveout.cli.planning import baseline, plan
    from carveout.cli.reports import write_demo_report
    from carveout.cli.risk import risk
    from carveout.cli.service_levels import record_demo_measurements
    from carveout.config import get_settings

    output = get_settings().output_dir

    def planner(code: str) -> Callable[[DemoRun], None]:
        def step(run: DemoRun) -> None:
            restart_clock()
            plan(scenario=code, time_limit=time_limit, repeatable=True)

        return step

    def approve(run: DemoRun) -> None:
        baseline(scenario="tsa-2023")

    def invoices(run: DemoRun) -> None:
        receive_demo_invoices(actor=DEMO_ACTOR)

    def forecast(run: DemoRun) -> None:
        risk(scenario="tsa-2023", runs=runs, out=output)

    def allocate(run: DemoRun) -> None:
        costs(out=output)

    return [
        ("As of 31 Oct 2018: every service out by 31 Oct 2019?", planner("original")),
        (
            "As of 1 Oct 2021: everything out by 31 Mar 2022, the first tranche's end?",
            planner("tsa-2022"),
        ),
        (
            "As of 1 Oct 2021: everything out by 31 Mar 2023, the second tranche's end",
            planner("tsa-2023"),
        ),
        ("Mark the 2023 plan as the baseline the board approved", approve),
        (
            "As of 1 Oct 2022: match a year of invoices (Oct 2021 – Sep 2022) to the 2023 plan",
            invoices,
        ),
        (
            "As of 1 Oct 2022: a year of service-level measurements and the credits they earn",
            lambda run: record_demo_measurements(actor=DEMO_ACTOR),
        ),
        ("Forecast the risk of the 2023 plan", forecast),
        ("Allocate the alliance's costs and test for subsidy", allocate),
        ("Write the board report as of 1 Oct 2021", write_demo_report),
    ]


@contextmanager
def _settings_for(database: Path) -> Iterator[None]:
    """Point the settings (and so every command) at ``database`` for a while."""
    from carveout.config import get_settings

    previous = os.environ.get("CARVEOUT_DATABASE_URL")
    os.environ["CARVEOUT_DATABASE_URL"] = f"sqlite:///{database.resolve()}"
    get_settings.cache_clear()
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop("CARVEOUT_DATABASE_URL", None)
        else:
            os.environ["CARVEOUT_DATABASE_URL"] = previous
        get_settings.cache_clear()


@app.command()
def demo(
    database: Annotated[
        Path, typer.Option(help="The SQLite file to create; an earlier demo there is replaced.")
    ] = Path("carveout.db"),
    as_of: AsOf = None,
    engines: Annotated[
        bool, typer.Option(help="Also plan, forecast, allocate costs and write the report.")
    ] = True,
    time_limit: Annotated[
        float,
        typer.Option(
            help="Seconds of search per plan, counted as the solver's own work: every "
            "machine prints the same plans (a slow one takes longer).",
            callback=between(0, float("inf"), example=20),
        ),
    ] = 20.0,
    runs: Annotated[int, typer.Option(min=100, help="Simulated projects for the risk.")] = 20_000,
) -> None:
    """Load the bundled demonstration portfolio and run every engine on it, at its own dates.

    The portfolio is synthetic, shaped on the public record of a police alliance's
    separation (see docs/concepts.md). As of the notice (Oct 2018) no plan meets
    the original 2019 exit, and it says why; as of 1 Oct 2021, when transitional
    hosting began, it plans to the first and the second tranche's end, marks the
    2023 plan as the baseline, forecasts its risk, allocates the costs and writes
    the board report as of that date (--as-of changes the report's date).

    Example: carveout demo --database demo.db
    """
    day = parse_day(as_of)
    from carveout.config import get_settings

    run = DemoRun(database=database, as_of=day or DEMO_AS_OF)
    with _settings_for(database):
        steps = DEMO_STEPS + (engine_steps(time_limit=time_limit, runs=runs) if engines else [])
        try:
            for number, (title, step) in enumerate(steps, start=1):
                console.rule(f"[bold]{number}/{len(steps)} {title}")
                step(run)
        finally:
            if run.store is not None:
                run.store.close()
    default = Path(get_settings().database_url.removeprefix("sqlite:///"))
    target = "" if default == database.resolve() else f" --database {database}"
    console.print(
        f"\nOpen the dashboard: [bold]carveout serve{target}[/] "
        f"(then http://127.0.0.1:8000, signing in as a user from {users_file(database)}). "
        "Try also: "
        f"[bold]carveout impact RMS[/], [bold]carveout show --as-of {run.as_of.isoformat()}[/]."
    )


def _is_demo_database(path: Path) -> bool:
    """Whether ``path`` is a carveout SQLite database the demo loaded (read-only check)."""
    with path.open("rb") as file:
        if file.read(16) != b"SQLite format 3\x00":
            return False
    try:
        connection = sqlite3.connect(f"file:{path.resolve()}?mode=ro", uri=True)
        try:
            row = connection.execute(
                "SELECT 1 FROM audit WHERE actor = ? LIMIT 1", (DEMO_ACTOR,)
            ).fetchone()
        finally:
            connection.close()
    except sqlite3.Error:
        return False
    return row is not None
