"""The pack's joint confidence chart: the risk page's chart, sized and styled for the page."""

from __future__ import annotations

import json

import vl_convert as vlc

from carveout.reports.charts import FONT, WIDTH
from carveout.risk.joint import JointConfidence
from carveout.risk.joint_chart import joint_spec


def joint_svg(joint: JointConfidence) -> str:
    """Runs as (finish, cost) with the date, the budget and the 50/70/80 % frontiers, as SVG."""
    spec = joint_spec(joint, width=WIDTH - 150, height=170)
    spec["title"] = "Finishing on time and within budget: runs and joint confidence"
    spec["config"] = {
        "font": FONT,
        "title": {"fontSize": 13, "anchor": "start"},
        "axis": {"labelFontSize": 10, "titleFontSize": 11},
        "legend": {"orient": "right", "labelFontSize": 10, "titleFontSize": 10},
        "view": {"stroke": None},
    }
    svg: str = vlc.vegalite_to_svg(json.dumps(spec))
    return svg
