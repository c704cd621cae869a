"""The pack's drivers chart: the drivers ranked by the days each adds to the P80 finish."""

from __future__ import annotations

import json

import vl_convert as vlc

from carveout.reports.charts import FONT, WIDTH
from carveout.reports.risk_impacts import ImpactsSection


def impacts_svg(section: ImpactsSection) -> str:
    """The drivers ranked by the days each adds to the P80 finish, as SVG."""
    rows = [
        {"driver": f"{d.name} {d.title}".strip()[:44], "days": round(d.days, 1), "kind": d.kind}
        for d in section.drivers
    ]
    spec = {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "title": "What drives the P80 finish: days each risk or estimate adds",
        "width": WIDTH - 200,
        "height": max(60, 18 * len(rows)),
        "data": {"values": rows},
        "mark": "bar",
        "encoding": {
            "y": {"field": "driver", "type": "nominal", "sort": None, "title": None},
            "x": {"field": "days", "type": "quantitative", "title": "Days"},
            "color": {"field": "kind", "type": "nominal", "title": None},
        },
        "config": {
            "font": FONT,
            "title": {"fontSize": 13, "anchor": "start"},
            "axis": {"labelFontSize": 10, "titleFontSize": 11, "labelLimit": 260},
            "legend": {"orient": "bottom", "labelFontSize": 10},
            "view": {"stroke": None},
        },
    }
    svg: str = vlc.vegalite_to_svg(json.dumps(spec))
    return svg
