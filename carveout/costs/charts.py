"""Charts of a cost report (Vega-Lite specifications built with Altair)."""

from __future__ import annotations

from typing import Any

import altair as alt

from carveout.costs.report import CostReport


def _data(rows: list[dict[str, Any]]) -> alt.Data:
    data: alt.Data = alt.Data(values=rows)  # type: ignore[no-untyped-call]
    return data


def report_standard(report: CostReport) -> str:
    """The standard fair shares are measured by, as the titles name it."""
    return report.pools[0].standard if report.pools else "Shapley"


def comparison_chart(report: CostReport) -> alt.Chart:
    """Each party's annual charge under each method, summed over the pools."""
    rows: list[dict[str, Any]] = [
        {
            "party": share.name,
            "method": "Current basis" if allocation.method == "ratio" else allocation.label,
            "pounds": share.amount,
            "pool": pool.name,
        }
        for pool in report.pools
        for allocation in pool.allocations
        for share in allocation.shares
    ]
    year = f" ({report.year})" if report.year else ""
    chart: alt.Chart = (
        alt.Chart(_data(rows), title=f"Annual charge by allocation method{year}")
        .mark_bar()
        .encode(
            x=alt.X("party:N", title=None, axis=alt.Axis(labelAngle=0)),
            xOffset=alt.XOffset("method:N"),
            y=alt.Y("sum(pounds):Q", title="£ a year", axis=alt.Axis(format="~s")),
            color=alt.Color("method:N", title="Method"),
            tooltip=["party:N", "method:N", "pool:N", alt.Tooltip("sum(pounds):Q", format=",.0f")],
        )
        .properties(width=480, height=260)
    )
    return chart


def ledger_chart(report: CostReport) -> alt.Chart:
    """Each party's running gap to its fair share, per pool: above zero it paid more."""
    rows: list[dict[str, Any]] = [
        {
            "year": row.year,
            "party": pool.names.get(row.party, row.party),
            "pool": pool.name,
            "cumulative": row.cumulative,
        }
        for pool in report.pools
        for row in pool.ledger
    ]
    chart: alt.Chart = (
        alt.Chart(_data(rows), title=f"Running gap to the {report_standard(report)} fair share")
        .mark_line(point=True)
        .encode(
            x=alt.X("year:O", title=None),
            y=alt.Y(
                "cumulative:Q",
                title="£ paid above (+) / below (−) fair share",
                axis=alt.Axis(format="~s"),
            ),
            color=alt.Color("party:N", title="Party"),
            strokeDash=alt.StrokeDash("pool:N", title="Pool"),
        )
        .properties(width=480, height=220)
    )
    return chart
