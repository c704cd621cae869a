"""The pack's charts as Vega-Lite specifications (Altair), rendered to SVG offline.

Every chart is sized to the printed page: :data:`WIDTH` pixels overall (the
A4 text width at 96 px per inch) with the plot fitted inside, so nothing is
scaled down to unreadable type.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

import altair as alt
import vl_convert as vlc

from carveout.reports.contents import Pack, ServiceLine
from carveout.reports.pool_contents import PoolSection

WIDTH = 640
FONT = "Liberation Sans, DejaVu Sans, Arial, sans-serif"
GANTT_ROWS = 42
"""Bars per Gantt chart: about what fits on a page; longer plans are split by team."""
ROW_HEIGHT = 14

SERIES_COLOURS = {
    "Baseline": "#9ecae9",
    "Plan": "#4c78a8",
    "Actual": "#222222",
    "Forecast P50": "#f58518",
    "Forecast P80": "#c0392b",
}
SERIES_DASHES = {
    "Baseline": [1, 2],
    "Plan": [1, 0],
    "Actual": [1, 0],
    "Forecast P50": [8, 4],
    "Forecast P80": [2, 3],
}
"""Forecasts are dashed and the actual line is heavier, so the burn-down reads in grey too."""
SERIES_WIDTHS = {
    "Baseline": 2.0,
    "Plan": 2.0,
    "Actual": 3.5,
    "Forecast P50": 2.0,
    "Forecast P80": 2.0,
}
STATE_COLOURS = {
    "Cut over": "#7f8c8d",
    "In progress": "#f58518",
    "Planned": "#4c78a8",
    "Planned (critical)": "#c0392b",
}

Chart = alt.TopLevelMixin


def _data(rows: Sequence[dict[str, Any]]) -> Any:
    return alt.Data(values=list(rows))  # type: ignore[no-untyped-call]


def _finish(chart: Any, *, height: int, title: str) -> Chart:
    """Size, title and house style; Altair's builders are untyped, the result is a chart."""
    styled = (
        chart.properties(width=WIDTH, height=height, title=title)
        .configure(font=FONT, autosize=alt.AutoSizeParams(type="fit-x", contains="padding"))
        .configure_title(fontSize=13, anchor="start")
        .configure_axis(labelFontSize=10, titleFontSize=11)
        .configure_legend(orient="bottom", labelFontSize=10, titleFontSize=10)
        .configure_view(stroke=None)
    )
    return cast(Chart, styled)


def _rule(day: str, colour: str, label: str) -> Any:
    base = alt.Chart(_data([{"day": day, "label": label}]))
    rule = base.mark_rule(color=colour, strokeDash=[4, 3]).encode(x="day:T")
    text = base.mark_text(color=colour, align="left", dx=3, dy=-4, fontSize=9, baseline="bottom")
    return rule + text.encode(x="day:T", y=alt.value(0), text="label:N")


def _markers(pack: Pack) -> list[Any]:
    marks = [_rule(pack.as_of.isoformat(), "#555555", "data date")]
    if pack.status.deadline is not None:
        marks.append(_rule(pack.status.deadline.isoformat(), "#c0392b", "deadline"))
    return marks


def _state(line: ServiceLine) -> str:
    if line.status == "cut_over":
        return "Cut over"
    if line.status == "in_progress":
        return "In progress"
    return "Planned (critical)" if line.critical else "Planned"


def gantt_rows(pack: Pack) -> list[dict[str, Any]]:
    """One bar per moving service with dates: actual where known, planned otherwise."""
    rows = []
    for line in pack.moving:
        start = line.actual_start or line.planned_start
        end = line.actual_end or line.planned_cutover
        if start is None or end is None:
            continue
        rows.append(
            {
                "service": line.code,
                "team": line.team,
                "start": start.isoformat(),
                "end": end.isoformat(),
                "state": _state(line),
            }
        )
    return sorted(rows, key=lambda r: (r["start"], r["end"], r["service"]))


def gantt_groups(pack: Pack) -> list[tuple[str, list[dict[str, Any]]]]:
    """The Gantt's bars in page-sized groups: all together if they fit, else whole teams
    gathered (in code order) into charts of at most :data:`GANTT_ROWS` bars."""
    rows = gantt_rows(pack)
    if len(rows) <= GANTT_ROWS:
        return [("", rows)] if rows else []
    groups: list[tuple[list[str], list[dict[str, Any]]]] = []
    for team in sorted({r["team"] for r in rows}):
        mine = [r for r in rows if r["team"] == team]
        for i in range(0, len(mine), GANTT_ROWS):
            part = mine[i : i + GANTT_ROWS]
            if groups and len(groups[-1][1]) + len(part) <= GANTT_ROWS:
                groups[-1][0].append(team)
                groups[-1][1].extend(part)
            else:
                groups.append(([team], list(part)))
    return [(", ".join(dict.fromkeys(teams)), part) for teams, part in groups]


def gantt(pack: Pack, rows: Sequence[dict[str, Any]], title: str) -> Chart:
    """Bars from start to cut-over, coloured by state, with the data date and deadline."""
    order = [r["service"] for r in rows]
    bars = (
        alt.Chart(_data(rows))
        .mark_bar(cornerRadius=1, height=ROW_HEIGHT - 4)
        .encode(
            x=alt.X("start:T", title=None, axis=alt.Axis(format="%b %Y", labelAngle=0)),
            x2="end:T",
            y=alt.Y("service:N", sort=order, title=None, axis=alt.Axis(labelFontSize=9)),
            color=alt.Color(
                "state:N",
                title=None,
                scale=alt.Scale(domain=list(STATE_COLOURS), range=list(STATE_COLOURS.values())),
            ),
        )
    )
    layered = alt.layer(bars, *_markers(pack))
    return _finish(layered, height=max(60, ROW_HEIGHT * len(rows)), title=title)


def burn_down(pack: Pack) -> Chart:
    """Services still hosted for others: baseline, plan, actual and the forecast P50 and P80.

    Before the data date plan and forecasts are the actual line; the forecasts
    start at the data date and the baseline runs as the board approved it.

    Colour, dash and line width all encode the series under one title, so
    Vega-Lite merges them into a single legend whose symbols show all three.
    """
    # The actual line is drawn last, on top of the forecasts that start from it.
    order = ("Baseline", "Forecast P80", "Forecast P50", "Plan", "Actual")
    drawn = {s: i for i, s in enumerate(order)}
    rows = [
        {"day": p.day.isoformat(), "series": p.series, "services": p.services}
        for p in sorted(pack.burn_down, key=lambda p: drawn.get(p.series, -1))
    ]
    present = [s for s in SERIES_COLOURS if any(r["series"] == s for r in rows)]
    legend = alt.Legend(title=None, orient="bottom", symbolType="stroke", symbolSize=500)

    def series(channel: Any, styles: dict[str, Any]) -> Any:
        scale = alt.Scale(domain=present, range=[styles[s] for s in present])
        return channel("series:N", title=None, legend=legend, scale=scale)

    lines = (
        alt.Chart(_data(rows))
        .mark_line(interpolate="step-after")
        .encode(
            x=alt.X("day:T", title=None, axis=alt.Axis(format="%b %Y", labelAngle=0)),
            y=alt.Y("services:Q", title="Services still hosted"),
            color=series(alt.Color, SERIES_COLOURS),
            strokeDash=series(alt.StrokeDash, SERIES_DASHES),
            strokeWidth=series(alt.StrokeWidth, SERIES_WIDTHS),
        )
    )
    return _finish(
        alt.layer(lines, *_markers(pack)), height=190, title="Burn-down of hosted services"
    )


def s_curve(pack: Pack) -> Chart:
    """Chance of having finished by each date, with the deadline and data date marked."""
    rows = [{"day": d.isoformat(), "p": p} for d, p in pack.risk.s_curve]
    line = (
        alt.Chart(_data(rows))
        .mark_line(strokeWidth=2, color=SERIES_COLOURS["Plan"])
        .encode(
            x=alt.X("day:T", title="Programme finish", axis=alt.Axis(format="%b %Y")),
            y=alt.Y("p:Q", title="Chance finished", axis=alt.Axis(format="%")),
        )
    )
    marks = []
    if pack.status.deadline is not None:
        marks.append(_rule(pack.status.deadline.isoformat(), "#c0392b", "deadline"))
    return _finish(alt.layer(line, *marks), height=210, title="Finish-date S-curve")


def tranches(pack: Pack) -> Chart:
    """The contracted tranches on a time line, labelled with their monthly charge."""
    rows = [
        {
            "tranche": t.name,
            "start": t.start.isoformat(),
            "end": t.end.isoformat(),
            "host": t.host,
            "label": f"£{t.monthly_charge / 1000:,.0f}k/month",
        }
        for t in pack.tranches
    ]
    base = alt.Chart(_data(rows))
    bars = base.mark_bar(height=14, color="#9ecae9").encode(
        x=alt.X("start:T", title=None, axis=alt.Axis(format="%b %Y", labelAngle=0)),
        x2="end:T",
        y=alt.Y("tranche:N", title=None, sort=None),
    )
    text = base.mark_text(align="left", dx=4, fontSize=9).encode(
        x="start:T", y=alt.Y("tranche:N", sort=None), text="label:N"
    )
    height = max(60, 24 * len(rows))
    return _finish(alt.layer(bars, text, *_markers(pack)), height=height, title="Hosting tranches")


def _pennies(pounds: float) -> float:
    """Money as charted: to the penny, so that float noise (a gap of 1e-311 pounds) is nought
    rather than an axis no renderer can tick."""
    return round(pounds, 2) + 0.0


def allocations(pool: PoolSection) -> Chart:
    """Each party's annual charge under each method."""
    rows = [
        {"party": party.party, "method": method, "pounds": _pennies(amount)}
        for party in pool.parties
        for method, amount in zip(pool.methods, party.amounts, strict=True)
    ]
    bars = (
        alt.Chart(_data(rows))
        .mark_bar()
        .encode(
            x=alt.X("party:N", title=None, axis=alt.Axis(labelAngle=0)),
            xOffset=alt.XOffset("method:N", sort=list(pool.methods)),
            y=alt.Y("pounds:Q", title="£ a year", axis=alt.Axis(format="~s")),
            color=alt.Color("method:N", title=None, sort=list(pool.methods)),
        )
    )
    return _finish(bars, height=180, title=f"{pool.name}: annual charge by method")


def ledger(pool: PoolSection) -> Chart:
    """The running gap between what each party paid and its fair share, year by year."""
    rows = [
        {"year": str(r.year), "party": r.party, "pounds": _pennies(r.cumulative)}
        for r in pool.ledger
    ]
    lines = (
        alt.Chart(_data(rows))
        .mark_line(point=True)
        .encode(
            x=alt.X("year:O", title=None, axis=alt.Axis(labelAngle=0)),
            y=alt.Y(
                "pounds:Q",
                title="£ paid above (+) / below (−) fair share",
                axis=alt.Axis(format="~s"),
            ),
            color=alt.Color("party:N", title=None),
        )
    )
    return _finish(lines, height=170, title=f"{pool.name}: running gap to the fair share")


def to_svg(chart: Chart) -> str:
    """The chart as a standalone SVG document."""
    svg: str = vlc.vegalite_to_svg(chart.to_json())
    return svg
