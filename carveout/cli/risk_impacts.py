"""The drivers and mitigations tables of ``carveout risk``: days and pounds, as of the data date."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.table import Table

from carveout.cli.app import console
from carveout.formatting import pounds, uk_date

if TYPE_CHECKING:
    from carveout.risk.impacts import RiskImpacts
    from carveout.risk.mitigations import MitigationEffect

TOP = 10
"""Drivers listed; the API and the stored forecast keep them all."""


def _days(value: float) -> str:
    return "0" if round(value) == 0 else f"{value:+,.0f}"


def _money(value: float | None) -> str:
    if value is None:
        return "—"
    return ("+" if round(value) > 0 else "") + pounds(value)


def print_drivers(impacts: RiskImpacts) -> None:
    """The drivers that move the P80 finish or cost most, ranked, in days and pounds."""
    from carveout.risk.drivers import top_drivers

    shown = top_drivers(impacts.drivers, TOP)
    t = Table(
        title=(
            f"Drivers as of {uk_date(impacts.as_of)}: what each adds to the P80 finish and "
            f"P80 cost (on the {impacts.runs:,} runs they are measured on: "
            f"{uk_date(impacts.finish_p80)}, {pounds(impacts.cost_p80)})"
        )
    )
    for col, right in (("Driver", False), ("Kind", False), ("Days", True), ("Cost", True)):
        t.add_column(col, justify="right" if right else "left")
    for d in shown:
        name = f"{d.name} {d.title}".strip()
        t.add_row(name, d.kind, _days(d.days), _money(d.cost))
    if not shown:
        t.add_row("No risk or estimate moves either P80", "", "", "")
    console.print(t)
    rest = len(impacts.drivers) - len(shown)
    if rest > 0:
        console.print(f"{rest} more risks and estimates each move the P80s less (see the API).")


def _mitigation_row(t: Table, m: MitigationEffect) -> None:
    per = m.days_per_spend
    t.add_row(
        m.code,
        pounds(m.cost),
        _days(m.days_earlier),
        _money(m.cost_saving),
        "—" if per is None else f"{per:,.1f}",
        f"{uk_date(m.finish_p80_after)} / {pounds(m.cost_p80_after)}",
    )


def print_mitigations(impacts: RiskImpacts) -> None:
    """Each risk before and after its mitigation, what that buys, and all of them at once."""
    from carveout.risk.mitigations import sentence

    if not impacts.mitigations:
        console.print("No open risk has a mitigation recorded.")
        return
    t = Table(
        title=(
            f"Mitigations as of {uk_date(impacts.as_of)}: before, on the same "
            f"{impacts.runs:,} runs, P80 finish {uk_date(impacts.finish_p80)} and P80 cost "
            f"{pounds(impacts.cost_p80)}"
        )
    )
    heads = (
        "Risk",
        "Costs",
        "Days earlier",
        "P80 cost saved",
        "Days per £100k",
        "After: P80 finish / cost",
    )
    for col in heads:
        t.add_column(col, justify="left" if col == "Risk" else "right")
    for m in impacts.mitigations:
        _mitigation_row(t, m)
    if impacts.all_mitigations is not None:
        _mitigation_row(t, impacts.all_mitigations)
    console.print(t)
    for m in impacts.mitigations:
        console.print(f"{m.code} {m.title}: {m.action}. {sentence(m)}")
    if impacts.all_mitigations is not None:
        console.print(sentence(impacts.all_mitigations))


def print_impacts(impacts: RiskImpacts) -> None:
    """Both tables and how they were measured."""
    print_drivers(impacts)
    print_mitigations(impacts)
    console.print(f"[dim]{impacts.runs:,} runs, seed {impacts.seed}. {impacts.method}[/]")
