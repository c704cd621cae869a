"""``carveout show`` and ``carveout impact``: the portfolio summarised and a service's reach."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from carveout.cli.app import AsOf, app, console, parse_day
from carveout.errors import CarveoutError
from carveout.formatting import pounds, pounds_exact

if TYPE_CHECKING:
    from carveout.portfolio.impact import Impact
    from carveout.portfolio.summary import AgreementLine, Summary


@app.command()
def show(as_of: AsOf = None) -> None:
    """Summarise the portfolio: parties, services by host and fate, agreements, clusters.

    Days to expiry of agreements and tranches count from --as-of (default today).

    Example: carveout show --as-of 2021-10-01
    """
    day = parse_day(as_of) or date.today()
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
