"""The joint confidence chart: runs as (finish, cost) points, the date and budget lines, and
each confidence level's frontier, as a plain Vega-Lite specification."""

from __future__ import annotations

from typing import Any

from carveout.risk.joint import JointConfidence

Spec = dict[str, Any]
SCHEMA = "https://vega.github.io/schema/vega-lite/v6.4.1.json"
LEVEL_COLOURS = ("#9ecae9", "#4c78a8", "#c0392b")


def _x(title: str | None = "Programme finish") -> Spec:
    return {"field": "finish", "type": "temporal", "title": title, "axis": {"format": "%b %Y"}}


def _y(title: str | None = "Cost to go (£)") -> Spec:
    return {"field": "cost", "type": "quantitative", "title": title, "scale": {"zero": False}}


def joint_spec(
    joint: JointConfidence, *, width: int | str = "container", height: int = 260
) -> Spec:
    """Scatter of runs with the chosen date and budget, and the 50/70/80 % frontiers.

    A point below and left of both lines met the date and the budget together;
    a frontier's level of runs lie below and left of each of its points.
    """
    runs = [{"finish": d.isoformat(), "cost": round(c, 2)} for d, c in joint.scatter]
    frontier = [
        {"finish": d.isoformat(), "cost": round(b, 2), "level": f"{lv.level:.0%}"}
        for lv in joint.levels
        for d, b in lv.frontier
    ]
    levels = [f"{lv.level:.0%}" for lv in joint.levels]
    rule = {"type": "rule", "color": "firebrick", "strokeDash": [4, 3]}
    return {
        "$schema": SCHEMA,
        "width": width,
        "height": height,
        "datasets": {
            "runs": runs,
            "frontier": frontier,
            "by": [{"finish": joint.by.isoformat()}],
            "budget": [{"cost": joint.budget}],
        },
        "layer": [
            {
                "data": {"name": "runs"},
                "mark": {"type": "circle", "opacity": 0.35, "size": 12, "color": "#7f8c8d"},
                "encoding": {
                    "x": _x(),
                    "y": {**_y(), "axis": {"format": ".3~s"}},
                    "tooltip": [
                        {"field": "finish", "type": "temporal", "format": "%d %b %Y"},
                        {"field": "cost", "type": "quantitative", "format": ",.0f"},
                    ],
                },
            },
            {
                "data": {"name": "frontier"},
                "mark": {"type": "line", "interpolate": "step-after", "strokeWidth": 2},
                "encoding": {
                    "x": _x(None),
                    "y": _y(None),
                    "color": {
                        "field": "level",
                        "type": "nominal",
                        "title": "Joint confidence",
                        "scale": {"domain": levels, "range": list(LEVEL_COLOURS[: len(levels)])},
                    },
                },
            },
            {"data": {"name": "by"}, "mark": rule, "encoding": {"x": _x(None)}},
            {"data": {"name": "budget"}, "mark": rule, "encoding": {"y": _y(None)}},
        ],
    }
