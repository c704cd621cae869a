"""Charts of a forecast as Vega-Lite (via Altair), saved as SVG and PNG offline."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, cast

import altair as alt
import vl_convert as vlc

from carveout.risk.forecast import Forecast
from carveout.risk.joint_chart import joint_spec

Chart = alt.TopLevelMixin


def _data(rows: list[dict[str, Any]]) -> Any:
    return alt.Data(values=rows)  # type: ignore[no-untyped-call]


def _chart(chart: Any) -> Chart:
    # Altair's builder methods are untyped; the result is always a top-level chart.
    return cast(Chart, chart)


def s_curve(forecast: Forecast) -> Chart:
    """Probability of having finished by each date, with the deadline marked."""
    data = _data([{"date": d.isoformat(), "probability": p} for d, p in forecast.s_curve])
    line = (
        alt.Chart(data)
        .mark_line()
        .encode(
            x=alt.X("date:T", title="Programme finish"),
            y=alt.Y("probability:Q", title="Probability finished", axis=alt.Axis(format="%")),
        )
    )
    title = {"title": "Finish-date S-curve", "width": 480, "height": 260}
    if forecast.deadline is None:
        return _chart(line.properties(**title))
    rule = (
        alt.Chart(_data([{"date": forecast.deadline.isoformat()}]))
        .mark_rule(color="firebrick", strokeDash=[4, 3])
        .encode(x="date:T")
    )
    return _chart(alt.layer(line, rule).properties(**title))


def cost_histogram(forecast: Forecast) -> Chart:
    """How often each transitional-hosting cost occurred."""
    c = forecast.hosting_cost
    data = _data(
        [
            {"from": lo, "to": hi, "runs": n}
            for lo, hi, n in zip(c.bins[:-1], c.bins[1:], c.counts, strict=True)
        ]
    )
    chart = (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=alt.X("from:Q", bin="binned", title="Hosting cost (£)"),
            x2="to:Q",
            y=alt.Y("runs:Q", title="Runs"),
        )
        .properties(title="Transitional hosting cost", width=480, height=260)
    )
    return _chart(chart)


def tornado(forecast: Forecast) -> Chart:
    """Mean finish (days) when each driver is low versus high, largest swing on top."""
    rows: list[dict[str, Any]] = []
    for d in forecast.drivers:
        label = f"{d.name} ({d.kind})"
        swing = abs(d.high - d.low)
        rows.append({"driver": label, "end": "low", "days": d.low, "swing": swing})
        rows.append({"driver": label, "end": "high", "days": d.high, "swing": swing})
    data = _data(rows)
    chart = (
        alt.Chart(data)
        .mark_line(point=True, strokeWidth=8)
        .encode(
            y=alt.Y("driver:N", sort="-x", title=None),
            x=alt.X(
                "days:Q",
                title="Mean programme finish (days from start)",
                scale=alt.Scale(zero=False),
            ),
            detail="driver:N",
        )
        .properties(title="What drives the finish", width=480, height=260)
    )
    return _chart(chart)


def save_charts(forecast: Forecast, folder: Path) -> list[Path]:
    """Write the S-curve, cost histogram, tornado, joint confidence and (when measured) the
    drivers and mitigations as SVG and PNG into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    charts = {"finish-s-curve": s_curve, "hosting-cost": cost_histogram, "tornado": tornado}
    for name, make in charts.items():
        spec = make(forecast).to_json()
        svg = folder / f"{name}.svg"
        svg.write_text(vlc.vegalite_to_svg(spec), encoding="utf-8")
        png = folder / f"{name}.png"
        png.write_bytes(vlc.vegalite_to_png(spec, scale=2))
        written += [svg, png]
    if forecast.joint is not None:
        spec = json.dumps(joint_spec(forecast.joint, width=480))
        svg = folder / "joint-confidence.svg"
        svg.write_text(vlc.vegalite_to_svg(spec), encoding="utf-8")
        png = folder / "joint-confidence.png"
        png.write_bytes(vlc.vegalite_to_png(spec, scale=2))
        written += [svg, png]
    if forecast.impacts is not None:
        written += _save_impacts(forecast, folder)
    return written


def _save_impacts(forecast: Forecast, folder: Path) -> list[Path]:
    """The drivers and mitigations charts, as SVG and PNG."""
    from carveout.risk.impacts_chart import drivers_spec, mitigations_spec

    impacts = forecast.impacts
    if impacts is None:
        return []
    specs = {"drivers": drivers_spec(impacts.drivers)}
    if impacts.mitigations:
        specs["mitigations"] = mitigations_spec(impacts)
    written: list[Path] = []
    for name, made in specs.items():
        spec = json.dumps(made)
        svg = folder / f"{name}.svg"
        svg.write_text(vlc.vegalite_to_svg(spec), encoding="utf-8")
        png = folder / f"{name}.png"
        png.write_bytes(vlc.vegalite_to_png(spec, scale=2))
        written += [svg, png]
    return written
