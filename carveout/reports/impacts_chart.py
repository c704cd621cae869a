"""The pack's drivers chart: the drivers ranked by the days each adds to the P80 finish."""

from __future__ import annotations

import json

import vl_convert as vlc

from carveout.reports.charts import FONT, WIDTH
from carveout.reports.risk_impacts import ImpactsSection
from carveout.risk.drivers import DriverImpact
from carveout.risk.impacts_chart import drivers_spec


def impacts_svg(section: ImpactsSection) -> str:
    """The section's drivers ranked by the days each adds to the P80 finish, as SVG."""
    drivers = tuple(
        DriverImpact(name=d.name, kind=d.kind, title=d.title, days=d.days, cost=d.cost)
        for d in section.drivers
    )
    spec = drivers_spec(drivers, width=WIDTH - 200, top=len(drivers))
    spec["config"] = {
        "font": FONT,
        "title": {"fontSize": 13, "anchor": "start"},
        "axis": {"labelFontSize": 10, "titleFontSize": 11, "labelLimit": 260},
        "legend": {"orient": "bottom", "labelFontSize": 10},
        "view": {"stroke": None},
    }
    svg: str = vlc.vegalite_to_svg(json.dumps(spec))
    return svg
