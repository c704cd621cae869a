"""The drivers and mitigations charts as Vega-Lite: one ranked bar a driver or a mitigation.

Shared by ``carveout risk --out`` and the governance pack, so both draw the same bars.
"""

from __future__ import annotations

from typing import Any

from carveout.risk.drivers import DriverImpact, top_drivers
from carveout.risk.impacts import RiskImpacts

TOP = 12
LABEL = 44
"""Characters of a driver's name and title shown on its bar."""

Spec = dict[str, Any]


def _bars(rows: list[dict[str, Any]], *, y: str, x_title: str, width: int, title: str) -> Spec:
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "title": title,
        "width": width,
        "height": max(60, 18 * len(rows)),
        "data": {"values": rows},
        "mark": "bar",
        "encoding": {
            "y": {"field": y, "type": "nominal", "sort": None, "title": None},
            "x": {"field": "days", "type": "quantitative", "title": x_title},
            "color": {"field": "kind", "type": "nominal", "title": None},
        },
        "config": {"axis": {"labelLimit": 260}, "legend": {"orient": "bottom"}},
    }


def driver_rows(drivers: tuple[DriverImpact, ...], top: int = TOP) -> list[dict[str, Any]]:
    """The top drivers as chart rows, ranked."""
    return [
        {
            "driver": f"{d.name} {d.title}".strip()[:LABEL],
            "days": round(d.days, 1),
            "pounds": None if d.cost is None else round(d.cost),
            "kind": d.kind,
        }
        for d in top_drivers(drivers, top)
    ]


def drivers_spec(drivers: tuple[DriverImpact, ...], *, width: int = 480, top: int = TOP) -> Spec:
    """Drivers ranked by the days each adds to the P80 finish."""
    return _bars(
        driver_rows(drivers, top),
        y="driver",
        x_title="Days added to the P80 finish",
        width=width,
        title="What drives the P80 finish: days each risk or estimate adds",
    )


def mitigations_spec(impacts: RiskImpacts, *, width: int = 480) -> Spec:
    """Days each mitigation, and all of them, brings the P80 finish forward."""
    every = (impacts.all_mitigations,) if impacts.all_mitigations else ()
    rows = [
        {
            "mitigation": "All mitigations" if m.code == "all" else f"{m.code} {m.title}"[:LABEL],
            "days": round(m.days_earlier, 1),
            "kind": "all" if m.code == "all" else "one",
        }
        for m in (*impacts.mitigations, *every)
    ]
    return _bars(
        rows,
        y="mitigation",
        x_title="Days brought forward",
        width=width,
        title="What each mitigation buys: days the P80 finish comes forward",
    )
