"""The pack as one self-contained HTML document: styles and SVG charts inline, no network."""

from __future__ import annotations

import base64
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files

import jinja2
from markupsafe import Markup

from carveout.reports import charts
from carveout.reports.contents import Pack
from carveout.reports.formatting import (
    days,
    label,
    percent,
    pounds,
    pounds_exact,
    uk_date,
    uk_month,
)
from carveout.reports.impacts_chart import impacts_svg
from carveout.reports.joint import joint_svg
from carveout.reports.trade_offs import frontier_svg

CHAPTERS = (
    ("summary", "1. Summary"),
    ("progress", "2. Progress since the previous report"),
    ("plan", "3. The plan"),
    ("risk", "4. Risk"),
    ("money", "5. Money"),
    ("appendix", "Appendix: every service"),
)
"""The chapters in order: the element id and the title in the contents list."""
TRADE_OFFS = ("trade-offs", "Appendix: trade-offs")
CHARGES = ("charges", "Appendix: charges against invoices")
SEPARATION = ("separation", "Appendix: the cost of separating")
READINESS = ("readiness", "Appendix: readiness alongside the plan")
SERVICE_LEVELS = ("service-levels", "Appendix: service levels and credits")
"""The last chapter, when a sweep was made as of the pack's data date."""


@dataclass(frozen=True, slots=True)
class Charts:
    """The pack's charts as inline SVG markup."""

    gantt: list[tuple[str, Markup]]
    burn_down: Markup
    tranches: Markup
    s_curve: Markup
    allocations: list[Markup]
    ledgers: list[Markup]
    joint: Markup = field(default_factory=Markup)
    impacts: Markup = field(default_factory=Markup)
    frontier: Markup = field(default_factory=Markup)


def _svg(chart: charts.Chart, alt: str) -> Markup:
    """The chart as an ``<img>`` of inline SVG data: vector in the PDF, and WeasyPrint lays out
    an image much faster than the same SVG inline in the page."""
    return _img(charts.to_svg(chart), alt)


def _img(svg: str, alt: str) -> Markup:
    data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    return Markup('<img alt="{}" src="data:image/svg+xml;base64,{}">').format(alt, data)


def _gantt_title(teams: str) -> str:
    title = "Plan: migrations by start date"
    if not teams:
        return title
    return f"{title}, teams {teams}" if "," in teams else f"{title}, team {teams}"


def render_charts(pack: Pack) -> Charts:
    """Every chart of the pack, rendered."""
    gantt = []
    for teams, rows in charts.gantt_groups(pack):
        title = _gantt_title(teams)
        gantt.append((teams, _svg(charts.gantt(pack, rows, title), title)))
    return Charts(
        gantt=gantt,
        burn_down=_svg(charts.burn_down(pack), "Burn-down of hosted services"),
        tranches=_svg(charts.tranches(pack), "Hosting tranches") if pack.tranches else Markup(""),
        s_curve=_svg(charts.s_curve(pack), "Finish-date S-curve")
        if pack.risk.s_curve
        else Markup(""),
        allocations=[
            _svg(charts.allocations(pool), f"{pool.name}: annual charge by method")
            for pool in pack.pools
        ],
        ledgers=[
            _svg(charts.ledger(pool), f"{pool.name}: running gap to the fair share")
            if pool.ledger
            else Markup("")
            for pool in pack.pools
        ],
        joint=_img(joint_svg(pack.risk.joint), "Joint cost-and-date confidence")
        if pack.risk.joint is not None
        else Markup(""),
        frontier=frontier_svg(pack.trade_offs) if pack.trade_offs else Markup(""),
        impacts=_img(impacts_svg(pack.impacts), "Drivers of the P80 finish in days")
        if pack.impacts is not None and pack.impacts.drivers
        else Markup(""),
    )


CODE_EM = 0.8
"""Width of one character of a code, in em: capitals run wider than digits (W and M widest)."""
PADDING_EM = 0.9
"""A cell's left and right padding together, in em of the appendix type."""
DATE_WIDTH = "6.8em"
WORD_WIDTH = "6.2em"
"""Fate and status: short words that may wrap at their spaces."""


def _code_width(heading: str, codes: Iterable[str]) -> str:
    longest = max((len(c) for c in codes), default=0)
    return f"{max(longest * CODE_EM, len(heading) * CODE_EM) + PADDING_EM:.1f}em"


def appendix_columns(pack: Pack) -> tuple[tuple[str, str | None], ...]:
    """The appendix's headings and column widths (the table lays out fast with fixed widths).

    A code never breaks: each code column is as wide as its longest code, dates
    are as wide as a date, and the service column (None) takes the rest.
    """
    lines = pack.services
    return (
        ("Service", None),
        ("Host", _code_width("Host", (s.host for s in lines))),
        ("Fate", WORD_WIDTH),
        ("To", _code_width("To", (s.destination for s in lines))),
        ("Team", _code_width("Team", (s.team for s in lines))),
        ("Start", DATE_WIDTH),
        ("Cut-over", DATE_WIDTH),
        ("Status", WORD_WIDTH),
        ("P80", DATE_WIDTH),
    )


@cache
def environment() -> jinja2.Environment:
    """The Jinja2 environment of the report templates, with the UK formatting filters."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("carveout.reports", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        uk_date=uk_date,
        uk_month=uk_month,
        pounds=pounds,
        pounds_exact=pounds_exact,
        percent=percent,
        days=days,
        label=label,
    )
    return env


def stylesheet() -> str:
    return files("carveout.reports").joinpath("templates/report.css").read_text(encoding="utf-8")


FEASIBLE = ("optimal", "feasible")
"""Plan statuses whose costs are figures; without a feasible plan they are unknown, not £0."""


def render_html(pack: Pack, rendered: Charts | None = None) -> str:
    """The pack as HTML (charts rendered here unless given)."""
    template = environment().get_template("report.html.j2")
    return template.render(
        pack=pack,
        costed=pack.plan_status in FEASIBLE,
        appendix=appendix_columns(pack),
        charts=rendered if rendered is not None else render_charts(pack),
        chapters=CHAPTERS
        + ((TRADE_OFFS,) if pack.trade_offs else ())
        + ((CHARGES,) if pack.charges else ())
        + ((SEPARATION,) if pack.separation else ())
        + ((READINESS,) if pack.readiness else ())
        + ((SERVICE_LEVELS,) if pack.service_levels else ()),
        css=Markup(stylesheet()),
    )
