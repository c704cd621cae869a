"""Vega-Lite specs built with Altair; the browser draws them with the bundled Vega.

Building an Altair chart costs tens of milliseconds, more than a page may
spend, so each chart's spec is built once per shape (cached) with its data
*named*, and each request only attaches its rows under the spec's top-level
``datasets``. Specs are not schema-validated at request time; the tests
validate every template instead.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from functools import lru_cache
from typing import Any

import altair as alt

Rows = Sequence[dict[str, Any]]
Spec = dict[str, Any]
WIDTH = "container"


def _named(name: str) -> alt.NamedData:
    return alt.NamedData(name=name)


def attach(template: Spec, *, height: int | None = None, **datasets: Rows) -> Spec:
    """A copy of ``template`` carrying ``datasets`` (and a height fitted to the rows)."""
    spec = dict(template)
    spec["datasets"] = {name: list(rows) for name, rows in datasets.items()}
    if height is not None:
        spec["height"] = height
    return spec


BURN_SERIES = ("Actual", "Plan", "Baseline", "Forecast P50", "Forecast P80")
"""The burn-down's series, as the governance pack names them (:data:`reports.timeline.SERIES`)."""


@lru_cache(maxsize=1)
def burn_down_template() -> Spec:
    lines = (
        alt.Chart(_named("rows"))
        .mark_line(point=True)
        .encode(
            x=alt.X("day:T", title="Month"),
            y=alt.Y("services:Q", title="Services still hosted"),
            color=alt.Color("series:N", title="Series", scale=alt.Scale(domain=list(BURN_SERIES))),
            strokeDash=alt.StrokeDash("series:N", legend=None),
            tooltip=["series:N", alt.Tooltip("day:T", format="%d %b %Y"), "services:Q"],
        )
    )
    now = alt.Chart(_named("today")).mark_rule(color="#888", strokeDash=[2, 2]).encode(x="today:T")
    spec: Spec = alt.layer(lines, now).properties(width=WIDTH, height=220).to_dict(validate=False)
    return spec


def burn_down(rows: Rows, *, today: date) -> Spec:
    """Services still hosted by series (actual, plan, baseline, forecast), with a rule at the
    data date ``today``."""
    return attach(burn_down_template(), rows=rows, today=[{"today": today.isoformat()}])


@lru_cache(maxsize=1)
def gantt_template() -> Spec:
    chart = (
        alt.Chart(_named("rows"))
        .mark_bar(cornerRadius=2)
        .encode(
            x=alt.X("start:T", title="Date", axis=alt.Axis(orient="top")),
            x2="cutover:T",
            y=alt.Y(
                "service:N",
                sort=alt.EncodingSortField(field="order", order="ascending"),
                title=None,
                axis=alt.Axis(labelLimit=120),
            ),
            color=alt.Color("team:N", title="Team"),
            opacity=alt.condition("datum.frozen", alt.value(0.45), alt.value(1.0)),
            tooltip=[
                "service:N",
                "name:N",
                "team:N",
                "wave:Q",
                alt.Tooltip("start:T", format="%d %b %Y"),
                alt.Tooltip("cutover:T", format="%d %b %Y"),
                "effort_days:Q",
            ],
        )
        .properties(width=WIDTH)
    )
    spec: Spec = chart.to_dict(validate=False)
    return spec


def gantt(rows: Rows) -> Spec:
    """One bar per migration from start to cut-over, in the rows' order, coloured by team."""
    ordered = [{**r, "order": i} for i, r in enumerate(rows)]
    return attach(gantt_template(), height=max(120, 13 * len(ordered)), rows=ordered)


@lru_cache(maxsize=1)
def capacity_template() -> Spec:
    chart = (
        alt.Chart(_named("rows"))
        .mark_rect()
        .encode(
            x=alt.X("yearmonth(month):O", title="Month"),
            y=alt.Y("team:N", title="Team"),
            color=alt.Color(
                "use:Q",
                title="Capacity used",
                scale=alt.Scale(domain=[0, 1.2], scheme="yelloworangered"),
                legend=alt.Legend(format="%"),
            ),
            tooltip=[
                "team:N",
                alt.Tooltip("month:T", format="%b %Y"),
                alt.Tooltip("use:Q", format=".0%"),
                "used_days:Q",
                "available_days:Q",
            ],
        )
        .properties(width=WIDTH)
    )
    spec: Spec = chart.to_dict(validate=False)
    return spec


def capacity(rows: Rows) -> Spec:
    """Share of each team's capacity used per month, as a heat map."""
    teams = len({r["team"] for r in rows})
    return attach(capacity_template(), height=max(60, 28 * teams), rows=rows)


@lru_cache(maxsize=1)
def timeline_template() -> Spec:
    y = alt.Y(
        "label:N",
        sort=alt.EncodingSortField(field="order", order="ascending"),
        title=None,
        axis=alt.Axis(labelLimit=220),
    )
    spans = (
        alt.Chart(_named("bars"))
        .mark_bar(height=12, cornerRadius=2)
        .encode(
            x=alt.X("start:T", title="Date"),
            x2="end:T",
            y=y,
            color=alt.Color("kind:N", title="Kind"),
            tooltip=["label:N", alt.Tooltip("start:T"), alt.Tooltip("end:T")],
        )
    )
    ticks = (
        alt.Chart(_named("marks"))
        .mark_point(shape="diamond", size=90, filled=True, color="#b00020")
        .encode(x="day:T", y=y, tooltip=["what:N", alt.Tooltip("day:T")])
    )
    now = alt.Chart(_named("today")).mark_rule(color="#555", strokeDash=[3, 3]).encode(x="today:T")
    spec: Spec = alt.layer(spans, ticks, now).properties(width=WIDTH).to_dict(validate=False)
    return spec


def timeline(bars: Rows, marks: Rows, *, today: date) -> Spec:
    """Agreement and tranche bars in the given order, a diamond per deadline, a rule at today."""
    order = {b["label"]: i for i, b in enumerate(bars)}
    return attach(
        timeline_template(),
        height=max(80, 22 * len(bars)),
        bars=[{**b, "order": order[b["label"]]} for b in bars],
        marks=[{**m, "order": order.get(m["label"], 0)} for m in marks],
        today=[{"today": today.isoformat()}],
    )


@lru_cache(maxsize=16)
def bars_template(x: str, y: str, color: str | None, x_title: str, x_format: str) -> Spec:
    enc: dict[str, Any] = {
        "x": alt.X(f"{x}:Q", title=x_title or x, axis=alt.Axis(format=x_format or alt.Undefined)),
        "y": alt.Y(f"{y}:N", title=None, sort=None, axis=alt.Axis(labelLimit=220)),
        "tooltip": [f"{y}:N", alt.Tooltip(f"{x}:Q", format=x_format or ",.0f")],
    }
    if color:
        enc["color"] = alt.Color(f"{color}:N", title=color.replace("_", " "))
        enc["yOffset"] = alt.YOffset(f"{color}:N")
        enc["tooltip"].append(f"{color}:N")
    chart = alt.Chart(_named("rows")).mark_bar().encode(**enc).properties(width=WIDTH)
    spec: Spec = chart.to_dict(validate=False)
    return spec


def bars(
    rows: Rows,
    *,
    x: str,
    y: str,
    color: str | None = None,
    x_title: str = "",
    x_format: str = "",
) -> Spec:
    """Horizontal bars, grouped side by side by ``color`` within each row when given."""
    groups = len({r[color] for r in rows}) if color else 1
    height = max(60, 16 * len({r[y] for r in rows}) * groups)
    return attach(bars_template(x, y, color, x_title, x_format), height=height, rows=rows)


@lru_cache(maxsize=1)
def s_curve_template() -> Spec:
    chart = (
        alt.Chart(_named("rows"))
        .mark_line(interpolate="step-after")
        .encode(
            x=alt.X("finish:T", title="Programme finish"),
            y=alt.Y(
                "probability:Q",
                title="Probability of finishing by then",
                axis=alt.Axis(format="%"),
            ),
            tooltip=[
                alt.Tooltip("finish:T", format="%d %b %Y"),
                alt.Tooltip("probability:Q", format=".0%"),
            ],
        )
        .properties(width=WIDTH, height=220)
    )
    spec: Spec = chart.to_dict(validate=False)
    return spec


def s_curve(rows: Rows) -> Spec:
    """Probability of finishing by each date."""
    return attach(s_curve_template(), rows=rows)


@lru_cache(maxsize=1)
def histogram_template() -> Spec:
    chart = (
        alt.Chart(_named("rows"))
        .mark_bar()
        .encode(
            x=alt.X("low:Q", title="Transitional hosting cost (£)", bin="binned"),
            x2="high:Q",
            y=alt.Y("runs:Q", title="Runs"),
            tooltip=[
                alt.Tooltip("low:Q", format=",.0f"),
                alt.Tooltip("high:Q", format=",.0f"),
                "runs:Q",
            ],
        )
        .properties(width=WIDTH, height=200)
    )
    spec: Spec = chart.to_dict(validate=False)
    return spec


def histogram(rows: Rows) -> Spec:
    """Pre-binned counts (``low``, ``high``, ``runs``) drawn as adjacent bars."""
    return attach(histogram_template(), rows=rows)


@lru_cache(maxsize=1)
def tornado_template() -> Spec:
    chart = (
        alt.Chart(_named("rows"))
        .mark_bar()
        .encode(
            x=alt.X("low_days:Q", title="Finish, days against the P50 finish"),
            x2="high_days:Q",
            y=alt.Y(
                "name:N",
                sort=alt.EncodingSortField(field="order"),
                title=None,
                axis=alt.Axis(labelLimit=220),
            ),
            color=alt.Color("kind:N", title="Driver"),
            tooltip=["name:N", "kind:N", "low_days:Q", "high_days:Q"],
        )
        .properties(width=WIDTH)
    )
    spec: Spec = chart.to_dict(validate=False)
    return spec


def tornado(rows: Rows) -> Spec:
    """A bar per driver from the finish at its low value to the finish at its high value."""
    ordered = [{**r, "order": i} for i, r in enumerate(rows)]
    return attach(tornado_template(), height=max(60, 20 * len(ordered)), rows=ordered)


TEMPLATES = (
    burn_down_template,
    gantt_template,
    capacity_template,
    timeline_template,
    s_curve_template,
    histogram_template,
    tornado_template,
)
"""Every fixed template, for tests that validate them against the Vega-Lite schema."""
