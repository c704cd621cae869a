"""The pack's appendix on trade-offs: the latest sweep made as of the pack's data date.

What a board reads: the recommended point, the frontier of cost against exit
date (chart and table), what a month later is worth and what one more person
in each team is worth. Built from the stored sweep (:mod:`carveout.planning.sweep_result`).
"""

from __future__ import annotations

import base64
from datetime import date, datetime

from markupsafe import Markup
from pydantic import BaseModel, ConfigDict

from carveout.planning.sweep_frontier import DeadlineValue, MonthValue, PersonValue
from carveout.planning.sweep_result import Sweep


class _Part(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class FrontierLine(_Part):
    """One efficient cell as the appendix lists it."""

    exit: date
    cost: float
    deadline: date
    people: str
    extensions: str
    mitigations: bool
    recommended: bool


class FrontierPoint(_Part):
    """One costed cell for the chart."""

    exit: date
    cost: float
    kind: str
    efficient: bool
    cell: str


class TradeOffs(_Part):
    """The appendix: the sweep's recommendation, frontier and marginal values."""

    created: datetime
    stale: bool
    cells: int
    feasible: int
    basis: str
    person_month_cost: float
    recommendation: str
    frontier: tuple[FrontierLine, ...]
    points: tuple[FrontierPoint, ...]
    months: tuple[MonthValue, ...]
    persons: tuple[PersonValue, ...]
    by_deadline: tuple[DeadlineValue, ...] = ()


def trade_offs(sweep: Sweep | None, *, fingerprint: str) -> TradeOffs | None:
    """The appendix of ``sweep`` (None without one); stale when the portfolio has changed."""
    if sweep is None:
        return None
    from carveout.reports.frontier_chart import frontier_rows

    return TradeOffs(
        created=sweep.created,
        stale=sweep.fingerprint != fingerprint,
        cells=len(sweep.cells),
        feasible=sum(c.feasible for c in sweep.cells),
        basis=sweep.basis,
        person_month_cost=sweep.settings.person_month_cost,
        recommendation=sweep.recommendation,
        frontier=tuple(
            FrontierLine(
                exit=c.exit,
                cost=c.cost,
                deadline=c.deadline,
                people=", ".join(f"{t} +{n}" for t, n in c.extra if n) or "none",
                extensions=c.extensions,
                mitigations=c.mitigations,
                recommended=c.key == sweep.recommended,
            )
            for c in sweep.on_frontier
            if c.exit is not None and c.cost is not None
        ),
        points=tuple(FrontierPoint.model_validate(r) for r in frontier_rows(sweep)),
        months=sweep.months,
        persons=sweep.persons,
        by_deadline=sweep.by_deadline,
    )


def frontier_svg(appendix: TradeOffs) -> Markup:
    """The frontier chart as an inline SVG image, sized to the printed page."""
    from carveout.reports.charts import WIDTH, to_svg
    from carveout.reports.frontier_chart import frontier_chart

    rows = [p.model_dump(mode="json") for p in appendix.points]
    chart = frontier_chart(rows, width=WIDTH - 160)
    data = base64.b64encode(to_svg(chart).encode("utf-8")).decode("ascii")
    return Markup('<img alt="{}" src="data:image/svg+xml;base64,{}">').format(
        "Cost to go against exit date", data
    )
