"""The governance pack (board report as HTML and PDF) and the plan workbook.

>>> files = write_report(store=store, scenario="extended", formats=("html", "pdf"), out=Path("out"))
>>> write_plan_workbook(path=Path("plan.xlsx"), inputs=gather_inputs(store=store, ...))
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from carveout.lazy import lazy_exports

if TYPE_CHECKING:
    from carveout.reports.build import ReportFiles, write_report
    from carveout.reports.contents import Pack
    from carveout.reports.inputs import Inputs, gather_inputs
    from carveout.reports.pack import build_pack
    from carveout.reports.plan_workbook import write_plan_workbook

_EXPORTS: dict[str, str] = {
    "ReportFiles": "carveout.reports.build",
    "write_report": "carveout.reports.build",
    "Pack": "carveout.reports.contents",
    "Inputs": "carveout.reports.inputs",
    "gather_inputs": "carveout.reports.inputs",
    "build_pack": "carveout.reports.pack",
    "write_plan_workbook": "carveout.reports.plan_workbook",
}
"""Where each public name lives (see :mod:`carveout.lazy`)."""

__all__ = [
    "Inputs",
    "Pack",
    "ReportFiles",
    "build_pack",
    "gather_inputs",
    "write_plan_workbook",
    "write_report",
]


__getattr__ = lazy_exports(__name__, _EXPORTS)
