"""Without a feasible plan the pack's hosting costs are unknown: they read as a dash, not £0."""

import re
from datetime import UTC, datetime

import pytest
from markupsafe import Markup

from carveout.planning.plan import Plan
from carveout.reports.contents import Pack
from carveout.reports.html import Charts, render_html
from carveout.reports.pack import build_pack
from tests.reports.programme import AS_OF, Results

NO_CHARTS = Charts(
    gantt=[],
    burn_down=Markup(""),
    tranches=Markup(""),
    s_curve=Markup(""),
    allocations=[],
    ledgers=[],
)


def _pack(results: Results, plan: Plan | None) -> Pack:
    return build_pack(
        portfolio=results.portfolio,
        scenario=results.portfolio.scenarios[0],
        plan=plan,
        forecast=None,
        costs=None,
        as_of=AS_OF,
        previous=None,
        generated=datetime(2021, 10, 15, 9, tzinfo=UTC),
    )


def _figure(html: str, name: str) -> str:
    found = re.search(rf'data-figure="{name}">([^<]*)<', html)
    assert found, name
    return found.group(1)


def _infeasible(results: Results) -> Plan:
    return results.plan.model_copy(
        update={
            "status": "infeasible",
            "finish": None,
            "hosting_cost": 0.0,
            "step_up_cost": 0.0,
            "bridge_cost": 0.0,
            "migrations": (),
            "burn_down": (),
            "tranches": (),
        }
    )


@pytest.mark.parametrize("plan", ["infeasible", "missing"])
def test_hosting_costs_read_as_a_dash_without_a_feasible_plan(results: Results, plan: str) -> None:
    html = render_html(
        _pack(results, _infeasible(results) if plan == "infeasible" else None), NO_CHARTS
    )

    for figure in ("to-date", "to-go", "hosting-total", "bridges"):
        assert _figure(html, figure) == "—", figure
    assert "No feasible plan" in html


def test_hosting_costs_are_pounds_with_a_feasible_plan(results: Results) -> None:
    html = render_html(_pack(results, results.plan), NO_CHARTS)

    assert _figure(html, "to-go").startswith("£")
    assert "No feasible plan" not in html
