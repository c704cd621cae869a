"""``carveout show``, ``carveout impact`` and ``carveout demo``."""

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
from rich.table import Table

from carveout.cli.app import app, between, console
from carveout.errors import CarveoutError
from carveout.formatting import pounds, pounds_exact

if TYPE_CHECKING:
    from carveout.domain import Portfolio
    from carveout.portfolio.impact import Impact
    from carveout.portfolio.summary import AgreementLine, Summary
    from carveout.storage import Store

DEMO_ACTOR = "carveout demo"
"""The audit trail's actor for the demo load; it also marks a database as a demo one."""

AsOf = Annotated[
    str | None,
    typer.Option("--as-of", metavar="DATE", help="Count days to expiry from DATE (YYYY-MM-DD)."),
]


def _as_of(value: str | None) -> date:
    if value is None:
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CarveoutError(
            f"--as-of {value!r} is not a date; write it as YYYY-MM-DD, e.g. 2021-10-01."
        ) from None


@app.command()
def show(as_of: AsOf = None) -> None:
    """Summarise the portfolio: parties, services by host and fate, agreements, clusters.

    Days to expiry of agreements and tranches count from --as-of (default today).

    Example: carveout show --as-of 2021-10-01
    """
    day = _as_of(as_of)
    from carveout.portfolio.summary import summarise
    from carveout.storage import open_store

    with open_store() as store:
        portfolio = store.load()
    if not portfolio.services and not portfolio.parties:
        raise CarveoutError(
            "The portfolio is empty. Load one with `carveout import FILE` "
            "or try the demonstration with `carveout demo`."
        )
    print_summary(summarise(portfolio=portfolio, as_of=day))


@app.command()
def impact(
    service: Annotated[str, typer.Argument(help="The code (or name) of the service that moves.")],
) -> None:
    """Show what else is affected if SERVICE moves, through which dependencies,
    and what bridging the bridgeable links would cost.

    Example: carveout impact RMS
    """
    from carveout.portfolio.impact import impact_of
    from carveout.storage import open_store

    with open_store() as store:
        portfolio = store.load()
    print_impact(impact_of(portfolio=portfolio, service=service))


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
    from carveout.portfolio.summary import summarise

    print_summary(summarise(portfolio=run.opened.load(), as_of=run.as_of))


DEMO_STEPS: list[DemoStep] = [
    ("Create a fresh database", _fresh_database),
    ("Load the demonstration portfolio", _load_portfolio),
    ("Summarise the portfolio", _summarise),
]
"""The demo, step by step; each step is a title and a function of the shared run."""


DEMO_AS_OF = date(2021, 10, 1)
"""The demo's default status date: the day the transitional hosting agreement began."""


def engine_steps(*, time_limit: float, runs: int) -> list[DemoStep]:
    """The demo's steps after loading: plan, forecast, allocate and report.

    Each calls the same function as its command, so the demo shows exactly what
    ``carveout plan``, ``risk``, ``costs`` and ``report`` print. Imported here,
    not at the top, because the engines take seconds to import.
    """
    from carveout.cli.costs import costs
    from carveout.cli.planning import plan
    from carveout.cli.reports import write_demo_report
    from carveout.cli.risk import risk
    from carveout.config import get_settings

    output = get_settings().output_dir

    def plan_original(run: DemoRun) -> None:
        plan(scenario="original", time_limit=time_limit)

    def plan_tsa(run: DemoRun) -> None:
        plan(scenario="tsa-2022", time_limit=time_limit)

    def forecast(run: DemoRun) -> None:
        risk(scenario="tsa-2022", runs=runs, out=output)

    def allocate(run: DemoRun) -> None:
        costs(out=output)

    return [
        ("Plan the original exit: every service out by 31 Oct 2019", plan_original),
        ("Plan with transitional hosting to 31 Mar 2022", plan_tsa),
        ("Forecast the risk of the 2022 plan", forecast),
        ("Allocate the alliance's costs and test for subsidy", allocate),
        ("Write the board report", write_demo_report),
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
            help="Seconds of search per plan.", callback=between(0, float("inf"), example=20)
        ),
    ] = 20.0,
    runs: Annotated[int, typer.Option(min=100, help="Simulated projects for the risk.")] = 20_000,
) -> None:
    """Load the bundled demonstration portfolio and run every engine on it.

    The portfolio is synthetic, shaped on the public record of a police alliance's
    separation (see docs/concepts.md). The demo plans the original 2019 exit
    (no plan fits, and it says why), plans with transitional hosting to 2022,
    forecasts its risk, allocates the costs and writes the board report, as of
    1 Oct 2021 unless --as-of says otherwise.

    Example: carveout demo --database demo.db
    """
    from carveout.config import get_settings

    run = DemoRun(database=database, as_of=_as_of(as_of) if as_of else DEMO_AS_OF)
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
        "(then http://127.0.0.1:8000). Try also: "
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


def print_summary(summary: Summary) -> None:
    """The summary as Rich tables."""
    console.print(_parties_table(summary))
    console.print(_hosting_table(summary))
    console.print(_agreements_table(summary))
    console.print(_clusters_table(summary))
    done = ", ".join(f"{n} {status.replace('_', ' ')}" for status, n in summary.migrations.items())
    console.print(f"Migrations: {done or 'none recorded'}.")


def _number(value: float) -> str:
    return f"{value:,.0f}"


def _driver(name: str, value: float) -> str:
    """Large drivers in millions so the table stays narrow (budget in pounds)."""
    if name == "budget":
        return pounds(value)
    return f"{value / 1e6:.3g}m" if value >= 1e6 else f"{value:,.0f}"


def _parties_table(summary: Summary) -> Table:
    drivers = list(dict.fromkeys(d for p in summary.parties for d in p.drivers))
    table = Table(title="Parties")
    table.add_column("Code", no_wrap=True)
    table.add_column("Name")
    table.add_column("Role")
    for name in drivers:
        table.add_column(name.capitalize(), justify="right")
    table.add_column("Hosts", justify="right")
    table.add_column("Uses", justify="right")
    for p in summary.parties:
        values = [_driver(d, p.drivers[d]) if d in p.drivers else "" for d in drivers]
        table.add_row(p.code, p.name, p.role, *values, str(p.hosts), str(p.consumes))
    return table


def _hosting_table(summary: Summary) -> Table:
    dispositions = list(dict.fromkeys(d for h in summary.hosting for d in h.by_disposition))
    table = Table(title=f"Services by host and disposition ({summary.services} services)")
    table.add_column("Host", no_wrap=True)
    for d in dispositions:
        table.add_column(d.replace("_", " "), justify="right")
    table.add_column("Total", justify="right")
    table.add_column("Share", justify="right")
    table.add_column("Goes to")
    for h in summary.hosting:
        goes = ", ".join(f"{party} {n}" for party, n in h.destinations.items())
        table.add_row(
            h.host,
            *(str(h.by_disposition.get(d, "")) for d in dispositions),
            str(h.total),
            f"{summary.host_share(h.host):.0%}",
            goes,
        )
    return table


def _days_left(days: int | None) -> str:
    if days is None:
        return "open-ended"
    if days < 0:
        return f"[dim]ended {-days:,} days ago[/]"
    colour = "red" if days <= 90 else "yellow" if days <= 180 else "green"
    return f"[{colour}]{days:,} days[/]"


def _agreements_table(summary: Summary) -> Table:
    table = Table(title=f"Agreements and tranches (days to expiry as of {summary.as_of:%d %b %Y})")
    table.add_column("Code", no_wrap=True)
    table.add_column("Agreement / tranche")
    table.add_column("Term")
    table.add_column("Days left")
    table.add_column("Services", justify="right")
    table.add_column("Monthly", justify="right")
    for a in summary.agreements:
        parties = f"{a.kind}, {a.provider} → {', '.join(a.recipients)}"
        table.add_row(
            f"[bold]{a.code}[/]",
            f"[bold]{a.name}[/]\n{parties}",
            _term(a),
            _days_left(a.days_left),
            "",
            "",
        )
        for t in a.tranches:
            options = "".join(f"\noption: {option}" for option in t.options)
            table.add_row(
                f"  {t.code}",
                f"  {t.name or 'tranche'}{options}",
                f"{t.start:%d %b %Y} – {t.end:%d %b %Y}",
                _days_left(t.days_left),
                str(t.services) if t.services else "",
                pounds_exact(t.monthly_charge),
            )
    return table


def _term(a: AgreementLine) -> str:
    end = f"{a.end:%d %b %Y}" if a.end else "open-ended"
    notice = f"\nnotice served {a.notice_served:%d %b %Y}" if a.notice_served else ""
    return f"{a.start:%d %b %Y} – {end}{notice}"


def _clusters_table(summary: Summary) -> Table:
    table = Table(title="Clusters that must cut over together")
    table.add_column("#", justify="right")
    table.add_column("Services")
    table.add_column("Host")
    table.add_column("Going to")
    table.add_column("Effort left (person-days)", justify="right")
    for number, c in enumerate(summary.clusters, start=1):
        table.add_row(
            str(number),
            ", ".join(c.services),
            ", ".join(c.hosts),
            ", ".join(c.destinations),
            _number(c.effort_days) if c.effort_days else "done",
        )
    return table


def print_impact(result: Impact) -> None:
    """The impact of moving one service as a Rich table with totals."""
    from carveout.portfolio.impact import Relation

    direct = sum(1 for a in result.affected if a.direct)
    console.print(
        f"If [bold]{result.service}[/] ({result.name}) moves, {len(result.affected)} other "
        f"services are affected: {direct} directly, {len(result.affected) - direct} through others."
    )
    if not result.affected:
        return
    table = Table()
    for column in ("Effect", "Service", "Path", "Through", "Fate"):
        table.add_column(column)
    table.add_column("Bridge", justify="right")
    for a in result.affected:
        bridge = a.relation is Relation.BRIDGE
        table.add_row(
            a.relation.value,
            f"{a.service}\n[dim]{a.name}[/]",
            " › ".join(a.path),
            ", ".join(c.value for c in a.couplings),
            a.disposition.replace("_", " "),
            f"{a.bridge_effort:g} days\n{pounds_exact(a.bridge_cost)}" if bridge else "",
        )
    console.print(table)
    console.print(
        f"Moving it with what must go with or before it: {_number(result.effort_days)} "
        f"person-days of migration work still to do. Bridging the "
        f"{len(result.of(Relation.BRIDGE))} bridgeable links instead of moving those services "
        f"too: {result.bridge_effort:g} person-days and {pounds_exact(result.bridge_cost)}."
    )
