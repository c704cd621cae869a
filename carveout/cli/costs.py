"""``carveout costs``: fair cost allocation, the subsidy test, fair-share ledger, settlements."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from carveout.cli.app import app, between, console
from carveout.formatting import pounds as money

if TYPE_CHECKING:
    from carveout.costs.report import CostReport, PoolCosts

RESULT_SCENARIO = "portfolio"
"""Cost reports describe the portfolio as it stands, not a planning scenario."""


class MethodChoice(StrEnum):
    ALL = "all"
    RATIO = "ratio"
    DRIVER = "driver"
    SHAPLEY = "shapley"
    NUCLEOLUS = "nucleolus"


def _comparison(pool: PoolCosts) -> Table:
    year = f" — {pool.year}" if pool.year else ""
    table = Table(title=f"{pool.name}{year}: {money(pool.annual_cost)} a year")
    table.add_column("party")
    for allocation in pool.allocations:
        table.add_column(allocation.label, justify="right")
    table.add_column("stand-alone", justify="right")
    table.add_column("incremental", justify="right")
    for i, party in enumerate(pool.players):
        cells = []
        for allocation in pool.allocations:
            share = allocation.shares[i]
            spread = f" ±{money(share.half_width)}" if share.half_width else ""
            cells.append(f"{money(share.amount)}{spread} ({share.fraction:.0%})")
        name = pool.allocations[0].shares[i].name if pool.allocations else party
        table.add_row(name, *cells, money(pool.stand_alone[party]), money(pool.incremental[party]))
    return table


def _signed(amount: float | None) -> str:
    """ "receiving £1.2m" / "paying £1.2m" / "nothing"."""
    if amount is None:
        return "—"
    if abs(amount) < 0.5:
        return "nothing"
    return f"{'receiving' if amount > 0 else 'paying'} {money(abs(amount))}"


def _fairness(pool: PoolCosts) -> Table:
    year = f", {pool.year}" if pool.year else ""
    table = Table(title=f"Fair share ({pool.standard}) and subsidy-free range{year}")
    for column in ("party", "fair share", "least subsidy-free", "greatest subsidy-free"):
        table.add_column(column, justify="left" if column == "party" else "right")
    for f in pool.fairness:
        table.add_row(f.name, money(f.fair), money(f.least), money(f.greatest))
    return table


def _gaps(pool: PoolCosts) -> Table:
    table = Table(title=f"Gap to the fair share, {pool.ledger_span}")
    for column in ("party", "paid", f"fair share ({pool.standard})", "gap"):
        table.add_column(column, justify="left" if column == "party" else "right")
    table.add_column("defensible settlement of the gap", justify="right")
    for g in pool.gaps:
        defensible = (
            "—"
            if g.settle_low is None
            else f"from {_signed(g.settle_low)} to {_signed(g.settle_high)}"
        )
        table.add_row(g.name, money(g.paid), money(g.fair), money(g.gap), defensible)
    return table


def _print_pool(pool: PoolCosts) -> None:
    console.print(_comparison(pool))
    console.print(_fairness(pool))
    if pool.core_empty:
        console.print(
            f"[bold red]The core is empty:[/] no charging is subsidy-free, so there is no "
            f"subsidy-free range; at best some coalition pays {money(pool.least_core or 0.0)} "
            "a year above going alone."
        )
    for allocation in pool.allocations:
        if allocation.subsidy_free:
            console.print(f"[green]✓[/] {allocation.label} is subsidy-free.")
            continue
        more = allocation.findings_total - len(allocation.findings[:3])
        console.print(f"[yellow]![/] {allocation.label}:")
        for finding in allocation.findings[:3]:
            console.print(f"    {finding.sentence}.")
        if more > 0:
            console.print(f"    … and {more} more coalition(s).")
    if pool.gaps:
        console.print(_gaps(pool))
        for gap in pool.gaps:
            console.print(f"    {gap.sentence}.")
    if pool.settlement is not None:
        console.print("[bold]Exit settlement[/]")
        for sentence in pool.settlement.sentences:
            console.print(f"    {sentence}.")
    if pool.notes:
        console.print("[dim]Notes and assumptions:[/]")
        for note in pool.notes:
            console.print(f"[dim]    {note}.[/]")
    console.print()


def save_charts(report: CostReport, directory: Path) -> list[Path]:
    """Write the comparison (SVG and PNG) and ledger (SVG) charts to ``directory``."""
    import vl_convert as vlc

    from carveout.costs.charts import comparison_chart, ledger_chart

    directory.mkdir(parents=True, exist_ok=True)
    comparison = comparison_chart(report).to_json()
    written = [directory / "costs.svg", directory / "costs.png"]
    written[0].write_text(vlc.vegalite_to_svg(comparison), encoding="utf-8")
    written[1].write_bytes(vlc.vegalite_to_png(comparison, scale=2))
    if any(pool.ledger for pool in report.pools):
        ledger = directory / "costs-ledger.svg"
        ledger.write_text(vlc.vegalite_to_svg(ledger_chart(report).to_json()), encoding="utf-8")
        written.append(ledger)
    return written


@app.command()
def costs(
    method: Annotated[
        MethodChoice, typer.Option("--method", "-m", help="Allocation method to show.")
    ] = MethodChoice.ALL,
    year: Annotated[
        int | None,
        typer.Option(
            min=1900, max=2200, help="Year of the pools' annual costs (latest by default)."
        ),
    ] = None,
    out: Annotated[
        Path | None, typer.Option(help="Folder for the charts (default: the output folder).")
    ] = None,
    exponent: Annotated[
        float,
        typer.Option(
            help="Economies of scale of variable costs (1 = none, 0.8 = strong).",
            callback=between(0, float("inf"), example=0.8),
        ),
    ] = 1.0,
    driver: Annotated[
        str | None, typer.Option(help="Party driver for the driver method (default: usage).")
    ] = None,
) -> None:
    """Who really paid for whom: allocations side by side, the subsidy test, the ledger.

    Compares each cost pool's current charging basis with allocation by usage,
    the Shapley value and the nucleolus; tests every coalition for subsidy
    (Faulhaber) and gives each party's subsidy-free range; sets what each party
    paid over the years against its fair share; and, where a party leaves a
    pool, the exit settlement and the range of defensible settlements. The
    report is saved as the latest "costs" result and charts go to --out.

    Example: carveout costs --method all --year 2019 --out carveout-output
    """
    from carveout.config import get_settings
    from carveout.costs.methods import Method
    from carveout.costs.report import cost_report
    from carveout.storage import open_store

    settings = get_settings()
    chosen = list(Method) if method is MethodChoice.ALL else [Method(method.value)]
    fair = Method(method.value) if method.value in ("driver", "nucleolus") else Method.SHAPLEY
    with open_store() as store:
        portfolio = store.load()
        with console.status("Allocating costs…"):
            report = cost_report(
                portfolio=portfolio,
                methods=chosen,
                fair_method=fair,
                year=year,
                exponent=exponent,
                driver=driver,
            )
        result = store.save_result(
            scenario=RESULT_SCENARIO,
            kind="costs",
            payload=report.model_dump(mode="json"),
            actor=settings.operator,
            fingerprint=portfolio.fingerprint,
        )
    for pool in report.pools:
        _print_pool(pool)
    written = save_charts(report, out or settings.output_dir)
    console.print(f"Saved as result {result}; charts: {', '.join(str(p) for p in written)}")
