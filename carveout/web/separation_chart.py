"""The stacked monthly chart of the four kinds of separation cost, one per party."""

from __future__ import annotations

from functools import lru_cache

import altair as alt

from carveout.costs.separation_cost import KIND_LABELS
from carveout.web.charts import WIDTH, Rows, Spec, attach


@lru_cache(maxsize=1)
def separation_template() -> Spec:
    kinds = list(KIND_LABELS.values())
    chart = (
        alt.Chart(alt.NamedData(name="rows"))
        .mark_bar()
        .encode(
            x=alt.X("month:T", title="Month"),
            y=alt.Y("sum(amount):Q", title="Cost (£)", axis=alt.Axis(format=",.0f")),
            color=alt.Color("kind:N", title="Kind", scale=alt.Scale(domain=kinds)),
            opacity=alt.Opacity("basis:N", title="Basis", scale=alt.Scale(range=[1.0, 0.55])),
            tooltip=[
                "kind:N",
                "basis:N",
                alt.Tooltip("month:T", format="%b %Y"),
                alt.Tooltip("sum(amount):Q", format=",.0f"),
            ],
        )
        .properties(width=WIDTH, height=200)
    )
    spec: Spec = chart.to_dict(validate=False)
    return spec


def separation_chart(rows: Rows) -> Spec:
    """Rows of ``month``, ``kind`` (its label), ``basis`` and ``amount``, stacked by kind."""
    return attach(separation_template(), rows=rows)
