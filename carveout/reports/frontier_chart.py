"""The sweep's frontier as a chart: every costed cell by exit date and cost to go.

One Altair chart serves the dashboard (drawn in the browser) and the pack
(rendered to SVG): the efficient cells joined by a line, the others as grey
dots, the recommended one as a red diamond.
"""

from __future__ import annotations

from typing import Any

import altair as alt

from carveout.planning.sweep_result import Sweep, describe

KINDS = ("On the frontier", "Recommended", "Other cells")
COLOURS = ("#4c78a8", "#c0392b", "#b0b0b0")


def frontier_rows(sweep: Sweep) -> list[dict[str, Any]]:
    """One row per cell with a plan: its exit date, cost and whether it is efficient."""
    rows = []
    for c in sweep.cells:
        if c.exit is None or c.cost is None:
            continue
        kind = (
            KINDS[1]
            if c.key == sweep.recommended
            else KINDS[0]
            if c.key in sweep.frontier
            else KINDS[2]
        )
        rows.append(
            {
                "exit": c.exit.isoformat(),
                "cost": round(c.cost),
                "kind": kind,
                "efficient": c.key in sweep.frontier,
                "cell": describe(c),
            }
        )
    return rows


def frontier_chart(
    rows: list[dict[str, Any]] | alt.NamedData, *, width: Any = "container"
) -> alt.TopLevelMixin:
    """Cost to go against exit date, the frontier drawn through its cells."""
    # Altair ships no type information for its data classes: keep them as Any.
    data: Any = rows if isinstance(rows, alt.NamedData) else alt.Data(values=rows)  # type: ignore[no-untyped-call]
    base = alt.Chart(data).encode(
        x=alt.X("exit:T", title="Exit date"),
        y=alt.Y("cost:Q", title="Cost to go (£)", scale=alt.Scale(zero=False)),
    )
    line = base.transform_filter("datum.efficient").mark_line(color=COLOURS[0])
    dots = base.mark_point(filled=True, size=70).encode(
        color=alt.Color(
            "kind:N", title="Cell", scale=alt.Scale(domain=list(KINDS), range=list(COLOURS))
        ),
        shape=alt.Shape(
            "kind:N", scale=alt.Scale(domain=list(KINDS), range=["circle", "diamond", "circle"])
        ),
        tooltip=[
            "cell:N",
            alt.Tooltip("exit:T", format="%d %b %Y"),
            alt.Tooltip("cost:Q", format=",.0f"),
        ],
    )
    chart: alt.TopLevelMixin = alt.layer(line, dots).properties(width=width, height=260)
    return chart
