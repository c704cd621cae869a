"""``carveout risk``: Monte Carlo forecast of a scenario's plan."""

from __future__ import annotations

from contextlib import nullcontext
from datetime import timedelta
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn
from rich.table import Table

from carveout.cli.app import AsOf, app, between, console, parse_day
from carveout.errors import CarveoutError, NotFound
from carveout.formatting import pounds_exact, uk_date

if TYPE_CHECKING:
    from carveout.risk.forecast import Forecast
    from carveout.risk.joint import JointConfidence


class Engine(StrEnum):
    LOCAL = "local"
    DASK = "dask"


def _percent(p: float | None) -> str:
    return "—" if p is None else f"{p:.0%}"


def print_joint(joint: JointConfidence) -> None:
    """The chance of meeting the date and the budget together, and what each level needs."""
    console.print(
        f"Joint confidence: {joint.p_joint:.0%} chance of finishing by {uk_date(joint.by)} "
        f"({joint.by_basis}) within {pounds_exact(joint.budget)} "
        f"(date alone {joint.p_finish:.0%}, budget alone {joint.p_budget:.0%}).\n"
        f"Budget: {joint.basis}. A run's cost counts {joint.cost_parts}."
    )
    t = Table(title="Joint cost-and-date confidence")
    heads = (
        "Confidence",
        f"Budget needed by {uk_date(joint.by)}",
        f"Date needed within {pounds_exact(joint.budget)}",
        "Earliest date (budget then)",
        "Least budget (date then)",
    )
    for col in heads:
        t.add_column(col, justify="right")
    for lv in joint.levels:
        first = lv.frontier[0] if lv.frontier else None
        last = lv.frontier[-1] if lv.frontier else None
        t.add_row(
            f"{lv.level:.0%}",
            "not reachable" if lv.budget_by_date is None else pounds_exact(lv.budget_by_date),
            "not reachable" if lv.date_for_budget is None else uk_date(lv.date_for_budget),
            "—" if first is None else f"{uk_date(first[0])} ({pounds_exact(first[1])})",
            "—" if last is None else f"{pounds_exact(last[1])} ({uk_date(last[0])})",
        )
    console.print(t)


def print_forecast(forecast: Forecast) -> None:
    """The summary table, tranche chances, drivers and recommended contracts."""
    from carveout.risk.convergence import convergence_sentence

    f = forecast
    summary = Table(
        title=f"Schedule risk: {f.scenario} as of {uk_date(f.as_of)} ({f.runs:,} runs, {f.method})"
    )
    summary.add_column("Measure")
    summary.add_column("Value", justify="right")
    summary.add_row(
        "P50 / P80 / P90 finish",
        f"{uk_date(f.finish.p50)} / {uk_date(f.finish.p80)} / {uk_date(f.finish.p90)}",
    )
    if f.deadline:
        summary.add_row(
            f"Chance of finishing by {uk_date(f.deadline)}", _percent(f.p_meet_deadline)
        )
    c = f.hosting_cost
    summary.add_row(
        "Transitional hosting to go, mean / P80", f"{pounds_exact(c.mean)} / {pounds_exact(c.p80)}"
    )
    summary.add_row("  of which extension step-ups (mean)", pounds_exact(c.step_up_mean))
    if c.extension_mean:
        summary.add_row(
            "  of which extensions exercised by risks (mean)", pounds_exact(c.extension_mean)
        )
    summary.add_row("Running cost to go outside any tranche (mean)", pounds_exact(c.running_mean))
    summary.add_row(
        f"Recommended tranches at {f.confidence:.0%} confidence, total "
        "(each group's hosting or running cost to its end)",
        pounds_exact(f.recommended_cost),
    )
    console.print(summary)
    console.print(convergence_sentence(f.convergence))
    for line in f.in_play:
        console.print(line)
    if f.joint is not None:
        print_joint(f.joint)
    if f.tranches:
        t = Table(title="Tranches: chance every service has left by the end")
        for col in ("Tranche", "Host", "Ends", "Services", "Chance"):
            t.add_column(col)
        for tr in f.tranches:
            t.add_row(tr.code, tr.host, str(tr.end), str(tr.services), _percent(tr.p_leave_by_end))
        console.print(t)
    if f.drivers:
        d = Table(title="Drivers of the finish")
        for col in ("Driver", "Kind", "Rank corr.", "Mean finish when low → high"):
            d.add_column(col)
        for dr in f.drivers:
            low, high = (f.start + timedelta(days=round(x)) for x in (dr.low, dr.high))
            d.add_row(
                dr.name,
                dr.kind,
                f"{dr.rank_correlation:+.2f}",
                f"{uk_date(low)} → {uk_date(high)} ({dr.high - dr.low:+,.0f} days)",
            )
        console.print(d)
    r = Table(title=f"Recommended tranches ({f.confidence:.0%} confidence)")
    for col in ("Host", "From", "Until", "Services", "Monthly", "Cost"):
        r.add_column(col)
    for rec in f.recommended:
        names = ", ".join(rec.services[:6]) + (" …" if len(rec.services) > 6 else "")
        r.add_row(
            rec.host,
            uk_date(rec.start),
            uk_date(rec.until),
            f"{len(rec.services)}: {names}",
            pounds_exact(rec.monthly_charge),
            pounds_exact(rec.cost),
        )
    console.print(r)


@app.command()
def risk(
    scenario: Annotated[str | None, typer.Option(help="Scenario whose plan to test.")] = None,
    as_of: AsOf = None,
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
        typer.Option(min=0.0, help="Stable once the P80 finish moves less than this many days."),
    ] = 1.0,
    cost_tolerance: Annotated[
        float,
        typer.Option(min=0.0, help="Stable once the P80 cost moves less than this percentage."),
    ] = 0.5,
    stop_early: Annotated[
        bool,
        typer.Option(
            "--stop-early/--all-runs", help="Stop once both P80s are stable, or run every run."
        ),
    ] = True,
    by: Annotated[
        str | None,
        typer.Option(help="Date for the joint confidence (default: the deadline), YYYY-MM-DD."),
    ] = None,
    budget: Annotated[
        float | None,
        typer.Option(min=0.0, help="Budget in pounds (default: the plan's cost to go)."),
    ] = None,
    correlation: Annotated[
        float, typer.Option(min=0.0, max=0.99, help="Rank correlation within each team.")
    ] = 0.0,
    out: Annotated[Path | None, typer.Option(help="Folder for the charts.")] = None,
    driver_runs: Annotated[
        int,
        typer.Option(
            min=0,
            help="Runs for the drivers and mitigations, in days and pounds (0: skip them).",
        ),
    ] = 5_000,
) -> None:
    """Simulate a scenario's plan as of a data date and forecast dates, hosting cost and drivers.

    Uses the scenario's latest plan made as of the data date (default: the
    scenario's pinned date, else today).

    Example: carveout risk --scenario tsa-2023 --as-of 2021-10-01 --runs 100000 --out charts
    """
    day = parse_day(as_of)
    joint_by = parse_day(by, "--by")
    from datetime import date

    from carveout.config import get_settings
    from carveout.planning.plan import read_plan
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
        if scenario not in portfolio.scenario_by_code:
            raise NotFound(f"No scenario {scenario!r}. Known scenarios: {', '.join(codes)}.")
        when = portfolio.scenario_by_code[scenario].data_date(day, date.today())
        plan = read_plan(store.latest_result(scenario=scenario, kind="plan", as_of=when))
        if plan is None:
            raise NotFound(
                f"Scenario {scenario!r} has no plan as of {uk_date(when)} yet: run "
                f"`carveout plan --scenario {scenario} --as-of {when.isoformat()}`."
            )
        if plan.fingerprint != portfolio.fingerprint:
            console.print(
                f"[yellow]The plan as of {uk_date(when)} was made before the portfolio last "
                "changed: the forecast follows that plan. Plan again for the current data.[/]"
            )
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
                cost_tolerance=cost_tolerance / 100,
                stop_early=stop_early,
                by=joint_by,
                budget=budget,
                team_correlation=correlation,
                client=client,
                progress=lambda done, _total: bar.update(task, completed=done),
                impact_runs=driver_runs,
            )
        store.save_result(
            scenario=scenario,
            kind="risk",
            payload=forecast.model_dump(mode="json"),
            actor=settings.operator,
            as_of=forecast.as_of,
            fingerprint=forecast.fingerprint,
        )
    finally:
        store.close()
    print_forecast(forecast)
    if forecast.impacts is not None:
        from carveout.cli.risk_impacts import print_impacts

        print_impacts(forecast.impacts)
    folder = out or settings.output_dir / "risk" / scenario
    written = save_charts(forecast, folder)
    console.print(f"Charts: {', '.join(str(p) for p in written)}")
