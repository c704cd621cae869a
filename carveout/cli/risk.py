"""``carveout risk``: Monte Carlo forecast of a scenario's plan."""

from __future__ import annotations

from contextlib import nullcontext
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn
from rich.table import Table

from carveout.cli.app import app, between, console
from carveout.errors import CarveoutError, NotFound
from carveout.formatting import pounds_exact

if TYPE_CHECKING:
    from carveout.risk.forecast import Forecast


class Engine(StrEnum):
    LOCAL = "local"
    DASK = "dask"


def _percent(p: float | None) -> str:
    return "—" if p is None else f"{p:.0%}"


def print_forecast(forecast: Forecast) -> None:
    """The summary table, tranche chances, drivers and recommended contracts."""
    f = forecast
    summary = Table(title=f"Schedule risk: {f.scenario} ({f.runs:,} runs, {f.method})")
    summary.add_column("Measure")
    summary.add_column("Value", justify="right")
    summary.add_row("P50 / P80 / P90 finish", f"{f.finish.p50} / {f.finish.p80} / {f.finish.p90}")
    if f.deadline:
        summary.add_row(f"Chance of finishing by {f.deadline}", _percent(f.p_meet_deadline))
    c = f.hosting_cost
    summary.add_row("Hosting cost mean / P80", f"{pounds_exact(c.mean)} / {pounds_exact(c.p80)}")
    summary.add_row("…of which extension step-ups (mean)", pounds_exact(c.step_up_mean))
    summary.add_row(
        f"Recommended contracts at {f.confidence:.0%} confidence",
        pounds_exact(f.recommended_cost),
    )
    conv = f.convergence
    summary.add_row("P80 converged", "yes" if conv.converged else f"no ({conv.batches} batches)")
    console.print(summary)
    if f.tranches:
        t = Table(title="Tranches: chance every service has left by the end")
        for col in ("Tranche", "Host", "Ends", "Services", "Chance"):
            t.add_column(col)
        for tr in f.tranches:
            t.add_row(tr.code, tr.host, str(tr.end), str(tr.services), _percent(tr.p_leave_by_end))
        console.print(t)
    if f.drivers:
        d = Table(title="Drivers of the finish")
        for col in ("Driver", "Kind", "Rank corr.", "Finish low → high (days)"):
            d.add_column(col)
        for dr in f.drivers:
            d.add_row(
                dr.name, dr.kind, f"{dr.rank_correlation:+.2f}", f"{dr.low:,.0f} → {dr.high:,.0f}"
            )
        console.print(d)
    r = Table(title=f"Recommended tranches ({f.confidence:.0%} confidence)")
    for col in ("Host", "Until", "Services", "Monthly", "Cost"):
        r.add_column(col)
    for rec in f.recommended:
        names = ", ".join(rec.services[:6]) + (" …" if len(rec.services) > 6 else "")
        r.add_row(
            rec.host,
            str(rec.until),
            f"{len(rec.services)}: {names}",
            pounds_exact(rec.monthly_charge),
            pounds_exact(rec.cost),
        )
    console.print(r)


@app.command()
def risk(
    scenario: Annotated[
        str | None, typer.Option(help="Scenario whose latest plan to test.")
    ] = None,
    runs: Annotated[int, typer.Option(min=100, help="Simulated projects.")] = 10_000,
    confidence: Annotated[
        float,
        typer.Option(
            help="Confidence for recommended tranches (between 0 and 1).",
            callback=between(0, 1, example=0.8),
        ),
    ] = 0.8,
    engine: Annotated[Engine, typer.Option(help="Run batches locally or on Dask.")] = Engine.LOCAL,
    scheduler: Annotated[
        str | None, typer.Option(help="Dask scheduler address (default: a local cluster).")
    ] = None,
    seed: Annotated[int, typer.Option(min=0, help="Random seed; same seed, same forecast.")] = 0,
    tolerance: Annotated[
        float,
        typer.Option(min=0.0, help="Stop early once the P80 finish moves ≤ this many days."),
    ] = 0.0,
    correlation: Annotated[
        float, typer.Option(min=0.0, max=0.99, help="Rank correlation within each team.")
    ] = 0.0,
    out: Annotated[Path | None, typer.Option(help="Folder for the charts.")] = None,
) -> None:
    """Simulate the latest plan of a scenario and forecast dates, hosting cost and drivers.

    Example: carveout risk --scenario extended --runs 100000 --confidence 0.8 --out charts
    """
    from carveout.config import get_settings
    from carveout.planning.plan import Plan
    from carveout.risk.charts import save_charts
    from carveout.risk.run import dask_client, run_risk
    from carveout.storage import open_store

    settings = get_settings()
    store = open_store(settings.database_url)
    try:
        portfolio = store.load()
        codes = sorted(portfolio.scenario_by_code)
        if scenario is None:
            if len(codes) != 1:
                raise CarveoutError(
                    f"Name the scenario with --scenario: one of {', '.join(codes)}."
                )
            scenario = codes[0]
        payload = store.latest_result(scenario=scenario, kind="plan")
        if payload is None:
            raise NotFound(
                f"Scenario {scenario!r} has no plan yet: run `carveout plan --scenario {scenario}`."
            )
        plan = Plan.model_validate(payload)
        context: Any = dask_client(scheduler) if engine is Engine.DASK else nullcontext()
        columns = (
            *Progress.get_default_columns()[:1],
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
        )
        with context as client, Progress(*columns, console=console, transient=True) as bar:
            task = bar.add_task("Simulating", total=runs)
            forecast = run_risk(
                portfolio=portfolio,
                plan=plan,
                runs=runs,
                seed=seed,
                confidence=confidence,
                tolerance=tolerance,
                team_correlation=correlation,
                client=client,
                progress=lambda done, _total: bar.update(task, completed=done),
            )
        store.save_result(
            scenario=scenario,
            kind="risk",
            payload=forecast.model_dump(mode="json"),
            actor=settings.operator,
        )
    finally:
        store.close()
    print_forecast(forecast)
    folder = out or settings.output_dir / "risk" / scenario
    written = save_charts(forecast, folder)
    console.print(f"Charts: {', '.join(str(p) for p in written)}")
